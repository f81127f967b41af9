using Ghn.Graphs;

namespace Ghn.Training.Sampling.Building;

/// <summary>The nonlinearities the sampler draws from; each maps to an <see cref="OpKind"/> with its attributes.</summary>
internal enum Activation
{
    Relu,
    Relu6,
    LeakyRelu,
    Gelu,
    Silu,
    Hardswish,
    Elu,
    Tanh,
}

/// <summary>Maps <see cref="Activation"/> to graph ops.</summary>
internal static class Activations
{
    /// <summary>The op kind and attributes of <paramref name="activation"/> (PyTorch's defaults).</summary>
    public static (OpKind Kind, KeyValuePair<string, AttributeValue>[] Attributes) ToOp(this Activation activation) => activation switch
    {
        Activation.Relu => (OpKind.Relu, []),
        Activation.Relu6 => (OpKind.Relu6, []),
        Activation.LeakyRelu => (OpKind.LeakyRelu, [new("negative_slope", AttributeValue.Of(0.01))]),
        Activation.Gelu => (OpKind.Gelu, [new("approximate", AttributeValue.Of("none"))]),
        Activation.Silu => (OpKind.Silu, []),
        Activation.Hardswish => (OpKind.Hardswish, []),
        Activation.Elu => (OpKind.Elu, [new("alpha", AttributeValue.Of(1.0))]),
        Activation.Tanh => (OpKind.Tanh, []),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
