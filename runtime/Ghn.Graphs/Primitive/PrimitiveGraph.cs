using System.Text;
using Ghn.Graphs.Json;

namespace Ghn.Graphs;

/// <summary>
/// The graph a GHN reads (reference GHN-2/GHN-3 conventions): one node per weight tensor and per
/// structural op, real data-flow edges only (the GHN derives virtual edges itself). Serialised as
/// <c>ghn-primitive-graph/1</c> JSON.
/// </summary>
public sealed class PrimitiveGraph : IEquatable<PrimitiveGraph>
{
    /// <summary>The value of the JSON <c>format</c> member.</summary>
    public const string Format = "ghn-primitive-graph/1";

    /// <summary>Creates a graph and checks that it is a DAG in topological order with node 0 the input.</summary>
    /// <exception cref="GraphFormatException">The graph is not valid; the message says why.</exception>
    public PrimitiveGraph(IEnumerable<PrimitiveNode> nodes, IEnumerable<(int Source, int Target)> edges)
    {
        Nodes = nodes.ToArray();
        Edges = edges.Distinct().OrderBy(e => e.Source).ThenBy(e => e.Target).ToArray();
        Validate();
    }

    /// <summary>The nodes; <c>Nodes[i].Id == i</c>.</summary>
    public IReadOnlyList<PrimitiveNode> Nodes { get; }

    /// <summary>Data-flow edges, sorted, each from an earlier to a later node.</summary>
    public IReadOnlyList<(int Source, int Target)> Edges { get; }

    /// <summary>Serialises the graph in the fixture layout: one node per line, edges on one line.</summary>
    public string ToJson()
    {
        var builder = new StringBuilder();
        builder.Append("{\n  \"format\": ").AppendString(Format).Append(",\n  \"nodes\": [\n");
        for (var i = 0; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            builder.Append("    {\"id\": ").Append(node.Id).Append(", \"type\": ").AppendString(node.Type.ToName());
            if (node.Param is not null)
            {
                builder.Append(", \"param\": ").AppendString(node.Param);
            }

            if (node.Shape is not null)
            {
                builder.Append(", \"shape\": ").AppendInts(node.Shape);
            }

            if (node.Classifier != ClassifierRole.None)
            {
                builder.Append(", \"classifier\": ").AppendString(node.Classifier == ClassifierRole.Weight ? "weight" : "bias");
            }

            builder.Append(i + 1 < Nodes.Count ? "},\n" : "}\n");
        }

        builder.Append("  ],\n  \"edges\": [");
        for (var i = 0; i < Edges.Count; i++)
        {
            builder.Append(i == 0 ? "[" : ",[").Append(Edges[i].Source).Append(',').Append(Edges[i].Target).Append(']');
        }

        return builder.Append("]\n}\n").ToString();
    }

    /// <inheritdoc />
    public bool Equals(PrimitiveGraph? other) =>
        other is not null && Nodes.SequenceEqual(other.Nodes) && Edges.SequenceEqual(other.Edges);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PrimitiveGraph);

    /// <inheritdoc />
    public override int GetHashCode() => (Nodes.Count * 397) ^ Edges.Count;

    private void Validate()
    {
        if (Nodes.Count == 0 || Nodes[0].Type != PrimitiveType.Input)
        {
            throw new GraphFormatException("A primitive graph starts with its input node (id 0, type input).");
        }

        for (var i = 0; i < Nodes.Count; i++)
        {
            if (Nodes[i].Id != i)
            {
                throw new GraphFormatException($"Node at position {i} has id {Nodes[i].Id}; ids must be 0, 1, 2, ... in order.");
            }
        }

        foreach (var (source, target) in Edges)
        {
            if (source < 0 || target >= Nodes.Count || source >= target)
            {
                throw new GraphFormatException($"Edge [{source}, {target}] does not go from an earlier to a later node.");
            }
        }
    }
}
