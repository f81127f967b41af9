using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// A low-rank decoder of weight tensors, after LoGAH's (Zhou, Knyazev, Jolicoeur-Martineau, Fu, 2024): an MLP turns a
/// node embedding into 2·r vectors of size r; one shared linear map expands each to K = max(max_out, max_in)·k values,
/// giving the factors A (out·h × r) and B (r × in·w) whose product is the whole weight matrix, laid out
/// (out, h, in, w). Tensors up to max_shape are predicted whole, so a 784-input layer gets 784 distinct weights per
/// unit instead of a 64-wide block repeated; only the factor rows a tensor uses are computed. The classifier is the
/// same product with num_classes rows.
/// <para>
/// Unlike LoGAH's, the expansion has no bias and no ReLU before it: both add the same vector to every one of the r
/// factors, and the product is then nearly rank one (measured: 90 % of every predicted weight's energy in its first
/// singular value, and meta-training stuck at chance). The product is divided by √r, the growth of a sum of r
/// products; its scale stays learned, as the conv decoder's is (dividing it by its root mean square instead fixed
/// every weight at the fan-in scale, the classifier's too, and meta-training stayed at chance).
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

    public LowRankDecoder(int hid, IReadOnlyList<int> maxShape, int rank, int numClasses)
        : base("decoder")
    {
        (_rank, _maxOut, _maxIn, _spatial, _numClasses) = (rank, maxShape[0], maxShape[1], maxShape[2], numClasses);
        _mlp = nn.Sequential(nn.Linear(hid, hid * 4), nn.ReLU(), nn.Linear(hid * 4, hid * 8), nn.ReLU(), nn.Linear(hid * 8, 2 * rank * rank));
        _expand = nn.Linear(rank, Math.Max(Math.Max(_maxOut, numClasses), _maxIn) * _spatial, hasBias: false);
        RegisterComponents();
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
        var a = Expand(vectors.select(1, 0), outChannels * height);  // (n, r, out·h)
        var b = Expand(vectors.select(1, 1), inChannels * width);    // (n, r, in·w)
        var product = a.transpose(1, 2).bmm(b);                      // (n, out·h, in·w)
        var w = product.div(Math.Sqrt(_rank))
            .view(n, outChannels, height, inChannels, width).permute(0, 1, 3, 2, 4).contiguous();
        return classifier ? w.view(n, outChannels, inChannels) : IWeightDecoder.ResizeKernels(w, key[2], key[3]);
    }

    /// <summary>The first <paramref name="size"/> outputs of the shared expansion for each of the (n, r) vectors: (n, r, size).</summary>
    private Tensor Expand(Tensor vectors, int size) => nn.functional.linear(vectors, _expand.weight!.narrow(0, 0, size));
}
