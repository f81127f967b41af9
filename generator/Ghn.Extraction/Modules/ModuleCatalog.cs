using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;
using Ghn.Graphs;

namespace Ghn.Extraction.Modules;

/// <summary>The TorchSharp module factories of <c>torch.nn</c> the extractor models, by factory name.</summary>
internal static class ModuleCatalog
{
    private static readonly Dictionary<string, Func<Arguments, LayerSpec>> Layers = new(StringComparer.Ordinal)
    {
        ["Conv2d"] = LayerSpecs.Conv2d,
        ["Linear"] = LayerSpecs.Linear,
        ["BatchNorm1d"] = LayerSpecs.BatchNorm,
        ["BatchNorm2d"] = LayerSpecs.BatchNorm,
        ["LayerNorm"] = LayerSpecs.LayerNorm,
        ["MaxPool2d"] = LayerSpecs.MaxPool2d,
        ["AvgPool2d"] = LayerSpecs.AvgPool2d,
        ["AdaptiveAvgPool2d"] = LayerSpecs.AdaptiveAvgPool2d,
        ["Flatten"] = LayerSpecs.Flatten,
        ["Identity"] = a => new LayerSpec(OpKind.Identity),
        ["ReLU"] = a => LayerSpecs.Activation(OpKind.Relu, a),
        ["ReLU6"] = a => LayerSpecs.Activation(OpKind.Relu6, a),
        ["LeakyReLU"] = a => LayerSpecs.Activation(OpKind.LeakyRelu, a),
        ["ELU"] = a => LayerSpecs.Activation(OpKind.Elu, a),
        ["GELU"] = a => LayerSpecs.Activation(OpKind.Gelu, a),
        ["SiLU"] = a => LayerSpecs.Activation(OpKind.Silu, a),
        ["Hardswish"] = a => LayerSpecs.Activation(OpKind.Hardswish, a),
        ["Sigmoid"] = a => LayerSpecs.Activation(OpKind.Sigmoid, a),
        ["Hardsigmoid"] = a => LayerSpecs.Activation(OpKind.Hardsigmoid, a),
        ["Tanh"] = a => LayerSpecs.Activation(OpKind.Tanh, a),
        ["Softmax"] = a => LayerSpecs.Activation(OpKind.Softmax, a),
        ["Dropout"] = a => LayerSpecs.Activation(OpKind.Dropout, a),
        ["Dropout2d"] = a => LayerSpecs.Activation(OpKind.Dropout2d, a),
        ["LogSoftmax"] = a => LayerSpecs.Activation(OpKind.LogSoftmax, a),
        ["Softplus"] = a => LayerSpecs.Activation(OpKind.Softplus, a),
        ["Mish"] = a => LayerSpecs.Activation(OpKind.Mish, a),
        ["ConvTranspose2d"] = LayerSpecs.ConvTranspose2d,
        ["Embedding"] = LayerSpecs.Embedding,
        ["EmbeddingBag"] = LayerSpecs.EmbeddingBag,
        ["LSTM"] = LayerSpecs.Recurrent,
        ["MultiheadAttention"] = LayerSpecs.MultiheadAttention,
        ["GRU"] = LayerSpecs.Recurrent,
        ["RNN"] = LayerSpecs.Recurrent,
        ["GroupNorm"] = LayerSpecs.GroupNorm,
        ["InstanceNorm2d"] = LayerSpecs.InstanceNorm,
        ["AdaptiveMaxPool2d"] = LayerSpecs.AdaptiveMaxPool2d,
        ["ZeroPad2d"] = LayerSpecs.Pad,
        ["Upsample"] = LayerSpecs.Interpolate,
    };

    private static readonly Dictionary<string, ContainerKind> Containers = new(StringComparer.Ordinal)
    {
        ["Sequential"] = ContainerKind.Sequential,
        ["ModuleList"] = ContainerKind.ModuleList,
        ["ModuleDict"] = ContainerKind.ModuleDict,
    };

    /// <summary>Creates the module of the factory call <paramref name="a"/>, or returns null for an unknown factory.</summary>
    public static ModuleInstance? Create(ExtractionContext context, Arguments a)
    {
        var name = a.Method.Name;
        if (Layers.TryGetValue(name, out var describe))
        {
            return new LayerModule(name, describe(a));
        }

        return name switch
        {
            "TransformerEncoderLayer" => Transformer(a, TransformerPart.EncoderLayer),
            "TransformerDecoderLayer" => Transformer(a, TransformerPart.DecoderLayer),
            "Transformer" => Transformer(a, TransformerPart.Transformer),
            "TransformerEncoder" when a[0] is TransformerModule { Part: TransformerPart.EncoderLayer } layer => layer.Stack(name, a.Int("num_layers")),
            "TransformerDecoder" when a[0] is TransformerModule { Part: TransformerPart.DecoderLayer } layer => layer.Stack(name, a.Int("num_layers")),
            _ => Containers.TryGetValue(name, out var kind) ? CreateContainer(context, kind, a) : null,
        };
    }

    /// <summary>
    /// <c>TransformerEncoderLayer</c> and <c>TransformerDecoderLayer(d_model, nhead, dim_feedforward, dropout, activation)</c>;
    /// <c>Transformer</c> also takes <c>num_encoder_layers</c> and <c>num_decoder_layers</c>.
    /// </summary>
    private static TransformerModule Transformer(Arguments settings, TransformerPart part)
    {
        var activation = settings.EnumMember("activation");
        if (activation is not ("ReLU" or "GELU"))
        {
            throw settings.Invalid("activation", activation, "use Activations.ReLU or Activations.GELU");
        }

        var (width, heads) = (settings.Int("d_model"), settings.Int("nhead"));
        if (heads < 1 || width % heads != 0)
        {
            throw settings.Invalid("nhead", $"{heads}", $"nhead must divide d_model ({width})");
        }

        var (encoderLayers, decoderLayers) = part == TransformerPart.Transformer ? (settings.Int("num_encoder_layers"), settings.Int("num_decoder_layers")) : (0, 0);
        return new TransformerModule(settings.Method.Name, part, width, heads, settings.Int("dim_feedforward"), settings.Double("dropout"), activation.ToLowerInvariant(), encoderLayers, decoderLayers);
    }

    /// <summary>
    /// A container from its (params) argument: modules named by position, or (name, module) pairs named by
    /// their key, as TorchSharp's overloads do.
    /// </summary>
    private static ContainerModule CreateContainer(ExtractionContext context, ContainerKind kind, Arguments a)
    {
        var container = new ContainerModule(kind);
        if (a.Count == 0)
        {
            return container;
        }

        if (a.Count != 1 || a[0] is not ListValue items)
        {
            throw new ExtractionException(ExtractionDiagnostics.UnsupportedTorchApi, a.Call, a.Method.ToDisplayString());
        }

        foreach (var item in items.Items)
        {
            ContainerItems.Add(context, container, item, a.Call);
        }

        return container;
    }
}
