namespace Ghn.Extraction.Values;

/// <summary>A value tuple; its elements are read through <c>Item1</c>, <c>Item2</c>, ... or their names.</summary>
internal sealed class TupleValue(IReadOnlyList<object?> items)
{
    public IReadOnlyList<object?> Items { get; } = items;
}
