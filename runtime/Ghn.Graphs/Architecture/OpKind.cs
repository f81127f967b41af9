namespace Ghn.Graphs;

/// <summary>The operations an <see cref="ArchitectureGraph"/> node can perform. JSON names are in <see cref="OpKinds"/>.</summary>
public enum OpKind
{
    /// <summary>The network input (node 0).</summary>
    Input,

    /// <summary>The network output; its single input is the result.</summary>
    Output,

    /// <summary>2-D convolution. Attributes: <c>kernel</c>, <c>stride</c>, <c>padding</c>, <c>dilation</c> (int[2] each, explicit zero padding), <c>groups</c> (int). Parameters: <c>weight</c> [out, in/groups, kh, kw], optional <c>bias</c> [out].</summary>
    Conv2d,

    /// <summary>Fully connected layer over the last dimension. No attributes. Parameters: <c>weight</c> [out, in], optional <c>bias</c> [out].</summary>
    Linear,

    /// <summary>Batch normalisation over dimension 1 (BatchNorm1d and BatchNorm2d). Attributes: <c>eps</c>, <c>momentum</c> (double). Parameters (when affine): <c>weight</c>, <c>bias</c> [C]. Buffers (when tracking running statistics): <c>running_mean</c>, <c>running_var</c> [C], <c>num_batches_tracked</c> [] (int64).</summary>
    BatchNorm,

    /// <summary>Layer normalisation over the trailing dimensions. Attributes: <c>normalized_shape</c> (int[]), <c>eps</c> (double). Parameters (when elementwise-affine): <c>weight</c>, <c>bias</c> with shape <c>normalized_shape</c>.</summary>
    LayerNorm,

    /// <summary>ReLU.</summary>
    Relu,

    /// <summary>ReLU clamped at 6.</summary>
    Relu6,

    /// <summary>Leaky ReLU. Attribute: <c>negative_slope</c> (double).</summary>
    LeakyRelu,

    /// <summary>ELU. Attribute: <c>alpha</c> (double).</summary>
    Elu,

    /// <summary>GELU. Attribute: <c>approximate</c> (string: <c>none</c> or <c>tanh</c>).</summary>
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

    /// <summary>Softmax. Attribute: <c>dim</c> (int).</summary>
    Softmax,

    /// <summary>Dropout; identity in evaluation mode. Attribute: <c>p</c> (double).</summary>
    Dropout,

    /// <summary>2-D max pooling. Attributes: <c>kernel</c>, <c>stride</c>, <c>padding</c>, <c>dilation</c> (int[2]), <c>ceil_mode</c> (bool).</summary>
    MaxPool2d,

    /// <summary>2-D average pooling. Attributes: <c>kernel</c>, <c>stride</c>, <c>padding</c> (int[2]), <c>ceil_mode</c>, <c>count_include_pad</c> (bool).</summary>
    AvgPool2d,

    /// <summary>Adaptive 2-D average pooling. Attribute: <c>output_size</c> (int[2]).</summary>
    AdaptiveAvgPool2d,

    /// <summary>Mean over dimensions. Attributes: <c>dims</c> (int[]), <c>keepdim</c> (bool).</summary>
    Mean,

    /// <summary>Flatten. Attributes: <c>start_dim</c>, <c>end_dim</c> (int).</summary>
    Flatten,

    /// <summary>Reshape (view). Attributes: <c>shape</c> (int[], -1 inferred) and <c>input_dims</c> (int[] of the same length: -1 takes the <c>shape</c> entry, k &gt;= 0 copies the input's dimension k, as in <c>x.view(x.size(0), -1)</c>).</summary>
    Reshape,

    /// <summary>Elementwise sum of two or more tensor inputs; with one input, the input plus the attribute <c>scalar</c> (double).</summary>
    Add,

    /// <summary>Elementwise (broadcasting) product of two or more tensor inputs; with one input, the input times the attribute <c>scalar</c> (double).</summary>
    Mul,

    /// <summary>Concatenation of the inputs. Attribute: <c>dim</c> (int).</summary>
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
