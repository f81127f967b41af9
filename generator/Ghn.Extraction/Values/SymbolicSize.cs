namespace Ghn.Extraction.Values;

/// <summary>
/// <c>x.size(k)</c> or <c>x.shape[k]</c> in forward: a size known only at run time, usable as a reshape entry
/// that copies the dimension of the tensor computed by <see cref="Node"/>.
/// </summary>
internal sealed class SymbolicSize(int node, int dimension, bool followsBatch = false)
{
    public int Node { get; } = node;

    public int Dimension { get; } = dimension;

    /// <summary>True when the model's input shape is known and this size still varies: it follows the batch.</summary>
    public bool FollowsBatch { get; } = followsBatch;
}

/// <summary><c>x.shape</c> in forward: indexing it gives a <see cref="SymbolicSize"/>.</summary>
internal sealed class SymbolicShape(int node)
{
    public int Node { get; } = node;
}
