namespace Ghn.Extraction.Values;

/// <summary>What one position of a tensor index selects (<c>TensorIndex</c>: a number, a range, <c>..</c>, a new axis).</summary>
internal enum IndexKind
{
    /// <summary>One index, which removes the dimension.</summary>
    Single,

    /// <summary>A range <c>start..stop</c> with a step; null bounds run to the ends.</summary>
    Slice,

    /// <summary>Every dimension not named by the other positions.</summary>
    Ellipsis,

    /// <summary>A new dimension of size one.</summary>
    NewAxis,
}

/// <summary>One position of a tensor index; negative numbers count from the end, as C#'s <c>^n</c> does.</summary>
internal sealed record IndexValue(IndexKind Kind, long? Start = null, long? Stop = null, long? Step = null)
{
    public static IndexValue Single(long index) => new(IndexKind.Single, index);

    public static readonly IndexValue Colon = new(IndexKind.Slice);

    /// <summary>The <c>indices</c> attribute of a slice op (<see cref="Ghn.Graphs.TensorIndices"/>: kind, start, stop, step per position).</summary>
    public static int[] Encode(IEnumerable<IndexValue> positions)
    {
        const int Open = Ghn.Graphs.TensorIndices.Open;
        static int Bound(long? value) => value is { } v ? checked((int)v) : Open;
        return [.. positions.SelectMany(position => position.Kind switch
        {
            IndexKind.Single => new[] { Ghn.Graphs.TensorIndices.Single, Bound(position.Start), Open, Open },
            IndexKind.Slice => [Ghn.Graphs.TensorIndices.Range, Bound(position.Start), Bound(position.Stop), Bound(position.Step)],
            IndexKind.Ellipsis => [Ghn.Graphs.TensorIndices.Ellipsis, Open, Open, Open],
            _ => [Ghn.Graphs.TensorIndices.NewAxis, Open, Open, Open],
        })];
    }
}

/// <summary>C#'s <c>^n</c>: an index counted from the end.</summary>
internal sealed record FromEnd(long Offset);
