using Ghn.Checkpoints;
using Ghn.Graphs;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// A Graph HyperNetwork that reads a network's <see cref="PrimitiveGraph"/> and predicts all of its parameters in one
/// forward pass: GHN-3 (Knyazev, Hwang, Lacoste-Julien, ICML 2023) or GHN-2 (Knyazev et al., NeurIPS 2021), as the
/// configuration says. Node-type and shape embeddings go through Graphormer layers (GHN-3) or a gated graph network
/// (GHN-2); a conv decoder, a 1-D decoder and a classifier head turn node embeddings into tensors, which are tiled
/// to the real shapes and fan-in normalised. Module structure and state-dict names are those of the reference
/// implementation (SamsungSAILMontreal/ghn3, which runs GHN-2 as <c>GHN3(is_ghn2=True)</c>), so its checkpoints load
/// unchanged (see <see cref="Load"/>).
/// </summary>
public sealed class GraphHyperNetwork : nn.Module
{
    [ComponentName(Name = "ln")]
    private readonly LayerNorm? _ln;

    [ComponentName(Name = "embed")]
    private readonly Embedding _embed;

    [ComponentName(Name = "shape_enc")]
    private readonly ShapeEncoder _shapeEncoder;

    [ComponentName(Name = "gnn")]
    private readonly nn.Module _gnn;

    [ComponentName(Name = "decoder")]
    private readonly nn.Module _decoder;

    [ComponentName(Name = "decoder_1d")]
    private readonly Mlp _decoder1D;

    [ComponentName(Name = "bias_class")]
    private readonly Sequential _biasClass;

    /// <summary>Creates a randomly initialised GHN (the reference's initialisation) on <paramref name="device"/>.</summary>
    public GraphHyperNetwork(GhnConfig config, GhnDevice device = GhnDevice.Auto)
        : base(config.Architecture == GhnArchitecture.Ghn3 ? "GHN3" : "GHN2")
    {
        Config = config;
        var hid = config.Hid;
        var maxChannels = Math.Max(config.MaxShape[0], config.MaxShape[1]);
        if (config.Layernorm)
        {
            _ln = nn.LayerNorm(hid);
        }

        _embed = nn.Embedding(PrimitiveTypes.Count, hid);
        _shapeEncoder = new ShapeEncoder(hid, config.NumClasses, config.MaxShape);
        _gnn = config.Architecture == GhnArchitecture.Ghn3
            ? new ModuleList<GraphormerLayer>(Enumerable.Range(0, config.Layers).Select(layer => new GraphormerLayer(hid, config.Heads, isFirst: layer == 0)).ToArray())
            : new GatedGnn(hid, config.Ve);
        _decoder = config.Decoder == GhnDecoder.LowRank
            ? new LowRankDecoder(hid, config.MaxShape, config.Rank, config.NumClasses)
            : new ConvDecoder(hid, config.MaxShape, config.NumClasses, cropFromCorner: config.Architecture == GhnArchitecture.Ghn2);
        _decoder1D = new Mlp(hid, hid * 2, 2 * maxChannels);
        _biasClass = nn.Sequential(nn.ReLU(), nn.Linear(maxChannels, config.NumClasses));
        RegisterComponents();
        if (config.Architecture == GhnArchitecture.Ghn3)
        {
            // GHN-2 keeps PyTorch's default initialisation, as the reference does.
            InitializeLikeReference();
        }

        Device = device.Resolve();
        this.to(Device);
        eval();
    }

    /// <summary>The configuration.</summary>
    public GhnConfig Config { get; }

    private IWeightDecoder WeightDecoder => (IWeightDecoder)_decoder;

    /// <summary>The task it was meta-trained on, saved with it; null when unknown (a reference checkpoint, a new GHN).</summary>
    public MetaTrainingTask? Task { get; set; }

    /// <summary>The device the hypernetwork's tensors and predictions live on.</summary>
    public Device Device { get; }

    /// <summary>The number of the hypernetwork's own learnable scalars.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>
    /// Loads a checkpoint: a safetensors file whose <c>__metadata__</c> holds <c>ghn_config</c>. The file is
    /// validated (configuration, every tensor present with the right shape, nothing extra, not truncated);
    /// only data is read, no code.
    /// </summary>
    /// <exception cref="CheckpointException">The file is invalid; the message names the tensor or field.</exception>
    public static GraphHyperNetwork Load(string path, GhnDevice device = GhnDevice.Auto) => GhnCheckpoint.Load(path, device);

    /// <summary>
    /// Copies the weights of <paramref name="source"/> whose names and shapes agree with this GHN's (a GHN of another
    /// decoder or class count shares its graph network's); the others keep their values. Graphormer layers beyond
    /// a GHN-3 source's last one (this GHN is deeper) start as the identity, so that this GHN's graph network computes
    /// what the source's does and training deepens it from there.
    /// </summary>
    /// <returns>How many tensors were copied, of how many this GHN has.</returns>
    public (int Copied, int Total) CopyMatchingWeights(GraphHyperNetwork source)
    {
        using var noGrad = no_grad();
        var from = source.state_dict();
        var to = state_dict();
        var copied = 0;
        foreach (var (name, tensor) in to)
        {
            if (from.TryGetValue(name, out var value) && value.shape.SequenceEqual(tensor.shape))
            {
                tensor.copy_(value);
                copied++;
            }
        }

        if (_gnn is ModuleList<GraphormerLayer> layers && source._gnn is ModuleList<GraphormerLayer> sourceLayers)
        {
            foreach (var added in layers.Skip(sourceLayers.Count))
            {
                added.StartAsIdentity();
            }
        }

        return (copied, to.Count);
    }

    /// <summary>Saves the weights and configuration in the format <see cref="Load"/> reads.</summary>
    public void Save(string path) => GhnCheckpoint.Save(this, path);

    /// <summary>Predicts every parameter of the network of <paramref name="graph"/>, keyed by parameter name (inference, no autograd).</summary>
    /// <returns>Tensors on <see cref="Device"/> owned by the caller (dispose them, or use a dispose scope).</returns>
    public IReadOnlyDictionary<string, Tensor> Predict(PrimitiveGraph graph) => Predict([graph])[0];

    /// <summary>Predicts the parameters of several networks in one forward pass (inference, no autograd).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, Tensor>> Predict(IReadOnlyList<PrimitiveGraph> graphs)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var predictions = Forward(graphs);
        foreach (var tensor in predictions.SelectMany(p => p.Values))
        {
            tensor.MoveToOuterDisposeScope();
        }

        return predictions;
    }

    /// <summary>
    /// Predicts the parameters of several networks in one forward pass and keeps the autograd graph, so that a
    /// loss computed with the predicted tensors back-propagates into the hypernetwork (meta-training).
    /// The caller manages the tensors' lifetime (typically a dispose scope per training step).
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, Tensor>> PredictDifferentiable(IReadOnlyList<PrimitiveGraph> graphs)
    {
        using var enableGrad = enable_grad();
        return Forward(graphs);
    }

    /// <summary>
    /// Predicts the parameters of <paramref name="graph"/> and copies them into <paramref name="module"/> by name.
    /// </summary>
    /// <exception cref="InvalidOperationException">A parameter of the graph was not predicted, does not exist in the module or has another shape there; the message names it.</exception>
    public void Apply(nn.Module module, ArchitectureGraph graph)
    {
        using var scope = NewDisposeScope();
        Ghn.Initialization.PredictedParameters.Copy(
            module, graph, Predict(graph.ToPrimitiveGraph()), "The parameters predicted for the graph", "Was the graph extracted from another model?");
    }

    private List<IReadOnlyDictionary<string, Tensor>> Forward(IReadOnlyList<PrimitiveGraph> graphs)
    {
        if (graphs.Count == 0)
        {
            throw new ArgumentException("At least one graph is needed.", nameof(graphs));
        }

        var batch = new GraphBatch(graphs.Select(g => GraphFeatures.From(g, _shapeEncoder, Config.Ve)).ToArray(), Device);
        var x = _embed.call(batch.NodeTypes).add(_shapeEncoder.Encode(batch.ShapeIndices));
        if (_gnn is GatedGnn gated)
        {
            x = gated.Forward(x, batch.Distances, batch.NodeMask);
        }
        else
        {
            var pairMask = batch.NodeMask.unsqueeze(2).logical_and(batch.NodeMask.unsqueeze(1));
            var edges = batch.Distances;
            foreach (var layer in (ModuleList<GraphormerLayer>)_gnn)
            {
                (x, edges) = layer.Forward(x, edges, pairMask);
            }
        }

        x = x.flatten(0, 1);
        if (_ln is not null)
        {
            x = _ln.call(x);
        }

        var predictions = graphs.Select(_ => new Dictionary<string, Tensor>(StringComparer.Ordinal)).ToList();
        foreach (var (key, slots) in ParameterMapping.Group(batch, Config.MaxShape, Config.Decoder == GhnDecoder.ConvWideLinear))
        {
            var rows = tensor(slots.Select(s => s.Row).ToArray(), device: Device);
            var decoded = Decode(key, x.index_select(0, rows));
            for (var i = 0; i < slots.Count; i++)
            {
                var slot = slots[i];
                foreach (var target in slot.Tensors())
                {
                    var raw = decoded[i];
                    if (key.Kind is DecoderKind.Vector or DecoderKind.ClassifierBias)
                    {
                        raw = raw[target.VectorIndex];
                    }

                    // Normalising is elementwise with a factor that depends only on the target shape, so it is
                    // applied before tiling, on the smaller tensor.
                    if (Config.WeightNorm)
                    {
                        raw = FanInNormalization.Normalize(raw, target.Shape, target.IsWeight, slot.Node.Type == PrimitiveType.PosEnc);
                    }

                    var value = ParameterTiling.Tile(raw, target.Shape, cropFromCorner: Config.Architecture == GhnArchitecture.Ghn2);

                    if (!predictions[slot.Graph].TryAdd(target.Name, value.contiguous()))
                    {
                        throw new ArgumentException($"Parameter \"{target.Name}\" appears twice in graph {slot.Graph}.");
                    }
                }
            }
        }

        return predictions.Cast<IReadOnlyDictionary<string, Tensor>>().ToList();
    }

    private Tensor Decode(ParameterGroupKey key, Tensor embeddings)
    {
        var n = embeddings.shape[0];
        return key.Kind switch
        {
            DecoderKind.Weight => WeightDecoder.Decode(embeddings, key.DecoderShape, classifier: false),
            DecoderKind.ClassifierWeight => WeightDecoder.Decode(embeddings, key.DecoderShape, classifier: true),
            DecoderKind.Vector => _decoder1D.call(embeddings).view(n, 2, -1),
            DecoderKind.ClassifierBias => _biasClass.call(_decoder1D.call(embeddings).view(n, 2, -1)),
            _ => _decoder1D.call(embeddings).view(n, -1, 1, 1),
        };
    }

    /// <summary>
    /// The reference's initialisation: truncated-normal embeddings (std hid^-½), and the last layers of the
    /// decoders scaled down by 5 with zero bias for stable early training.
    /// </summary>
    private void InitializeLikeReference()
    {
        using var noGrad = no_grad();
        foreach (var module in modules().OfType<Embedding>())
        {
            // The reference truncates at ±2, which is 16 standard deviations for hid=64 and more for larger
            // GHNs, so a clamped normal is the same distribution. (TorchSharp 0.107's trunc_normal_ fills the
            // tensor with the constant std, so it is not used.)
            var weight = module.weight!;
            weight.normal_(0, Math.Pow(weight.shape[1], -0.5)).clamp_(-2, 2);
        }

        foreach (var layer in WeightDecoder.OutputLayers.Prepend(_decoder1D.OutputLayer))
        {
            layer.weight!.div_(5.0);
            layer.bias!.zero_();
        }
    }
}
