using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// GHN-3's decoder of weight tensors (<c>ConvDecoder3</c>): a linear layer expands a node embedding to a
/// (4·hid, k, k) feature map, cropped around its centre to the kernel size wanted (GHN-2: from its top-left
/// corner); a per-position MLP
/// (<c>conv</c>) turns each position into max_out × max_in values; the classifier head turns each position's
/// (out, in) slice into (num_classes, in).
/// </summary>
internal sealed class ConvDecoder : nn.Module, IWeightDecoder
{
    private readonly int _maxOut;
    private readonly int _maxIn;
    private readonly int _spatial;
    private readonly int _hidden;
    private readonly bool _cropFromCorner;

    [ComponentName(Name = "fc")]
    private readonly Sequential _fc;

    [ComponentName(Name = "conv")]
    private readonly Sequential _conv;

    [ComponentName(Name = "class_layer_predictor")]
    private readonly Sequential _classLayerPredictor;

    public ConvDecoder(int hid, IReadOnlyList<int> maxShape, int numClasses, bool cropFromCorner = false)
        : base("decoder")
    {
        (_maxOut, _maxIn, _spatial, _cropFromCorner) = (maxShape[0], maxShape[1], maxShape[2], cropFromCorner);
        _hidden = hid * 4;
        _fc = nn.Sequential(nn.Linear(hid, _hidden * _spatial * _spatial), nn.ReLU());
        _conv = nn.Sequential(nn.Linear(_hidden, hid * 8), nn.ReLU(), nn.Linear(hid * 8, _maxOut * _maxIn));
        _classLayerPredictor = nn.Sequential(nn.ReLU(), nn.Linear(_maxOut, numClasses));
        RegisterComponents();
    }

    /// <summary>The last linear layer of the per-position MLP (its rows are selected per request).</summary>
    private Linear OutputLayer => (Linear)_conv[2];

    /// <inheritdoc />
    public IEnumerable<Linear> OutputLayers => [OutputLayer, (Linear)_classLayerPredictor[1]];

    /// <inheritdoc />
    public Tensor Decode(Tensor x, IReadOnlyList<int> key, bool classifier)
    {
        var n = x.shape[0];
        var device = x.device;
        var (height, width) = (key[2], key[3]);
        var centre = _spatial / 2;
        var (rowStart, colStart) = _cropFromCorner ? (0, 0) : (Math.Max(0, centre - (height / 2)), Math.Max(0, centre - (width / 2)));
        var outHeight = _cropFromCorner ? Math.Min(_spatial, height) : Math.Min(_spatial, centre + ((height + 1) / 2)) - rowStart;
        var outWidth = _cropFromCorner ? Math.Min(_spatial, width) : Math.Min(_spatial, centre + ((width + 1) / 2)) - colStart;

        // The expansion to a (channels, k, k) map is computed only at the centre crop the kernel needs (as in
        // GHN-2's decoder): rows c·k² + r·k + col of the first layer, ordered (r, col, c) so that the result is
        // already laid out position-major for the per-position MLP.
        var expansion = (Linear)_fc[0];
        var positions = arange(rowStart, rowStart + outHeight, device: device).mul(_spatial).unsqueeze(1)
            .add(arange(colStart, colStart + outWidth, device: device));
        var expansionRows = positions.unsqueeze(2).add(arange(_hidden, device: device).mul(_spatial * _spatial)).flatten();
        var map = nn.functional.relu(nn.functional.linear(x, expansion.weight!.index_select(0, expansionRows), expansion.bias!.index_select(0, expansionRows)))
            .view(n, outHeight, outWidth, _hidden);

        // Likewise only the (out, in) entries that are used are computed: rows o·max_in + i of the output layer.
        // The classifier head needs every output channel of the centre position.
        var outChannels = classifier ? _maxOut : Math.Min(key[0], _maxOut);
        var inChannels = Math.Min(key[1], _maxIn);
        var hidden = nn.functional.relu(((Linear)_conv[0]).call(map));
        var (outputWeight, outputBias) = OutputRows(outChannels, inChannels, device);
        var weights = nn.functional.linear(hidden, outputWeight, outputBias);
        // Made contiguous once here (a small block) so that tiling reads memory in order; as a strided
        // view every tiled copy of a large parameter would gather element by element.
        var w = weights.permute(0, 3, 1, 2).reshape(n, outChannels, inChannels, outHeight, outWidth).contiguous();

        w = IWeightDecoder.ResizeKernels(w, height, width);

        if (!classifier)
        {
            return w;
        }

        // At each position the key asks for (the reference's classifier key: the centre only).
        return _classLayerPredictor.call(w.permute(0, 2, 3, 4, 1)).permute(0, 4, 1, 2, 3);
    }

    /// <summary>The output layer's rows o·max_in + i for o &lt; <paramref name="outChannels"/>, i &lt; <paramref name="inChannels"/>.</summary>
    private (Tensor Weight, Tensor Bias) OutputRows(int outChannels, int inChannels, Device device)
    {
        var output = OutputLayer;
        if (inChannels == _maxIn)
        {
            // A leading block of rows: a view, no copy of the (max_out·max_in, 8·hid) matrix.
            return (output.weight!.narrow(0, 0, outChannels * _maxIn), output.bias!.narrow(0, 0, outChannels * _maxIn));
        }

        var rows = arange(outChannels, device: device).unsqueeze(1).mul(_maxIn).add(arange(inChannels, device: device)).flatten();
        return (output.weight!.index_select(0, rows), output.bias!.index_select(0, rows));
    }
}
