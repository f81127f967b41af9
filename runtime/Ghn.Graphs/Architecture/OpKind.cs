namespace Ghn.Graphs;

/// <summary>The operations an <see cref="ArchitectureGraph"/> node can perform. JSON names are in <see cref="OpKinds"/>.</summary>
public enum OpKind
{
    /// <summary>The network input (node 0).</summary>
    Input,

    /// <summary>The network output; its single input is the result.</summary>
    Output,

    /// <summary>2-D convolution (<c>weight</c>, optional <c>bias</c>).</summary>
    Conv2d,

    /// <summary>Fully connected layer (<c>weight</c>, optional <c>bias</c>).</summary>
    Linear,

    /// <summary>Batch normalisation over channel dimension 1.</summary>
    BatchNorm,

    /// <summary>Layer normalisation over the trailing dimensions.</summary>
    LayerNorm,

    /// <summary>ReLU.</summary>
    Relu,

    /// <summary>ReLU clamped at 6.</summary>
    Relu6,

    /// <summary>Leaky ReLU (<c>negative_slope</c>).</summary>
    LeakyRelu,

    /// <summary>ELU (<c>alpha</c>).</summary>
    Elu,

    /// <summary>GELU (<c>approximate</c>: none or tanh).</summary>
    Gelu,

    /// <summary>SiLU / swish.</summary>
    Silu,

    /// <summary>Hard swish.</summary>
    Hardswish,

    /// <summary>Logistic sigmoid.</summary>
    Sigmoid,

    /// <summary>Hard sigmoid.</summary>
    Hardsigmoid,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>Softmax over <c>dim</c>.</summary>
    Softmax,

    /// <summary>Dropout with probability <c>p</c>; identity in evaluation mode.</summary>
    Dropout,

    /// <summary>2-D max pooling.</summary>
    MaxPool2d,

    /// <summary>2-D average pooling.</summary>
    AvgPool2d,

    /// <summary>Adaptive 2-D average pooling to <c>output_size</c>.</summary>
    AdaptiveAvgPool2d,

    /// <summary>Mean over <c>dims</c> (with <c>keepdim</c>).</summary>
    Mean,

    /// <summary>Flatten dimensions <c>start_dim</c>..<c>end_dim</c>.</summary>
    Flatten,

    /// <summary>Reshape to <c>shape</c>; entries of <c>input_dims</c> other than -1 copy that input dimension.</summary>
    Reshape,

    /// <summary>Elementwise sum of the inputs.</summary>
    Add,

    /// <summary>Elementwise product of the inputs.</summary>
    Mul,

    /// <summary>Concatenation of the inputs along <c>dim</c>.</summary>
    Cat,

    /// <summary>Identity.</summary>
    Identity,
}

/// <summary>Maps <see cref="OpKind"/> values to and from their JSON names.</summary>
public static class OpKinds
{
    private static readonly string[] Names =
    [
        "input", "output", "conv2d", "linear", "batch_norm", "layer_norm", "relu", "relu6", "leaky_relu", "elu",
        "gelu", "silu", "hardswish", "sigmoid", "hardsigmoid", "tanh", "softmax", "dropout", "max_pool2d",
        "avg_pool2d", "adaptive_avg_pool2d", "mean", "flatten", "reshape", "add", "mul", "cat", "identity",
    ];

    /// <summary>The JSON name of <paramref name="kind"/>.</summary>
    public static string ToName(this OpKind kind) => Names[(int)kind];

    /// <summary>Parses a JSON op name.</summary>
    public static bool TryParse(string name, out OpKind kind)
    {
        var index = Array.IndexOf(Names, name);
        kind = (OpKind)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>True for ops that own learnable parameters.</summary>
    public static bool HasParameters(this OpKind kind) =>
        kind is OpKind.Conv2d or OpKind.Linear or OpKind.BatchNorm or OpKind.LayerNorm;
}
