using Ghn.Graphs;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>The parameter and buffer tensors of one node for one forward pass, looked up by role (<c>weight</c>, <c>running_mean</c>, ...).</summary>
internal readonly struct NodeTensors(OpNode node, IReadOnlyDictionary<string, Tensor> tensors)
{
    /// <summary>The parameter with <paramref name="role"/>, or null when the node has none (a convolution without bias).</summary>
    /// <remarks><see cref="GraphExecutor"/> has checked that every parameter the node declares is present.</remarks>
    public Tensor? Parameter(string role) => node.FindParameter(role) is { } spec ? tensors[spec.Name] : null;

    /// <summary>A tensor of the model by its full name (a recurrent layer's state nodes read their layer's weights).</summary>
    public Tensor Named(string name) => tensors[name];

    /// <summary>The node's only parameter or buffer (a <see cref="OpKind.Tensor"/> node's).</summary>
    public Tensor Only() => tensors[node.Parameters.Concat(node.Buffers).Single().Name];

    /// <summary>The buffer with <paramref name="role"/>, or null when the node declares none or the caller did not pass it.</summary>
    public Tensor? Buffer(string role) =>
        node.FindBuffer(role) is { } spec && tensors.TryGetValue(spec.Name, out var tensor) ? tensor : null;
}
