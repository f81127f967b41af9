using System.Runtime.InteropServices;
using Ghn.Graphs;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// Runs an <see cref="ArchitectureGraph"/> functionally: every node becomes a <c>torch.nn.functional</c> call on
/// parameter and buffer tensors looked up by name, so the result is differentiable with respect to those tensors
/// (the GHN's meta-training feeds it predicted weights). Running it with a model's own parameters reproduces the
/// model's <c>forward</c>, which is how extraction is checked to be exact.
/// </summary>
public sealed class GraphExecutor
{
    private readonly ArchitectureGraph _graph;
    private readonly Kernel[] _kernels;

    // _lastUse[i]: the id of the last node that reads node i's value, after which that value is disposed.
    private readonly int[] _lastUse;

    /// <summary>Prepares <paramref name="graph"/> for execution.</summary>
    /// <exception cref="ArgumentException">A node has an op the executor cannot run or lacks an attribute its op needs; the message names the node.</exception>
    public GraphExecutor(ArchitectureGraph graph)
    {
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _kernels = new Kernel[graph.Nodes.Count];
        _lastUse = new int[graph.Nodes.Count];
        foreach (var node in graph.Nodes.Skip(graph.InputCount))
        {
            try
            {
                _kernels[node.Id] = OpKernels.Create(node);
            }
            catch (InvalidOperationException e)
            {
                throw new ArgumentException($"The graph cannot be executed: {e.Message}", nameof(graph), e);
            }

            foreach (var input in node.Inputs)
            {
                _lastUse[input] = node.Id;
            }
        }
    }

    /// <summary>The graph this executor runs.</summary>
    public ArchitectureGraph Graph => _graph;

    /// <summary>Computes the graph's output for <paramref name="input"/>.</summary>
    /// <param name="input">The network input, batch first (for example N×C×H×W).</param>
    /// <param name="tensors">
    /// Every parameter of the graph by its name (<see cref="TensorSpec.Name"/>, as <c>named_parameters()</c> names it),
    /// and optionally the buffers (BatchNorm running statistics, as <c>named_buffers()</c> names them).
    /// </param>
    /// <param name="training">
    /// True: BatchNorm normalises with batch statistics and updates the running statistics passed in
    /// <paramref name="tensors"/> (if any), dropout is active. False: BatchNorm uses the running statistics, which must
    /// then be passed, and dropout is the identity.
    /// </param>
    /// <returns>The output; intermediate values are disposed before returning.</returns>
    /// <exception cref="ArgumentException">
    /// A tensor the graph needs is missing or has the wrong shape, or an op rejects its input (an input of the wrong
    /// shape); the message names the tensor or the node.
    /// </exception>
    public Tensor Forward(Tensor input, IReadOnlyDictionary<string, Tensor> tensors, bool training) => ForwardAll(input, tensors, training)[0];

    /// <summary>
    /// Runs the graph and returns every output, in the order forward returns them (one for most models; several for
    /// one that returns a tuple, such as a policy and a value head). <see cref="Forward"/> gives the first.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Forward"/>.</exception>
    public Tensor[] ForwardAll(Tensor input, IReadOnlyDictionary<string, Tensor> tensors, bool training) => ForwardAll([input], tensors, training);

    /// <summary>Runs a graph of several inputs (<c>forward(input, offsets)</c>, <c>forward(x, mask)</c>), given in forward's order; as <see cref="ForwardAll(Tensor, IReadOnlyDictionary{string, Tensor}, bool)"/> otherwise.</summary>
    /// <exception cref="ArgumentException">The number of inputs is not the graph's, or as <see cref="Forward"/>.</exception>
    public Tensor[] ForwardAll(IReadOnlyList<Tensor> inputs, IReadOnlyDictionary<string, Tensor> tensors, bool training)
    {
        if (inputs is null || inputs.Any(i => i is null))
        {
            throw new ArgumentNullException(nameof(inputs));
        }

        var inputCount = _graph.InputCount;
        if (inputs.Count != inputCount)
        {
            throw new ArgumentException($"The graph takes {inputCount} input(s) but {inputs.Count} were given.", nameof(inputs));
        }

        if (tensors is null)
        {
            throw new ArgumentNullException(nameof(tensors));
        }

        Validate(tensors, training);

        using var scope = NewDisposeScope();
        var values = new Tensor?[_graph.Nodes.Count];
        for (var i = 0; i < inputCount; i++)
        {
            values[i] = inputs[i];
        }

        // The output node only names the results, whose values are read last, so none of them is disposed.
        foreach (var node in _graph.Nodes.Skip(inputCount).Take(_graph.Nodes.Count - inputCount - 1))
        {
            var arguments = node.Inputs.Select(i => values[i]!).ToArray();
            Tensor output;
            try
            {
                output = _kernels[node.Id](arguments, new NodeTensors(node, tensors), training);
            }
            catch (ExternalException e)
            {
                // LibTorch's message says what failed (typically an input of the wrong shape) but not where.
                throw new ArgumentException($"Node {node} failed on inputs of shape {string.Join(", ", arguments.Select(i => $"[{string.Join(", ", i.shape)}]"))}: {e.Message}", nameof(inputs), e);
            }

            // Pass-through ops (identity, dropout in evaluation) return their input: give the node its own handle
            // so that disposing the input after its last use leaves this value alive.
            values[node.Id] = arguments.Any(i => ReferenceEquals(i, output)) ? output.alias() : output;
            foreach (var i in node.Inputs.Distinct())
            {
                if (i >= inputCount && _lastUse[i] == node.Id)
                {
                    values[i]!.Dispose();
                    values[i] = null;
                }
            }
        }

        return [.. _graph.Output.Inputs.Select(i => values[i]!.alias().MoveToOuterDisposeScope())];
    }

    private void Validate(IReadOnlyDictionary<string, Tensor> tensors, bool training)
    {
        foreach (var node in _graph.Nodes)
        {
            foreach (var parameter in node.Parameters)
            {
                if (!tensors.TryGetValue(parameter.Name, out var tensor))
                {
                    throw new ArgumentException($"The parameter '{parameter.Name}' of node {node} is missing from the tensors; pass every parameter of the graph by name.", nameof(tensors));
                }

                CheckShape(node, parameter, tensor);
            }

            if (node.Kind == OpKind.Tensor && node.Buffers.FirstOrDefault(b => !tensors.ContainsKey(b.Name)) is { } read)
            {
                throw new ArgumentException($"The buffer '{read.Name}' that node {node} reads is missing from the tensors; pass the model's buffers (named_buffers()).", nameof(tensors));
            }

            var statistics = node.Buffers.Where(b => b.Role is "running_mean" or "running_var").ToArray();
            var given = statistics.Where(b => tensors.ContainsKey(b.Name)).ToArray();
            foreach (var buffer in given)
            {
                CheckShape(node, buffer, tensors[buffer.Name]);
            }

            if (given.Length != statistics.Length && (given.Length > 0 || !training))
            {
                var missing = statistics.First(b => !tensors.ContainsKey(b.Name));
                throw new ArgumentException(
                    given.Length > 0
                        ? $"The buffer '{missing.Name}' of node {node} is missing while other running statistics of the node are given; pass all of them or none."
                        : $"The buffer '{missing.Name}' of node {node} is missing: evaluation mode normalises with the running statistics, so pass the model's buffers (named_buffers()) or run with training: true.",
                    nameof(tensors));
            }
        }
    }

    private static void CheckShape(OpNode node, TensorSpec spec, Tensor tensor)
    {
        if (!tensor.shape.SequenceEqual(spec.Shape.Select(d => (long)d)))
        {
            throw new ArgumentException($"The tensor '{spec.Name}' of node {node} has shape [{string.Join(", ", tensor.shape)}]; the graph expects [{string.Join(", ", spec.Shape)}].", "tensors");
        }
    }
}
