namespace Ghn.Graphs;

/// <summary>
/// A named tensor of a module: a parameter or a buffer. <see cref="Name"/> is exactly what TorchSharp's
/// <c>named_parameters()</c> (or <c>named_buffers()</c>) returns for the instantiated model.
/// </summary>
public sealed class TensorSpec : IEquatable<TensorSpec>
{
    private readonly int[] _shape;

    /// <summary>Creates a tensor description.</summary>
    public TensorSpec(string name, IEnumerable<int> shape)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _shape = shape.ToArray();
    }

    /// <summary>The dotted name, e.g. <c>layer1.0.conv1.weight</c>.</summary>
    public string Name { get; }

    /// <summary>The tensor's shape.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The last segment of <see cref="Name"/>: the tensor's role in its module (<c>weight</c>, <c>bias</c>, <c>running_mean</c>, ...).</summary>
    public string Role => Name.Substring(Name.LastIndexOf('.') + 1);

    /// <summary>The number of elements.</summary>
    public long ElementCount => _shape.Aggregate(1L, (n, d) => n * d);

    /// <inheritdoc />
    public bool Equals(TensorSpec? other) => other is not null && Name == other.Name && _shape.SequenceEqual(other._shape);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TensorSpec);

    /// <inheritdoc />
    public override int GetHashCode() => _shape.Aggregate(Name.GetHashCode(), (h, d) => (h * 31) + d);

    /// <summary>The name and shape, e.g. <c>fc.weight [10, 32]</c>.</summary>
    public override string ToString() => $"{Name} [{string.Join(", ", _shape)}]";
}
