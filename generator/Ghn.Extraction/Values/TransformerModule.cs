namespace Ghn.Extraction.Values;

/// <summary>Which of TorchSharp's native transformer modules a <see cref="TransformerModule"/> is.</summary>
internal enum TransformerPart
{
    /// <summary><c>TransformerEncoderLayer</c>.</summary>
    EncoderLayer,

    /// <summary><c>TransformerEncoder</c>: a stack of copies of an encoder layer (<c>layers.0</c>, <c>layers.1</c>, ...).</summary>
    Encoder,

    /// <summary><c>TransformerDecoderLayer</c>.</summary>
    DecoderLayer,

    /// <summary><c>TransformerDecoder</c>: a stack of copies of a decoder layer.</summary>
    Decoder,

    /// <summary><c>Transformer</c>: an encoder and a decoder, each with a final LayerNorm (<c>encoder.norm</c>, <c>decoder.norm</c>).</summary>
    Transformer,
}

/// <summary>
/// One of TorchSharp's native transformer modules (post-norm): traced as the ops it runs, with the parameter names
/// TorchSharp gives them.
/// </summary>
internal sealed class TransformerModule(string factory, TransformerPart part, int width, int heads, int feedForward, double dropout, string activation, int encoderLayers = 0, int decoderLayers = 0) : ModuleInstance
{
    public TransformerPart Part { get; } = part;

    public int Width { get; } = width;

    public int Heads { get; } = heads;

    public int FeedForward { get; } = feedForward;

    public double Dropout { get; } = dropout;

    /// <summary><c>relu</c> or <c>gelu</c>.</summary>
    public string Activation { get; } = activation;

    /// <summary>The encoder layers of an <see cref="TransformerPart.Encoder"/> or <see cref="TransformerPart.Transformer"/>.</summary>
    public int EncoderLayers { get; } = encoderLayers;

    /// <summary>The decoder layers of a <see cref="TransformerPart.Decoder"/> or <see cref="TransformerPart.Transformer"/>.</summary>
    public int DecoderLayers { get; } = decoderLayers;

    public override string Description { get; } = factory;

    /// <summary>The same settings as a stack of <paramref name="layers"/> copies (<c>TransformerEncoder(layer, n)</c>).</summary>
    public TransformerModule Stack(string factory, int layers) => Part switch
    {
        TransformerPart.EncoderLayer => new(factory, TransformerPart.Encoder, Width, Heads, FeedForward, Dropout, Activation, encoderLayers: layers),
        TransformerPart.DecoderLayer => new(factory, TransformerPart.Decoder, Width, Heads, FeedForward, Dropout, Activation, decoderLayers: layers),
        _ => throw new InvalidOperationException($"{Description} is not a layer."),
    };
}
