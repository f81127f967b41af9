namespace Ghn.Extraction.Values;

/// <summary>An array or <c>List&lt;T&gt;</c>: a mutable sequence with reference identity, as in C#.</summary>
internal sealed class ListValue(IEnumerable<object?> items)
{
    public List<object?> Items { get; } = [.. items];
}
