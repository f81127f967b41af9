using Ghn.Training.Sampling.Generators;

namespace Ghn.Training.Sampling;

/// <summary>
/// A named distribution over architectures: one or more generators (architecture styles) with weights and
/// size ranges. <see cref="Mixed"/> is the meta-training distribution; the others single out a style or a
/// size regime for evaluation, as DeepNets-1M's WIDE, DEEP and BN-FREE splits do.
/// </summary>
public sealed class ArchitectureFamily
{
    private static readonly IArchitectureGenerator DartsCells = new DartsCellGenerator();
    private static readonly IArchitectureGenerator PlainConv = new PlainConvGenerator();
    private static readonly IArchitectureGenerator VggStyle = new VggGenerator();
    private static readonly IArchitectureGenerator ResNet = new ResidualGenerator(squeezeExcitation: false);
    private static readonly IArchitectureGenerator SeResNet = new ResidualGenerator(squeezeExcitation: true);
    private static readonly IArchitectureGenerator DenseNet = new DenseGenerator();
    private static readonly IArchitectureGenerator InvertedResidual = new InvertedResidualGenerator();
    private static readonly IArchitectureGenerator Perceptron = new MlpGenerator();
    private static readonly IArchitectureGenerator LeNet = new LeNetGenerator();
    private static readonly IArchitectureGenerator ConvMixer = new ConvMixerGenerator();
    private static readonly IArchitectureGenerator Inception = new InceptionGenerator();
    private static readonly IArchitectureGenerator Transformer = new TransformerGenerator();
    private static readonly IArchitectureGenerator EncoderDecoder = new EncoderDecoderGenerator();

    // DARTS-style cells are the richest space (every op of the cell vocabulary), so they get the largest share.
    private static readonly (IArchitectureGenerator, int)[] AllStyles =
        [(DartsCells, 3), (PlainConv, 1), (VggStyle, 2), (ResNet, 2), (SeResNet, 1), (DenseNet, 1), (InvertedResidual, 2), (Perceptron, 1), (LeNet, 1), (ConvMixer, 1), (Inception, 2), (Transformer, 2), (EncoderDecoder, 1)];

    private readonly (IArchitectureGenerator Generator, int Weight)[] _generators;
    private readonly int _totalWeight;

    private ArchitectureFamily(string name, string description, SamplerSettings settings, params (IArchitectureGenerator, int)[] generators)
    {
        Name = name;
        Description = description;
        Settings = settings;
        _generators = generators;
        _totalWeight = generators.Sum(g => g.Item2);
    }

    /// <summary>The meta-training distribution: every style at default sizes.</summary>
    public static ArchitectureFamily Mixed { get; } = new("mixed", "every style below at default sizes (the meta-training distribution)", SamplerSettings.Default, AllStyles);

    /// <summary>DARTS-style cell networks, as in DeepNets-1M.</summary>
    public static ArchitectureFamily DeepNets { get; } = new("deepnets", "DeepNets-1M-style networks: a stem, normal and reduction cells of random op DAGs", SamplerSettings.Default, (DartsCells, 1));

    /// <summary>Plain convolution stacks.</summary>
    public static ArchitectureFamily Plain { get; } = new("plain", "plain conv stacks with pooling or strided convs", SamplerSettings.Default, (PlainConv, 1));

    /// <summary>VGG-style networks.</summary>
    public static ArchitectureFamily Vgg { get; } = new("vgg", "VGG-style stages of 3x3 convs and max pooling", SamplerSettings.Default, (VggStyle, 1));

    /// <summary>ResNets with basic or bottleneck blocks, with or without projection shortcuts.</summary>
    public static ArchitectureFamily Residual { get; } = new("resnet", "ResNets (basic/bottleneck blocks; projection or identity-only shortcuts)", SamplerSettings.Default, (ResNet, 1));

    /// <summary>DenseNet-style dense concatenation.</summary>
    public static ArchitectureFamily Dense { get; } = new("densenet", "DenseNet-style blocks of concatenated features with transitions", SamplerSettings.Default, (DenseNet, 1));

    /// <summary>MobileNet-style inverted residuals.</summary>
    public static ArchitectureFamily MobileNet { get; } = new("mobilenet", "MobileNet-style inverted residuals with depthwise convs", SamplerSettings.Default, (InvertedResidual, 1));

    /// <summary>ResNets with squeeze-and-excitation in every block.</summary>
    public static ArchitectureFamily SqueezeExcitation { get; } = new("se-resnet", "ResNets with squeeze-and-excitation in every block", SamplerSettings.Default, (SeResNet, 1));

    /// <summary>Multi-layer perceptrons.</summary>
    public static ArchitectureFamily Mlp { get; } = new("mlp", "multi-layer perceptrons on the flattened image", SamplerSettings.Default, (Perceptron, 1));

    /// <summary>LeNet-style convolution and pooling pairs (often tanh, often without BatchNorm) into hidden linear layers.</summary>
    public static ArchitectureFamily LeNetStyle { get; } = new("lenet", "LeNet-style conv/pool pairs (often tanh, often BN-free) into hidden linear layers", SamplerSettings.Default, (LeNet, 1));

    /// <summary>ConvMixer-style patch embedding and depthwise/pointwise mixing blocks at one resolution.</summary>
    public static ArchitectureFamily ConvMixerStyle { get; } = new("convmixer", "ConvMixer-style patch embedding, residual depthwise and pointwise mixing blocks", SamplerSettings.Default, (ConvMixer, 1));

    /// <summary>Inception-style blocks of parallel branches concatenated along channels.</summary>
    public static ArchitectureFamily InceptionStyle { get; } = new("inception", "Inception-style blocks of parallel (often BN-free) branches, concatenated and fused", SamplerSettings.Default, (Inception, 1));

    /// <summary>Transformers over patch or spatial-position tokens.</summary>
    public static ArchitectureFamily TransformerStyle { get; } = new("transformer", "ViT-style and hybrid transformers: patch or conv-stem tokens, class token, position embedding, multi-head or tensor-op attention", SamplerSettings.Default, (Transformer, 1));

    /// <summary>U-Net-style encoder-decoder classifiers.</summary>
    public static ArchitectureFamily UNet { get; } = new("unet", "U-Net-style encoder-decoders: transposed convs or interpolation, skip concatenation, BatchNorm, GroupNorm or InstanceNorm", SamplerSettings.Default, (EncoderDecoder, 1));

    /// <summary>Every style, with base widths of 32–64 channels.</summary>
    public static ArchitectureFamily Wide { get; } = new("wide", "every style with base widths of 32-64 channels", SamplerSettings.Default with { MinWidth = 32, MaxWidth = 64, MaxParameters = 2_000_000 }, AllStyles);

    /// <summary>Every style, with 10–16 repeated units.</summary>
    public static ArchitectureFamily Deep { get; } = new("deep", "every style with 10-16 cells/blocks/layers", SamplerSettings.Default with { MinUnits = 10, MaxUnits = 16, MaxParameters = 2_000_000 }, AllStyles);

    /// <summary>Every style without BatchNorm.</summary>
    public static ArchitectureFamily BatchNormFree { get; } = new("bn-free", "every style without BatchNorm", SamplerSettings.Default with { BatchNormProbability = 0 }, AllStyles);

    /// <summary>All families, training distribution first.</summary>
    public static IReadOnlyList<ArchitectureFamily> All { get; } = [Mixed, DeepNets, Plain, Vgg, Residual, Dense, MobileNet, SqueezeExcitation, Mlp, LeNetStyle, ConvMixerStyle, InceptionStyle, TransformerStyle, UNet, Wide, Deep, BatchNormFree];

    /// <summary>The family's name, e.g. <c>resnet</c>.</summary>
    public string Name { get; }

    /// <summary>What the family contains.</summary>
    public string Description { get; }

    internal SamplerSettings Settings { get; }

    /// <summary>The family called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No family has that name; the message lists the names.</exception>
    public static ArchitectureFamily Get(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown architecture family '{name}'. Families: {string.Join(", ", All.Select(f => f.Name))}.", nameof(name));

    /// <inheritdoc />
    public override string ToString() => Name;

    internal IArchitectureGenerator ChooseGenerator(Random random)
    {
        var ticket = random.Next(_totalWeight);
        foreach (var (generator, weight) in _generators)
        {
            if (ticket < weight)
            {
                return generator;
            }

            ticket -= weight;
        }

        throw new InvalidOperationException("unreachable: the tickets cover the total weight");
    }
}
