using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// Multi-head self-attention whose logits are biased per head by edge features. In the first layer the bias
/// is computed from the embedded forward and backward shortest-path distances (<c>edge_embed</c>, <c>proj_e</c>);
/// later layers reuse that bias unchanged.
/// </summary>
internal sealed class MultiHeadSelfAttentionEdges : nn.Module
{
    // Logit for masked (padded) pairs: the reference's -2**15, chosen to be safe under mixed precision.
    private const double MaskedLogit = -32768.0;

    private readonly int _heads;
    private readonly double _scale;

    [ComponentName(Name = "to_qkv")]
    private readonly Linear _toQkv;

    [ComponentName(Name = "to_out")]
    private readonly Sequential _toOut;

    [ComponentName(Name = "edge_embed")]
    private readonly EdgeEmbedding? _edgeEmbed;

    [ComponentName(Name = "proj_e")]
    private readonly Sequential? _projectEdges;

    public MultiHeadSelfAttentionEdges(int dim, int heads, bool embedsEdges)
        : base("attn")
    {
        _heads = heads;
        _scale = Math.Pow(dim / heads, -0.5);
        _toQkv = nn.Linear(dim, dim * 3, hasBias: false);
        _toOut = nn.Sequential(nn.Linear(dim, dim));
        if (embedsEdges)
        {
            // Two distances per pair (forward, backward), each embedded to dim.
            _edgeEmbed = new EdgeEmbedding(dim);
            _projectEdges = nn.Sequential(nn.Linear(2 * dim, dim), nn.ReLU(), nn.Linear(dim, heads));
        }

        RegisterComponents();
    }

    /// <summary>The projection the attended values leave through (<c>to_out.0</c>).</summary>
    public Linear OutputLayer => (Linear)_toOut[0];

    /// <summary>
    /// Attends over the nodes of each graph.
    /// </summary>
    /// <param name="x">Node features (B, N, C).</param>
    /// <param name="edges">First layer: shifted distances (B, N, N, 2), long. Later layers: the bias (B, N, N, heads).</param>
    /// <param name="pairMask">(B, N, N), true where both nodes exist.</param>
    /// <returns>The updated features and the per-head edge bias for the next layer.</returns>
    public (Tensor X, Tensor EdgeBias) Forward(Tensor x, Tensor edges, Tensor pairMask)
    {
        var edgeBias = edges;
        if (_edgeEmbed is not null && _projectEdges is not null)
        {
            var embedded = _edgeEmbed.call(edges);
            edgeBias = _projectEdges.call(embedded.flatten(-2));
        }

        var (batch, nodes, channels) = (x.shape[0], x.shape[1], x.shape[2]);
        var qkv = _toQkv.call(x).reshape(batch, nodes, 3, _heads, channels / _heads).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (qkv[0], qkv[1], qkv[2]);
        var logits = q.matmul(k.transpose(-2, -1)).mul(_scale).add(edgeBias.permute(0, 3, 1, 2));
        logits = logits.masked_fill(pairMask.logical_not().unsqueeze(1), MaskedLogit);
        var attended = logits.softmax(-1).matmul(v).transpose(1, 2).reshape(batch, nodes, channels);
        return (_toOut.call(attended), edgeBias);
    }
}
