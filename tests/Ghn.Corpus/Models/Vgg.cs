using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A VGG for 28x28 images, its feature extractor built in a loop from a configuration array as torchvision's
/// <c>make_layers</c> does: a number is a 3x3 convolution of that width, <c>"M"</c> a 2x2 max pool.
/// </summary>
[Ghn.GhnInit]
public sealed partial class Vgg : Module<Tensor, Tensor>
{
    private static readonly object[] Configuration = [32, "M", 64, "M", 128, 128, "M"];

    private readonly Sequential features;
    private readonly Sequential classifier;

    public Vgg(int numClasses = 10, bool batchNorm = true, double dropout = 0.5) : base(nameof(Vgg))
    {
        features = MakeLayers(Configuration, batchNorm);
        classifier = Sequential(
            Flatten(),
            Linear(128 * 3 * 3, 256),
            ReLU(inplace: true),
            Dropout(dropout),
            Linear(256, numClasses));
        RegisterComponents();
    }

    private static Sequential MakeLayers(object[] configuration, bool batchNorm)
    {
        var layers = new List<Module<Tensor, Tensor>>();
        var inChannels = 1;
        foreach (var item in configuration)
        {
            if (item is "M")
            {
                layers.Add(MaxPool2d(kernel_size: 2, stride: 2));
                continue;
            }

            var width = (int)item;
            layers.Add(Conv2d(inChannels, width, kernel_size: 3, padding: 1));
            if (batchNorm)
            {
                layers.Add(BatchNorm2d(width));
            }

            layers.Add(ReLU(inplace: true));
            inChannels = width;
        }

        return Sequential(layers);
    }

    public override Tensor forward(Tensor x) => classifier.forward(features.forward(x));
}
