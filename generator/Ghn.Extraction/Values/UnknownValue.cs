namespace Ghn.Extraction.Values;

/// <summary>
/// The value of code the extractor has reported as unsupported. Evaluation goes on with it, so that one build reports
/// every unsupported construct of a model; whatever is computed from it is unknown too, without a second report, and
/// a decision that needs it (a branch, a loop bound) ends extraction quietly.
/// </summary>
internal sealed class UnknownValue
{
    public static readonly UnknownValue Instance = new();

    private UnknownValue()
    {
    }

    /// <summary>Whether the value, or any of <paramref name="values"/>, is unknown.</summary>
    public static bool Any(object? value, IEnumerable<object?> values) => value is UnknownValue || values.Any(v => v is UnknownValue);
}

/// <summary>Ends extraction at a decision that needs an <see cref="UnknownValue"/>; the diagnostics already collected say why.</summary>
internal sealed class UnknownReachedException : Exception
{
    public UnknownReachedException()
        : base("A decision depends on code reported as unsupported.")
    {
    }
}
