using Ghn.Graphs;

namespace Ghn.Extraction.Modules;

/// <summary>
/// One graph op as a TorchSharp layer or functional call defines it: its kind, attributes (named as in
/// <see cref="OpKind"/>), and the shapes of the parameters and buffers it owns, by role.
/// </summary>
internal sealed class LayerSpec(OpKind kind)
{
    public OpKind Kind { get; } = kind;

    public List<KeyValuePair<string, AttributeValue>> Attributes { get; } = [];

    public List<TensorRole> Parameters { get; } = [];

    public List<TensorRole> Buffers { get; } = [];

    /// <summary>True when the op overwrites its input (<c>inplace: true</c>, <c>relu_()</c>).</summary>
    public bool InPlace { get; set; }

    public LayerSpec With(string name, AttributeValue value)
    {
        Attributes.Add(new KeyValuePair<string, AttributeValue>(name, value));
        return this;
    }

    public LayerSpec With(string name, int value) => With(name, AttributeValue.Of(value));

    public LayerSpec With(string name, double value) => With(name, AttributeValue.Of(value));

    public LayerSpec With(string name, bool value) => With(name, AttributeValue.Of(value));

    public LayerSpec With(string name, string value) => With(name, AttributeValue.Of(value));

    public LayerSpec With(string name, int[] value) => With(name, AttributeValue.Of(value));

    public LayerSpec Parameter(string role, params int[] shape)
    {
        Parameters.Add(new TensorRole(role, shape));
        return this;
    }

    public LayerSpec Buffer(string role, params int[] shape)
    {
        Buffers.Add(new TensorRole(role, shape));
        return this;
    }
}

/// <summary>A parameter or buffer of a layer: its name within the layer and its shape.</summary>
internal readonly record struct TensorRole(string Role, int[] Shape);
