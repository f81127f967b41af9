using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A MobileNetV3-Small-like network for 28x28 images: hard-swish and ReLU blocks chosen by a configuration
/// string, squeeze-and-excitation with a hard-sigmoid gate, a Hardswish classifier with dropout.
/// </summary>
[Ghn.GhnInit]
public sealed partial class MobileNetV3 : Module<Tensor, Tensor>
{
    /// <summary>One row of the architecture table; <see cref="Activation"/> is "RE" (ReLU) or "HS" (hard swish), as in the paper.</summary>
    public sealed record BlockSetting(int Kernel, int ExpandedChannels, int OutChannels, bool UseSqueezeExcite, string Activation, int Stride);

    private static readonly BlockSetting[] Settings =
    [
        new(3, 16, 16, true, "RE", 2),
        new(3, 72, 24, false, "RE", 2),
        new(3, 88, 24, false, "RE", 1),
        new(5, 96, 40, true, "HS", 2),
        new(5, 240, 40, true, "HS", 1),
    ];

    private readonly Sequential features;
    private readonly Sequential classifier;

    public MobileNetV3(int numClasses = 10, int lastChannels = 128, double dropout = 0.2) : base(nameof(MobileNetV3))
    {
        var layers = new List<Module<Tensor, Tensor>> { ConvNormActivation(1, 16, 3, 1, 1, "HS") };
        var inChannels = 16;
        foreach (var setting in Settings)
        {
            layers.Add(new MobileNetV3Block(inChannels, setting));
            inChannels = setting.OutChannels;
        }

        layers.Add(ConvNormActivation(inChannels, 6 * inChannels, 1, 1, 1, "HS"));
        features = Sequential(layers);
        classifier = Sequential(
            Linear(6 * inChannels, lastChannels),
            Hardswish(),
            Dropout(dropout),
            Linear(lastChannels, numClasses));
        RegisterComponents();
    }

    internal static Sequential ConvNormActivation(int inChannels, int outChannels, int kernel, int stride, int groups, string activation) => Sequential(
        Conv2d(inChannels, outChannels, kernel, stride: stride, padding: (kernel - 1) / 2, groups: groups, bias: false),
        BatchNorm2d(outChannels, eps: 0.001, momentum: 0.01),
        activation switch
        {
            "HS" => Hardswish(),
            "RE" => ReLU(inplace: true),
            _ => throw new ArgumentException($"Unknown activation '{activation}'; use \"RE\" or \"HS\".", nameof(activation)),
        });

    public override Tensor forward(Tensor x)
    {
        x = features.forward(x);
        x = functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return classifier.forward(x);
    }
}
