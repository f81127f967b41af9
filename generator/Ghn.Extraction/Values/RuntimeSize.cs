namespace Ghn.Extraction.Values;

/// <summary>
/// Arithmetic on sizes known only at run time (<c>x.size(0) * x.size(1)</c>, <c>C / heads</c> without an InputShape):
/// its value is not known at build time, but as the one inferred entry of <c>view</c>/<c>reshape</c> (a -1) it is exact.
/// </summary>
internal sealed class RuntimeSize
{
    public static RuntimeSize Instance { get; } = new();

    private RuntimeSize()
    {
    }

    /// <summary>Whether <paramref name="value"/> is a size known only at run time.</summary>
    public static bool IsRuntimeSize(object? value) => value is SymbolicSize or RuntimeSize;
}
