using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;
using Ghn.Graphs;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Forward;

/// <summary>
/// Appends the ops of the traced forward pass; node ids are topological by construction. Given the model's input
/// shape, it also infers every node's shape (<see cref="ShapeInference"/>) for two batch sizes: a size that agrees
/// in both is known at build time, one that differs follows the batch and stays a run-time size.
/// </summary>
internal sealed class GraphBuilder
{
    private static readonly int[] BatchSizes = [2, 3];

    private readonly int _maxNodes;
    private readonly IReadOnlyList<int>? _inputShape;
    private readonly List<OpNode> _nodes;
    private readonly List<int[][]?> _shapes;

    /// <param name="maxNodes">The node budget.</param>
    /// <param name="inputShape">The first input's sample shape (the InputShape of <c>[GhnInit]</c>), or null.</param>
    /// <param name="inputs">How many inputs forward takes; the shapes of those after the first are not known.</param>
    public GraphBuilder(int maxNodes, IReadOnlyList<int>? inputShape, int inputs = 1)
    {
        _maxNodes = maxNodes;
        _inputShape = inputShape;
        _nodes = [.. Enumerable.Range(0, inputs).Select(i => new OpNode(i, OpKind.Input))];
        _shapes = [inputShape is null ? null : [.. BatchSizes.Select(b => WithBatch(inputShape, b))], .. Enumerable.Repeat<int[][]?>(null, inputs - 1)];
    }

    /// <summary>The input's shape for batch size <paramref name="batch"/>: at the -1 of <paramref name="inputShape"/>, else first.</summary>
    private static int[] WithBatch(IReadOnlyList<int> inputShape, int batch) =>
        inputShape.Contains(-1) ? [.. inputShape.Select(s => s == -1 ? batch : s)] : [batch, .. inputShape];

    /// <summary>Adds an op and returns its node id.</summary>
    public int Add(
        OpKind kind,
        IEnumerable<int> inputs,
        IEnumerable<KeyValuePair<string, AttributeValue>>? attributes,
        IOperation at,
        IEnumerable<TensorSpec>? parameters = null,
        IEnumerable<TensorSpec>? buffers = null,
        string? module = null)
    {
        if (_nodes.Count >= _maxNodes)
        {
            throw new ExtractionException(ExtractionDiagnostics.GraphTooLarge, at, _maxNodes);
        }

        var id = _nodes.Count;
        var node = new OpNode(id, kind, inputs, attributes, parameters, buffers, module);
        _nodes.Add(node);
        _shapes.Add(Infer(node, at));
        return id;
    }

    /// <summary>
    /// The sizes of a node's output: a number where it is known at build time, a <see cref="SymbolicSize"/> where it
    /// follows the batch; null when the model gives no input shape.
    /// </summary>
    public IReadOnlyList<object>? Sizes(int node)
    {
        if (_shapes[node] is not [var first, var second])
        {
            return null;
        }

        return [.. first.Select((size, d) => size == second[d] ? (object)(long)size : new SymbolicSize(node, d, followsBatch: true))];
    }

    /// <summary>
    /// A dimension of <paramref name="node"/>'s output that has the run-time size <paramref name="size"/> (read off
    /// another tensor) for every batch size, or -1: a reshape then copies it from its own input.
    /// </summary>
    public int DimensionWithSize(int node, SymbolicSize size)
    {
        if (_shapes[node] is not { } shapes || _shapes[size.Node] is not { } source)
        {
            return -1;
        }

        for (var d = 0; d < shapes[0].Length; d++)
        {
            if (Enumerable.Range(0, BatchSizes.Length).All(b => shapes[b][d] == source[b][size.Dimension]))
            {
                return d;
            }
        }

        return -1;
    }

    /// <summary>
    /// Ends the graph with the output node reading <paramref name="results"/>. Ops whose values nothing uses and that
    /// own no tensors (the attention weights or final LSTM state a model discards) are left out, so that executing
    /// the graph does not compute them; the inputs and every op with parameters or buffers stay.
    /// </summary>
    public ArchitectureGraph Complete(IReadOnlyList<int> results)
    {
        var kept = new bool[_nodes.Count];
        foreach (var result in results)
        {
            kept[result] = true;
        }

        for (var id = _nodes.Count - 1; id >= 0; id--)
        {
            var node = _nodes[id];
            kept[id] |= node.Kind == OpKind.Input || node.Parameters.Count > 0 || node.Buffers.Count > 0;
            foreach (var input in kept[id] ? node.Inputs : [])
            {
                kept[input] = true;
            }
        }

        var newId = new int[_nodes.Count];
        var nodes = new List<OpNode>();
        foreach (var node in _nodes.Where(n => kept[n.Id]))
        {
            newId[node.Id] = nodes.Count;
            nodes.Add(new OpNode(nodes.Count, node.Kind, node.Inputs.Select(i => newId[i]), node.Attributes, node.Parameters, node.Buffers, node.Module));
        }

        nodes.Add(new OpNode(nodes.Count, OpKind.Output, results.Select(r => newId[r])));
        return new ArchitectureGraph(nodes);
    }

    private int[][]? Infer(OpNode node, IOperation at)
    {
        var inputs = node.Inputs.Select(i => _shapes[i]).ToList();
        if (_inputShape is null || inputs.Any(s => s is null))
        {
            return null;
        }

        try
        {
            return [.. Enumerable.Range(0, BatchSizes.Length).Select(b => ShapeInference.InferNode(node, [.. inputs.Select(s => s![b])]))];
        }
        catch (GraphFormatException e)
        {
            throw new ExtractionException(ExtractionDiagnostics.ShapeMismatch, at, string.Join(", ", _inputShape!), e.Message.TrimEnd('.'));
        }
    }
}
