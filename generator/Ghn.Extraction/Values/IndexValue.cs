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
}

/// <summary>C#'s <c>^n</c>: an index counted from the end.</summary>
internal sealed record FromEnd(long Offset);
