namespace Ghn.Graphs;

/// <summary>
/// How an op enters the GHN's primitive graph, following the reference's conventions (ppuda/ghn3 <c>graph.py</c>);
/// <see cref="OpDefinitions"/> assigns one to every op. Each rule notes what the builder does.
/// </summary>
public enum PrimitiveMapping
{
    /// <summary>The network input: the graph's first node for the first input; further inputs add no node.</summary>
    Input,

    /// <summary>No node: the op is an edge from its inputs to its readers (activations, dropout, shape ops, recurrent layers).</summary>
    Edge,

    /// <summary>No node and no edge: the op's value comes from no other node (<c>arange</c>, <c>full</c>).</summary>
    None,

    /// <summary>One node for the weight (<c>conv</c>, or <c>sep_conv</c>/<c>dil_conv</c> when grouped), then one for the bias; without parameters (weights computed in forward) a product of its inputs.</summary>
    WeightAndBias,

    /// <summary>A <c>pos_enc</c> node for the embedding table, as the reference's graphs have token and position embeddings.</summary>
    EmbeddingTable,

    /// <summary>A <c>bn</c> node carrying the affine weight's shape; an edge when not affine.</summary>
    BatchNorm,

    /// <summary>An <c>ln</c> node carrying the affine weight's shape; an edge when not affine.</summary>
    LayerNorm,

    /// <summary>A <c>max_pool</c> node carrying the kernel.</summary>
    MaxPool,

    /// <summary>An <c>avg_pool</c> node carrying the kernel.</summary>
    AvgPool,

    /// <summary>A <c>glob_avg</c> node for a global spatial average, except a squeeze-and-excitation gate's squeeze (folded into its <c>cse</c>); otherwise an edge.</summary>
    GlobalAverage,

    /// <summary>A <c>sum</c> node of two or more distinct inputs; redundant (an edge) with one.</summary>
    Sum,

    /// <summary>A <c>cse</c> node (a product of activations) of two or more distinct inputs; an edge with one.</summary>
    Product,

    /// <summary>A <c>concat</c> node of two or more distinct inputs; an edge with one.</summary>
    Concat,

    /// <summary>A tensor of the model read in forward: a position embedding is a <c>pos_enc</c> node without inputs (as in the reference's ViT); other tensors (a class token, a buffer) are not in the graph.</summary>
    ModelTensor,

    /// <summary>A <c>msa</c> node (scaled dot-product attention).</summary>
    Attention,

    /// <summary>An attention layer as the reference builds one: the input projection (conv, bias), <c>msa</c>, the output projection (conv, bias); on the node of the output only.</summary>
    ProjectedAttention,
}
