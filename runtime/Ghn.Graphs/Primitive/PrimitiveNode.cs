namespace Ghn.Graphs;

/// <summary>Marks the final classifier's tensors, which GHN-3 predicts with a dedicated head.</summary>
public enum ClassifierRole
{
    /// <summary>Not part of the classifier.</summary>
    None,

    /// <summary>The classifier's weight.</summary>
    Weight,

    /// <summary>The classifier's bias.</summary>
    Bias,
}

/// <summary>One node of a <see cref="PrimitiveGraph"/>.</summary>
public sealed class PrimitiveNode : IEquatable<PrimitiveNode>
{
    private readonly int[]? _shape;

    /// <summary>Creates a node.</summary>
    public PrimitiveNode(int id, PrimitiveType type, string? param = null, IEnumerable<int>? shape = null, ClassifierRole classifier = ClassifierRole.None)
    {
        Id = id;
        Type = type;
        Param = param;
        _shape = shape?.ToArray();
        Classifier = classifier;
    }

    /// <summary>Position in the topological order; node 0 is the input.</summary>
    public int Id { get; }

    /// <summary>The primitive.</summary>
    public PrimitiveType Type { get; }

    /// <summary>The parameter tensor the node stands for (<c>fc.weight</c>), or null for parameter-free nodes.</summary>
    public string? Param { get; }

    /// <summary>The parameter's shape, or the pooling shape (1, 1, k, k); null for other nodes.</summary>
    public IReadOnlyList<int>? Shape => _shape;

    /// <summary>Whether the node is the final classifier's weight or bias.</summary>
    public ClassifierRole Classifier { get; }

    /// <summary>The same node with another id (for renumbering).</summary>
    public PrimitiveNode WithId(int id) => new(id, Type, Param, _shape, Classifier);

    /// <summary>True when type, param, shape and classifier role agree (the id is not compared).</summary>
    public bool HasSameLabel(PrimitiveNode other) =>
        Type == other.Type && Param == other.Param && Classifier == other.Classifier
        && (_shape is null ? other._shape is null : other._shape is not null && _shape.SequenceEqual(other._shape));

    /// <inheritdoc />
    public bool Equals(PrimitiveNode? other) => other is not null && Id == other.Id && HasSameLabel(other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PrimitiveNode);

    /// <inheritdoc />
    public override int GetHashCode() => (Id * 397) ^ (int)Type ^ (Param?.GetHashCode() ?? 0);

    /// <summary>A short description, e.g. <c>3 bn layer1.0.bn1.weight [64]</c>.</summary>
    public override string ToString() =>
        $"{Id} {Type.ToName()}{(Param is null ? "" : " " + Param)}{(_shape is null ? "" : " [" + string.Join(", ", _shape) + "]")}" +
        (Classifier == ClassifierRole.None ? "" : " classifier " + Classifier.ToString().ToLowerInvariant());
}
