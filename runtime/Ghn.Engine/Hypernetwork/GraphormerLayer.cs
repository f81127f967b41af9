using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// A GHN-3 Graphormer layer: pre-norm self-attention with edge bias, then a pre-norm MLP, both residual.
/// The first layer also adds the Graphormer structural encodings to the node features (centrality: embeddings
/// of the clipped in- and out-degree over real edges; and the embedding of the distance from the input node)
/// and turns the distance matrix into the attention bias that all layers share.
/// </summary>
internal sealed class GraphormerLayer : nn.Module
{
    public const int MaxDegree = 100;
    public const int MaxInputDistance = 1000;
    private const int MlpRatio = 4;

    // Distance values are shifted by 2 before the edge embedding so that "no path" (0) and the two
    // directions get rows of their own, as in the reference.
    // Held for the process's lifetime: Tensor.add(Scalar) passes a temporary Scalar's native handle without keeping
    // it alive, and a finalizer freeing it mid-call once crashed meta-training ("alpha must not be a floating point
    // number" on these integral distances).
    private static readonly Scalar EdgeValueShift = 2L.ToScalar();
    private static readonly Scalar One = 1L.ToScalar();

    [ComponentName(Name = "ln1")]
    private readonly LayerNorm _ln1;

    [ComponentName(Name = "attn")]
    private readonly MultiHeadSelfAttentionEdges _attention;

    [ComponentName(Name = "ln2")]
    private readonly LayerNorm _ln2;

    [ComponentName(Name = "ff")]
    private readonly FeedForward _feedForward;

    [ComponentName(Name = "centrality_embed_in")]
    private readonly Embedding? _centralityIn;

    [ComponentName(Name = "centrality_embed_out")]
    private readonly Embedding? _centralityOut;

    [ComponentName(Name = "input_dist_embed")]
    private readonly Embedding? _inputDistance;

    public GraphormerLayer(int dim, int heads, bool isFirst)
        : base("graphormer")
    {
        _ln1 = nn.LayerNorm(dim, eps: 1e-5);
        _attention = new MultiHeadSelfAttentionEdges(dim, heads, embedsEdges: isFirst);
        _ln2 = nn.LayerNorm(dim, eps: 1e-5);
        _feedForward = new FeedForward(dim, dim * MlpRatio);
        if (isFirst)
        {
            _centralityIn = nn.Embedding(MaxDegree + 1, dim);
            _centralityOut = nn.Embedding(MaxDegree + 1, dim);
            _inputDistance = nn.Embedding(MaxInputDistance + 1, dim);
        }

        RegisterComponents();
    }

    /// <summary>
    /// Makes the layer the identity by zeroing the output layers of its two residual branches, so that a layer added
    /// to a trained GHN leaves its predictions as they were; the zeroed layers still receive gradients, and training
    /// grows the branches from there.
    /// </summary>
    public void StartAsIdentity()
    {
        using var noGrad = no_grad();
        foreach (var layer in new[] { _attention.OutputLayer, _feedForward.OutputLayer })
        {
            layer.weight!.zero_();
            layer.bias!.zero_();
        }
    }

    /// <param name="x">Node features (B, N, C).</param>
    /// <param name="edges">First layer: shortest-path distances (B, N, N), long, 0 where no path. Later: the edge bias.</param>
    /// <param name="pairMask">(B, N, N), true where both nodes exist.</param>
    public (Tensor X, Tensor EdgeBias) Forward(Tensor x, Tensor edges, Tensor pairMask)
    {
        if (_centralityIn is not null && _centralityOut is not null && _inputDistance is not null)
        {
            var oneHop = edges.eq(1).to(ScalarType.Int64);
            x = x.add(_centralityIn.call(oneHop.sum(1).clamp(0, MaxDegree)))
                .add(_centralityOut.call(oneHop.sum(2).clamp(0, MaxDegree)))
                .add(_inputDistance.call(edges.select(1, 0).clamp(0, MaxInputDistance)));
            x = x.mul(pairMask.narrow(2, 0, 1));
            edges = stack([edges, edges.transpose(1, 2)], -1).add(EdgeValueShift, One);
        }

        var (attended, edgeBias) = _attention.Forward(_ln1.call(x), edges, pairMask);
        x = x.add(attended);
        x = x.add(_feedForward.call(_ln2.call(x)));
        return (x, edgeBias);
    }
}
