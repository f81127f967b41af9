namespace Ghn.Extraction.Values;

/// <summary>
/// TorchSharp's <c>TransformerEncoderLayer</c> (native, post-norm) or a <c>TransformerEncoder</c> of
/// <see cref="Layers"/> copies of one: traced as the ops it runs, with the parameter names TorchSharp gives them.
/// </summary>
internal sealed class TransformerModule(string factory, int width, int heads, int feedForward, double dropout, string activation, int layers) : ModuleInstance
{
    public int Width { get; } = width;

    public int Heads { get; } = heads;

    public int FeedForward { get; } = feedForward;

    public double Dropout { get; } = dropout;

    /// <summary><c>relu</c> or <c>gelu</c>.</summary>
    public string Activation { get; } = activation;

    /// <summary>0 for a single layer; the number of layers of an encoder (named <c>layers.0</c>, <c>layers.1</c>, ...).</summary>
    public int Layers { get; } = layers;

    public override string Description { get; } = factory;
}
