using Ghn.Extraction.Interpreter;
using Ghn.Graphs;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Forward;

/// <summary>Appends the ops of the traced forward pass; node ids are topological by construction.</summary>
internal sealed class GraphBuilder(int maxNodes)
{
    private readonly List<OpNode> _nodes = [new OpNode(0, OpKind.Input)];

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
        if (_nodes.Count >= maxNodes)
        {
            throw new ExtractionException(ExtractionDiagnostics.GraphTooLarge, at, maxNodes);
        }

        var id = _nodes.Count;
        _nodes.Add(new OpNode(id, kind, inputs, attributes, parameters, buffers, module));
        return id;
    }

    /// <summary>Ends the graph with the output node reading <paramref name="result"/>.</summary>
    public ArchitectureGraph Complete(int result) =>
        new([.. _nodes, new OpNode(_nodes.Count, OpKind.Output, [result])]);
}
