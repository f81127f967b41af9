namespace Ghn.Graphs;

/// <summary>One operation of an <see cref="ArchitectureGraph"/>.</summary>
public sealed class OpNode : IEquatable<OpNode>
{
    private static readonly IReadOnlyDictionary<string, AttributeValue> NoAttributes = new SortedDictionary<string, AttributeValue>(StringComparer.Ordinal);

    /// <summary>Creates a node. Attributes are kept sorted by name so that JSON and hashes are canonical.</summary>
    public OpNode(
        int id,
        OpKind kind,
        IEnumerable<int>? inputs = null,
        IEnumerable<KeyValuePair<string, AttributeValue>>? attributes = null,
        IEnumerable<TensorSpec>? parameters = null,
        IEnumerable<TensorSpec>? buffers = null,
        string? module = null)
    {
        Id = id;
        Kind = kind;
        Inputs = inputs?.ToArray() ?? [];
        if (attributes is null)
        {
            Attributes = NoAttributes;
        }
        else
        {
            var sorted = new SortedDictionary<string, AttributeValue>(StringComparer.Ordinal);
            foreach (var attribute in attributes)
            {
                sorted[attribute.Key] = attribute.Value;
            }

            Attributes = sorted;
        }

        Parameters = parameters?.ToArray() ?? [];
        Buffers = buffers?.ToArray() ?? [];
        Module = module;
    }

    /// <summary>Position in the graph's topological order; node 0 is the input.</summary>
    public int Id { get; }

    /// <summary>What the node computes.</summary>
    public OpKind Kind { get; }

    /// <summary>Ids of the nodes whose outputs this node consumes, in argument order.</summary>
    public IReadOnlyList<int> Inputs { get; }

    /// <summary>Op attributes (kernel, stride, padding, eps, dims, ...), sorted by name.</summary>
    public IReadOnlyDictionary<string, AttributeValue> Attributes { get; }

    /// <summary>Learnable parameters, named as TorchSharp names them.</summary>
    public IReadOnlyList<TensorSpec> Parameters { get; }

    /// <summary>Non-learnable state (BatchNorm running statistics), named as TorchSharp names them.</summary>
    public IReadOnlyList<TensorSpec> Buffers { get; }

    /// <summary>Dotted path of the module that performs the op, or null for functional ops.</summary>
    public string? Module { get; }

    /// <summary>The attribute <paramref name="name"/>; throws a message naming the node when it is missing.</summary>
    public AttributeValue Attribute(string name) =>
        Attributes.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"Node {Id} ({Kind.ToName()}) has no attribute '{name}'.");

    /// <summary>The parameter whose role (last name segment) is <paramref name="role"/>, or null.</summary>
    public TensorSpec? FindParameter(string role) => Parameters.FirstOrDefault(p => p.Role == role);

    /// <summary>The buffer whose role (last name segment) is <paramref name="role"/>, or null.</summary>
    public TensorSpec? FindBuffer(string role) => Buffers.FirstOrDefault(p => p.Role == role);

    /// <summary>
    /// Whether this is a learned position embedding read directly in forward: a <see cref="OpKind.Tensor"/> node whose
    /// parameter has the shape (1, positions, width) with both sizes above 1, the 3-D shape the reference GHNs predict
    /// as a ViT's <c>pos_embedding</c> (a <c>pos_enc</c> node). Other tensors forward reads directly (a class token, a
    /// buffer) keep the model's own values.
    /// </summary>
    public bool IsPositionEmbedding =>
        Kind == OpKind.Tensor && Parameters.Count == 1 && ReferenceShape.IsPositionEmbedding(Parameters[0].Shape);

    /// <inheritdoc />
    public bool Equals(OpNode? other) =>
        other is not null
        && Id == other.Id
        && Kind == other.Kind
        && Module == other.Module
        && Inputs.SequenceEqual(other.Inputs)
        && Attributes.Count == other.Attributes.Count
        && Attributes.All(a => other.Attributes.TryGetValue(a.Key, out var v) && v.Equals(a.Value))
        && Parameters.SequenceEqual(other.Parameters)
        && Buffers.SequenceEqual(other.Buffers);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as OpNode);

    /// <inheritdoc />
    public override int GetHashCode() => (Id * 397) ^ (int)Kind ^ Inputs.Count ^ (Parameters.Count << 8);

    /// <summary>A one-line description, e.g. <c>3: conv2d(1) layer1.0.conv1</c>.</summary>
    public override string ToString() => $"{Id}: {Kind.ToName()}({string.Join(", ", Inputs)}){(Module is null ? "" : " " + Module)}";
}
