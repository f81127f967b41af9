using Ghn.Graphs;

namespace Ghn.Runtime.Tests.Execution;

/// <summary>Builds small <see cref="ArchitectureGraph"/>s by hand: node 0 is the input, <see cref="Build"/> appends the output.</summary>
internal sealed class GraphBuilder
{
    private readonly List<OpNode> _nodes = [new OpNode(0, OpKind.Input)];

    public int Add(
        OpKind kind,
        int[] inputs,
        IEnumerable<(string Name, AttributeValue Value)>? attributes = null,
        IEnumerable<TensorSpec>? parameters = null,
        IEnumerable<TensorSpec>? buffers = null)
    {
        var id = _nodes.Count;
        _nodes.Add(new OpNode(
            id,
            kind,
            inputs,
            attributes?.Select(a => new KeyValuePair<string, AttributeValue>(a.Name, a.Value)),
            parameters,
            buffers));
        return id;
    }

    public ArchitectureGraph Build(int result)
    {
        Add(OpKind.Output, [result]);
        return new ArchitectureGraph(_nodes);
    }

    /// <summary>A graph of one op applied to the input.</summary>
    public static ArchitectureGraph Single(
        OpKind kind,
        IEnumerable<(string Name, AttributeValue Value)>? attributes = null,
        IEnumerable<TensorSpec>? parameters = null,
        IEnumerable<TensorSpec>? buffers = null)
    {
        var builder = new GraphBuilder();
        return builder.Build(builder.Add(kind, [0], attributes, parameters, buffers));
    }

    public static (string, AttributeValue) Attr(string name, params int[] values) => (name, AttributeValue.Of(values));

    public static (string, AttributeValue) Attr(string name, int value) => (name, AttributeValue.Of(value));

    public static (string, AttributeValue) Attr(string name, double value) => (name, AttributeValue.Of(value));

    public static (string, AttributeValue) Attr(string name, bool value) => (name, AttributeValue.Of(value));

    public static (string, AttributeValue) Attr(string name, string value) => (name, AttributeValue.Of(value));

    public static TensorSpec Spec(string name, params int[] shape) => new(name, shape);
}
