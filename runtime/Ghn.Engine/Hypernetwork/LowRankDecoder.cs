using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// A low-rank decoder of weight tensors, after LoGAH's (Zhou, Knyazev, Jolicoeur-Martineau, Fu, 2024): an MLP turns a
/// node embedding into 2·r vectors of size r; one shared linear map expands each to K = max(max_out, max_in)·k values,
/// read r at a time as the rows of the factors A (out·h × r) and B (in·w × r), whose product A·Bᵀ is the whole weight
/// matrix, laid out (out, h, in, w). Tensors up to max_shape are predicted whole, so a 784-input layer gets 784
/// distinct weights per unit instead of a 64-wide block repeated; only the factor rows a tensor uses are computed. The
/// classifier is the same product with num_classes rows.
/// <para>
/// Unlike LoGAH's, the expansion has no bias and no ReLU before it: both add the same vector to every factor row, and
/// the product is then nearly rank one (measured: 90 % of every predicted weight's energy in its first singular value,
/// and meta-training stuck at chance). The product is divided by its root mean square and multiplied by a gain
/// predicted from the node embedding (1/5 at first), so that its scale is learned directly rather than as the square
/// of the factors'.
/// </para>
/// </summary>
internal sealed class LowRankDecoder : nn.Module, IWeightDecoder
{
    private readonly int _rank;
    private readonly int _maxOut;
    private readonly int _maxIn;
    private readonly int _spatial;
    private readonly int _numClasses;

    [ComponentName(Name = "mlp")]
    private readonly Sequential _mlp;

    [ComponentName(Name = "expand")]
    private readonly Linear _expand;

    [ComponentName(Name = "gain")]
    private readonly Linear _gain;

    public LowRankDecoder(int hid, IReadOnlyList<int> maxShape, int rank, int numClasses)
        : base("decoder")
    {
        (_rank, _maxOut, _maxIn, _spatial, _numClasses) = (rank, maxShape[0], maxShape[1], maxShape[2], numClasses);
        _mlp = nn.Sequential(nn.Linear(hid, hid * 4), nn.ReLU(), nn.Linear(hid * 4, hid * 8), nn.ReLU(), nn.Linear(hid * 8, 2 * rank * rank));
        _expand = nn.Linear(rank, Math.Max(Math.Max(_maxOut, numClasses), _maxIn) * _spatial, hasBias: false);
        _gain = nn.Linear(hid, 1);
        RegisterComponents();
        using (no_grad())
        {
            // A gain of 1/5 to start with, as the reference scales its decoders' last layers by 1/5 for stable early
            // training (a gain of 1, weights at the fan-in scale, started meta-training at a loss of 3.5 and gradient norms of 700).
            _gain.weight!.zero_();
            _gain.bias!.fill_(-Math.Log(5));
        }
    }

    /// <inheritdoc />
    public IEnumerable<Linear> OutputLayers => [(Linear)_mlp[4]];

    /// <inheritdoc />
    public Tensor Decode(Tensor x, IReadOnlyList<int> key, bool classifier)
    {
        var n = x.shape[0];
        var (height, width) = classifier ? (1, 1) : (Math.Min(key[2], _spatial), Math.Min(key[3], _spatial));
        var outChannels = classifier ? _numClasses : Math.Min(key[0], _maxOut);
        var inChannels = Math.Min(key[1], _maxIn);

        // (n, 2, r, r): the r vectors of A's side, then B's, each of size r.
        var vectors = _mlp.call(x).view(n, 2, _rank, _rank);
        var a = Factor(vectors.select(1, 0), outChannels * height); // (n, out·h, r)
        var b = Factor(vectors.select(1, 1), inChannels * width);   // (n, in·w, r)
        var product = a.bmm(b.transpose(1, 2));                     // (n, out·h, in·w)
        var rms = product.square().mean([1, 2], keepdim: true).add(1e-12).sqrt();
        var w = product.div(rms).mul(_gain.call(x).exp().unsqueeze(2))
            .view(n, outChannels, height, inChannels, width).permute(0, 1, 3, 2, 4).contiguous();
        return classifier ? w : IWeightDecoder.ResizeKernels(w, key[2], key[3]);
    }

    /// <summary>
    /// A factor's first <paramref name="rows"/> rows (n, rows, r), as LoGAH lays them out: the r vectors, each expanded to
    /// K values, read in order r values at a time. Row i thus comes from its own block of the expansion, so the factors
    /// of different layers do not share one r-dimensional subspace (the expanded vectors themselves would: consecutive
    /// layers then amplify the same directions). Only the vectors the rows need are expanded.
    /// </summary>
    private Tensor Factor(Tensor vectors, int rows)
    {
        var n = vectors.shape[0];
        var size = (int)_expand.weight!.shape[0];
        var needed = ((rows * _rank) + size - 1) / size;
        return nn.functional.linear(vectors.narrow(1, 0, needed), _expand.weight!)
            .view(n, needed * size).narrow(1, 0, rows * _rank).view(n, rows, _rank);
    }
}
