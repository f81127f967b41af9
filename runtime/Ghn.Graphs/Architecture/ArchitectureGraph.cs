using System.Security.Cryptography;
using System.Text;
using Ghn.Graphs.Json;

namespace Ghn.Graphs;

/// <summary>
/// The op-level DAG of one model, complete enough to execute it: nodes in topological order, node 0 the
/// input, the last node the output, every parameter named as TorchSharp names it.
/// </summary>
public sealed class ArchitectureGraph : IEquatable<ArchitectureGraph>
{
    /// <summary>The value of the JSON <c>format</c> member.</summary>
    public const string Format = "ghn-architecture-graph/1";

    private string? _contentHash;
    private PrimitiveGraph? _primitive;

    /// <summary>Creates a graph and validates its structure.</summary>
    /// <exception cref="GraphFormatException">The nodes do not form a valid graph; the message says why.</exception>
    public ArchitectureGraph(IEnumerable<OpNode> nodes)
    {
        Nodes = nodes.ToArray();
        Validate();
    }

    /// <summary>The nodes; <c>Nodes[i].Id == i</c>.</summary>
    public IReadOnlyList<OpNode> Nodes { get; }

    /// <summary>How many inputs the network takes: the leading <see cref="OpKind.Input"/> nodes.</summary>
    public int InputCount => Nodes.TakeWhile(n => n.Kind == OpKind.Input).Count();

    /// <summary>The output node (the last one).</summary>
    public OpNode Output => Nodes[Nodes.Count - 1];

    /// <summary>
    /// Every learnable parameter once, in node order. A tensor several nodes read (a layer called twice, an embedding
    /// tied to the output layer) is listed at its first reader, under the name TorchSharp gives it.
    /// </summary>
    public IEnumerable<TensorSpec> Parameters => Nodes.SelectMany(n => n.Parameters).Distinct();

    /// <summary>
    /// The parameters the GHN predicts: all but recurrent layers' (<see cref="OpKind.Rnn"/>) and those forward reads
    /// directly (<see cref="OpKind.Tensor"/> nodes, a class token for example) other than position embeddings
    /// (<see cref="OpNode.IsPositionEmbedding"/>); those keep the model's own values.
    /// </summary>
    public IEnumerable<TensorSpec> PredictedParameters =>
        Nodes.Where(n => n.Kind switch { OpKind.Rnn => false, OpKind.Tensor => n.IsPositionEmbedding, _ => true }).SelectMany(n => n.Parameters).Distinct();

    /// <summary>Every buffer (running statistics) once, in node order.</summary>
    public IEnumerable<TensorSpec> Buffers => Nodes.SelectMany(n => n.Buffers).Distinct();

    /// <summary>The total number of learnable scalars.</summary>
    public long ParameterCount => Parameters.Sum(p => p.ElementCount);

    /// <summary>
    /// SHA-256 (lower-case hex) of what determines a GHN's prediction for this graph: the primitive graph and
    /// the names and shapes of all parameters. It changes whenever one of those changes and never otherwise
    /// (an activation swapped for another, for example, leaves it unchanged, as it leaves the prediction).
    /// </summary>
    public string ContentHash => _contentHash ??= ComputeContentHash();

    /// <summary>The graph as the GHN sees it (reference GHN-2/GHN-3 conventions).</summary>
    public PrimitiveGraph ToPrimitiveGraph() => _primitive ??= PrimitiveGraphBuilder.Build(this);

    /// <summary>Serialises the graph as <c>ghn-architecture-graph/1</c> JSON, one node per line.</summary>
    public string ToJson()
    {
        var builder = new StringBuilder();
        builder.Append("{\n  \"format\": ").AppendString(Format).Append(",\n  \"nodes\": [\n");
        for (var i = 0; i < Nodes.Count; i++)
        {
            AppendNode(builder.Append("    "), Nodes[i]);
            builder.Append(i + 1 < Nodes.Count ? ",\n" : "\n");
        }

        return builder.Append("  ]\n}\n").ToString();
    }

    /// <inheritdoc />
    public bool Equals(ArchitectureGraph? other) => other is not null && Nodes.SequenceEqual(other.Nodes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ArchitectureGraph);

    /// <inheritdoc />
    public override int GetHashCode() => Nodes.Aggregate(Nodes.Count, (hash, node) => (hash * 31) + node.GetHashCode());

    private string ComputeContentHash()
    {
        var text = new StringBuilder(ToPrimitiveGraph().ToJson());
        foreach (var parameter in Parameters)
        {
            text.Append(parameter.Name).Append(' ').AppendInts(parameter.Shape, ",").Append('\n');
        }

        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        return string.Concat(hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private void Validate()
    {
        if (Nodes.Count < 2 || Nodes[0].Kind != OpKind.Input)
        {
            throw new GraphFormatException("A graph needs an input node (id 0) and an output node.");
        }

        var tensors = new Dictionary<string, (TensorSpec Spec, bool IsParameter)>(StringComparer.Ordinal);
        for (var i = 0; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            if (node.Id != i)
            {
                throw new GraphFormatException($"Node at position {i} has id {node.Id}; ids must be 0, 1, 2, ... in order.");
            }

            if (i > 0 && node.Kind == OpKind.Input && Nodes[i - 1].Kind != OpKind.Input)
            {
                throw new GraphFormatException($"Node {i} is an input after other nodes; the inputs must be the first nodes.");
            }

            if ((node.Kind == OpKind.Output) != (i == Nodes.Count - 1))
            {
                throw new GraphFormatException($"Node {i}: the output must be the last node and the last node the output.");
            }

            if (i > 0 && node.Inputs.Count == 0 && node.Kind is not (OpKind.Tensor or OpKind.Input))
            {
                throw new GraphFormatException($"Node {i} ({node.Kind.ToName()}) has no inputs.");
            }

            if (node.Kind == OpKind.Tensor && (node.Inputs.Count != 0 || node.Parameters.Count + node.Buffers.Count != 1))
            {
                throw new GraphFormatException($"Node {i} (tensor) must have no inputs and exactly one parameter or buffer.");
            }

            foreach (var input in node.Inputs)
            {
                if (input < 0 || input >= i)
                {
                    throw new GraphFormatException($"Node {i} reads node {input}; inputs must come earlier in the topological order.");
                }
            }

            // Nodes may share a tensor (a layer called twice, tied weights), but a name stands for one tensor.
            foreach (var (tensor, isParameter) in node.Parameters.Select(p => (p, true)).Concat(node.Buffers.Select(b => (b, false))))
            {
                if (node.Parameters.Concat(node.Buffers).Count(t => t.Name == tensor.Name) > 1)
                {
                    throw new GraphFormatException($"Tensor name '{tensor.Name}' appears twice in node {i}.");
                }

                if (tensors.TryGetValue(tensor.Name, out var earlier) && (!earlier.Spec.Equals(tensor) || earlier.IsParameter != isParameter))
                {
                    throw new GraphFormatException($"Tensor name '{tensor.Name}' stands for two different tensors ({earlier.Spec}{(earlier.IsParameter ? "" : ", a buffer")} and, in node {i}, {tensor}{(isParameter ? "" : ", a buffer")}).");
                }

                tensors[tensor.Name] = (tensor, isParameter);
            }
        }
    }

    private static void AppendNode(StringBuilder builder, OpNode node)
    {
        builder.Append("{\"id\": ").Append(node.Id).Append(", \"op\": ").AppendString(node.Kind.ToName());
        if (node.Inputs.Count > 0)
        {
            builder.Append(", \"inputs\": ").AppendInts(node.Inputs);
        }

        if (node.Module is not null)
        {
            builder.Append(", \"module\": ").AppendString(node.Module);
        }

        if (node.Attributes.Count > 0)
        {
            builder.Append(", \"attrs\": {");
            var first = true;
            foreach (var attribute in node.Attributes)
            {
                builder.Append(first ? "" : ", ").AppendString(attribute.Key).Append(": ");
                attribute.Value.AppendJson(builder);
                first = false;
            }

            builder.Append('}');
        }

        AppendTensors(builder, "params", node.Parameters);
        AppendTensors(builder, "buffers", node.Buffers);
        builder.Append('}');
    }

    private static void AppendTensors(StringBuilder builder, string member, IReadOnlyList<TensorSpec> tensors)
    {
        if (tensors.Count == 0)
        {
            return;
        }

        builder.Append(", ").AppendString(member).Append(": [");
        for (var i = 0; i < tensors.Count; i++)
        {
            builder.Append(i == 0 ? "{\"name\": " : ", {\"name\": ").AppendString(tensors[i].Name)
                .Append(", \"shape\": ").AppendInts(tensors[i].Shape).Append('}');
        }

        builder.Append(']');
    }
}
