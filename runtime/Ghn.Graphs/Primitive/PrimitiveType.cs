namespace Ghn.Graphs;

/// <summary>
/// The node types of the GHN's primitive graph, in the reference order: the value is the row of the
/// GHN's node-type embedding (<c>PRIMITIVES_DEEPNETS1M</c>).
/// </summary>
public enum PrimitiveType
{
    /// <summary><c>max_pool</c>: max pooling, shape (1, 1, k, k).</summary>
    MaxPool,

    /// <summary><c>avg_pool</c>: average pooling, shape (1, 1, k, k).</summary>
    AvgPool,

    /// <summary><c>sep_conv</c>: grouped (depthwise) convolution.</summary>
    SepConv,

    /// <summary><c>dil_conv</c>: grouped convolution with dilation &gt; 1.</summary>
    DilConv,

    /// <summary><c>conv</c>: convolution or linear weight.</summary>
    Conv,

    /// <summary><c>msa</c>: multi-head self-attention.</summary>
    Msa,

    /// <summary><c>cse</c>: channel-wise gating (squeeze-and-excitation product).</summary>
    Cse,

    /// <summary><c>sum</c>: elementwise sum of two or more inputs.</summary>
    Sum,

    /// <summary><c>concat</c>: concatenation.</summary>
    Concat,

    /// <summary><c>input</c>: the network input.</summary>
    Input,

    /// <summary><c>bias</c>: a conv or linear bias.</summary>
    Bias,

    /// <summary><c>bn</c>: BatchNorm (weight and bias predicted together).</summary>
    BatchNorm,

    /// <summary><c>ln</c>: LayerNorm (weight and bias predicted together).</summary>
    LayerNorm,

    /// <summary><c>pos_enc</c>: positional encoding.</summary>
    PosEnc,

    /// <summary><c>glob_avg</c>: global average pooling.</summary>
    GlobalAvg,
}

/// <summary>Maps <see cref="PrimitiveType"/> values to and from their reference names.</summary>
public static class PrimitiveTypes
{
    /// <summary>The number of primitive types (rows of the GHN's node embedding).</summary>
    public const int Count = 15;

    private static readonly string[] Names =
    [
        "max_pool", "avg_pool", "sep_conv", "dil_conv", "conv", "msa", "cse", "sum", "concat", "input", "bias",
        "bn", "ln", "pos_enc", "glob_avg",
    ];

    /// <summary>The reference name of <paramref name="type"/>.</summary>
    public static string ToName(this PrimitiveType type) => Names[(int)type];

    /// <summary>Parses a reference primitive name.</summary>
    public static bool TryParse(string name, out PrimitiveType type)
    {
        var index = Array.IndexOf(Names, name);
        type = (PrimitiveType)Math.Max(index, 0);
        return index >= 0;
    }
}
