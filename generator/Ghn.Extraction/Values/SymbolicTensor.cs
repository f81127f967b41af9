namespace Ghn.Extraction.Values;

/// <summary>
/// A tensor of the traced forward pass: the graph node that computes it. In-place ops rebind
/// <see cref="Node"/>, so that every reference to the tensor sees the update, as in TorchSharp.
/// </summary>
internal sealed class SymbolicTensor(int node)
{
    public int Node { get; set; } = node;
}
