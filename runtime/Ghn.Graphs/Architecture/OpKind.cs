namespace Ghn.Graphs;

/// <summary>The operations an <see cref="ArchitectureGraph"/> node can perform. What each means (its JSON name, shape rule and primitive-graph mapping) is declared in <see cref="OpDefinitions"/>.</summary>
public enum OpKind
{
    /// <summary>A network input: node 0, and for a model whose forward takes several tensors the nodes after it, in parameter order.</summary>
    Input,

    /// <summary>The network output; its inputs are the results (several for a model that returns a tuple or dictionary of tensors, in that order).</summary>
    Output,

    /// <summary>2-D convolution. Attributes: <c>kernel</c>, <c>stride</c>, <c>padding</c>, <c>dilation</c> (int[2] each, explicit zero padding), <c>groups</c> (int). Parameters: <c>weight</c> [out, in/groups, kh, kw], optional <c>bias</c> [out].</summary>
    Conv2d,

    /// <summary>Fully connected layer over the last dimension. No attributes. Parameters: <c>weight</c> [out, in], optional <c>bias</c> [out].</summary>
    Linear,

    /// <summary>Batch normalisation over dimension 1 (BatchNorm1d and BatchNorm2d). Attributes: <c>eps</c>, <c>momentum</c> (double). Parameters (when affine): <c>weight</c>, <c>bias</c> [C]. Buffers (when tracking running statistics): <c>running_mean</c>, <c>running_var</c> [C], <c>num_batches_tracked</c> [] (int64).</summary>
    BatchNorm,

    /// <summary>Layer normalisation over the trailing dimensions. Attributes: <c>normalized_shape</c> (int[]), <c>eps</c> (double). Parameters (when elementwise-affine): <c>weight</c>, <c>bias</c> with shape <c>normalized_shape</c>; or, for <c>functional.layer_norm(x, shape, weight, bias)</c> with tensors of the model, a second and third input.</summary>
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

    /// <summary>Elementwise (broadcasting) difference of two tensor inputs; with one input, the input minus the attribute <c>scalar</c> (double), or <c>scalar</c> minus the input when <c>scalar_first</c> (bool) is true.</summary>
    Sub,

    /// <summary>Elementwise (broadcasting) quotient of two tensor inputs; with one input, the input divided by the attribute <c>scalar</c> (double), or <c>scalar</c> divided by the input when <c>scalar_first</c> (bool) is true.</summary>
    Div,

    /// <summary>Swaps two dimensions. Attributes: <c>dim0</c>, <c>dim1</c> (int).</summary>
    Transpose,

    /// <summary>Reorders the dimensions. Attribute: <c>dims</c> (int[]).</summary>
    Permute,

    /// <summary>Inserts a dimension of size one. Attribute: <c>dim</c> (int).</summary>
    Unsqueeze,

    /// <summary>Removes dimensions of size one. Attribute: <c>dims</c> (int[]; empty removes every such dimension).</summary>
    Squeeze,

    /// <summary>One piece of <c>chunk</c>. Attributes: <c>chunks</c>, <c>dim</c>, <c>index</c> (int): piece <c>index</c> of the input split into <c>chunks</c> along <c>dim</c>.</summary>
    Chunk,

    /// <summary>A slice along one dimension (<c>narrow</c>, a piece of <c>split</c>). Attributes: <c>dim</c>, <c>start</c>, <c>length</c> (int).</summary>
    Narrow,

    /// <summary>Matrix product of two tensor inputs (<c>matmul</c>, <c>bmm</c>).</summary>
    Matmul,

    /// <summary>Log-softmax. Attribute: <c>dim</c> (int).</summary>
    LogSoftmax,

    /// <summary>Softplus. Attributes: <c>beta</c>, <c>threshold</c> (double).</summary>
    Softplus,

    /// <summary>Mish.</summary>
    Mish,

    /// <summary>Channel-wise dropout of 4-D input. Attribute: <c>p</c> (double).</summary>
    Dropout2d,

    /// <summary>Adaptive 2-D max pooling. Attribute: <c>output_size</c> (int[2]).</summary>
    AdaptiveMaxPool2d,

    /// <summary>Constant padding of the trailing dimensions. Attributes: <c>pad</c> (int[]: before and after, last dimension first), <c>value</c> (double).</summary>
    Pad,

    /// <summary>Resizing of the spatial dimensions (<c>Upsample</c>, <c>interpolate</c>). Attributes: <c>size</c> (int[], empty when scaled), <c>scale</c> (int[] integral factors, empty when sized), <c>mode</c> (string: <c>nearest</c>, <c>bilinear</c>, ...), <c>align_corners</c> (bool).</summary>
    Interpolate,

    /// <summary>2-D transposed convolution. Attributes: <c>kernel</c>, <c>stride</c>, <c>padding</c>, <c>output_padding</c>, <c>dilation</c> (int[2]), <c>groups</c> (int). Parameters: <c>weight</c> [in, out/groups, kh, kw], optional <c>bias</c> [out].</summary>
    ConvTranspose2d,

    /// <summary>Group normalisation over dimension 1. Attributes: <c>num_groups</c> (int), <c>eps</c> (double). Parameters (when affine): <c>weight</c>, <c>bias</c> [C].</summary>
    GroupNorm,

    /// <summary>Instance normalisation (InstanceNorm2d). Attributes: <c>eps</c>, <c>momentum</c> (double). Parameters (when affine): <c>weight</c>, <c>bias</c> [C]. Buffers (when tracking running statistics): <c>running_mean</c>, <c>running_var</c> [C], <c>num_batches_tracked</c> [].</summary>
    InstanceNorm,

    /// <summary>A parameter or buffer of the model that forward reads directly (a class token, a position embedding, a registered constant). No inputs; exactly one parameter or one buffer, whose role names it.</summary>
    Tensor,

    /// <summary>Broadcasts its first input to a shape. Attributes: <c>sizes</c> (int[]: -1 keeps the input's size) and <c>reference_dims</c> (int[] of the same length: k &gt;= 0 takes dimension k of the second input, as in <c>token.expand(x.size(0), -1, -1)</c>).</summary>
    Expand,

    /// <summary>One index along a dimension, which it removes (<c>select</c>). Attributes: <c>dim</c>, <c>index</c> (int).</summary>
    Select,

    /// <summary>A tensor index (<c>x[.., 0]</c>, <c>mask[.., .., ..t, ..t]</c>). Attribute: <c>indices</c> (int[], four per position: the kind, 0 a single index, 1 a slice, 2 an ellipsis, 3 a new axis; then start, stop, step, where <see cref="TensorIndices.Open"/> is an open bound).</summary>
    Slice,

    /// <summary>Looks up rows of <c>weight</c> [num_embeddings, dim] by the integer input (<c>nn.Embedding</c>). Attribute: <c>padding_idx</c> (int, -1 for none).</summary>
    Embedding,

    /// <summary>A range of numbers on the device of its only input (the network input), as <c>torch.arange</c> in forward. Attributes: <c>start</c>, <c>stop</c>, <c>step</c> (double), <c>dtype</c> (string: a <c>ScalarType</c> name).</summary>
    Arange,

    /// <summary>Its first input with the positions where the second (boolean) input is true set to <c>value</c> (string: a double in invariant "R" form, <c>-Infinity</c> included).</summary>
    MaskedFill,

    /// <summary>An elementwise comparison giving booleans: of two inputs, or of one input with <c>scalar</c> (double). Attribute: <c>op</c> (string: <c>eq</c>, <c>ne</c>, <c>lt</c>, <c>le</c>, <c>gt</c>, <c>ge</c>).</summary>
    Compare,

    /// <summary>
    /// A recurrent layer (<c>LSTM</c>, <c>GRU</c>, <c>RNN</c>). Attributes: <c>mode</c> (string: <c>lstm</c>, <c>gru</c>,
    /// <c>rnn_tanh</c>, <c>rnn_relu</c>), <c>input_size</c>, <c>hidden_size</c>, <c>num_layers</c> (int), <c>bias</c>,
    /// <c>batch_first</c>, <c>bidirectional</c> (bool), <c>dropout</c> (double), <c>result</c> (int: 0 the output
    /// sequence, 1 the final hidden state, 2 an LSTM's final cell state). The node with <c>result</c> 0 holds the
    /// parameters, named as TorchSharp names them under the node's module (<c>weight_ih_l0</c>, ...); the others
    /// read them by those names. The GHN does not predict recurrent weights.
    /// </summary>
    Rnn,

    /// <summary>
    /// Multi-head attention (<c>nn.MultiheadAttention</c>; sequence first, [L, N, E]). Inputs: query, key, value, then
    /// the key padding mask and the attention mask when present. Attributes: <c>num_heads</c> (int), <c>dropout</c>
    /// (double), <c>key_padding_mask</c>, <c>attn_mask</c> (bool: whether that input is present), <c>result</c> (int: 0
    /// the output, 1 the attention weights averaged over heads). Parameters (on the node with <c>result</c> 0):
    /// <c>in_proj_weight</c> [3E, E], <c>in_proj_bias</c> [3E], <c>out_proj.weight</c> [E, E], <c>out_proj.bias</c> [E].
    /// </summary>
    MultiheadAttention,

    /// <summary>Sums or averages bags of embedding rows (<c>nn.EmbeddingBag</c>): of a 2-D input's rows, or of a 1-D input cut at the second input's offsets. Attribute: <c>mode</c> (string: <c>sum</c>, <c>mean</c>). Parameter: <c>weight</c> [num_embeddings, dim].</summary>
    EmbeddingBag,

    /// <summary><c>functional.scaled_dot_product_attention</c>. Inputs: query, key, value, then the mask when present. Attributes: <c>dropout</c> (double), <c>is_causal</c>, <c>attn_mask</c> (bool).</summary>
    ScaledDotProductAttention,

    /// <summary>
    /// A tensor of one value made in forward (<c>zeros</c>, <c>ones</c>, <c>full</c>, <c>empty</c>, <c>zeros_like</c>,
    /// an LSTM's initial state) on its input's device. Attributes: <c>sizes</c> (int[]), <c>reference_dims</c> (int[]:
    /// for each size, the dimension of the input it copies at run time, or -1 for <c>sizes</c>' value), <c>value</c>
    /// (double), <c>dtype</c> (string: a <c>ScalarType</c> name, empty for the input's).
    /// </summary>
    Full,

    /// <summary>
    /// An elementwise function of one tensor. Attribute: <c>fn</c> (string: <c>exp</c>, <c>log</c>, <c>log1p</c>,
    /// <c>sqrt</c>, <c>rsqrt</c>, <c>abs</c>, <c>neg</c>, <c>sin</c>, <c>cos</c>, <c>square</c>, <c>reciprocal</c>, <c>erf</c>,
    /// <c>pow</c> with <c>exponent</c> (double), <c>clamp</c> with <c>min</c> and/or <c>max</c> (double)).
    /// </summary>
    Pointwise,

    /// <summary>The sum over <c>dims</c> (int[]), keeping them when <c>keepdim</c> (bool).</summary>
    Sum,

    /// <summary>Its inputs stacked along a new dimension <c>dim</c> (int), as <c>torch.stack</c>.</summary>
    Stack,

    /// <summary>The input converted to the element type <c>dtype</c> (string: a <c>ScalarType</c> name), as <c>x.to(float32)</c>.</summary>
    Cast,
}

/// <summary>Maps <see cref="OpKind"/> values to and from their JSON names (declared in <see cref="OpDefinitions"/>).</summary>
public static class OpKinds
{
    private static readonly Dictionary<string, OpKind> ByName = OpDefinitions.All.ToDictionary(d => d.Name, d => d.Kind, StringComparer.Ordinal);

    /// <summary>The JSON name of <paramref name="kind"/>.</summary>
    public static string ToName(this OpKind kind) => OpDefinitions.Of(kind).Name;

    /// <summary>Parses a JSON op name.</summary>
    public static bool TryParse(string name, out OpKind kind) => ByName.TryGetValue(name, out kind);
}
