// Benchmark input of `ghn bench extract`: torchvision's resnet50 written in C# for TorchSharp. Embedded as a
// resource and compiled by the benchmark with Roslyn; it is not part of the ghn assembly.
using System.Collections.Generic;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Benchmarks;

/// <summary>torchvision's <c>Bottleneck</c>: 1x1 reduce, 3x3, 1x1 expand, identity or projected shortcut.</summary>
public sealed class Bottleneck : Module<Tensor, Tensor>
{
    public const int Expansion = 4;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly ReLU relu;
    private readonly Sequential? downsample;

    public Bottleneck(int inplanes, int planes, int stride = 1, Sequential? downsample = null) : base(nameof(Bottleneck))
    {
        conv1 = Conv2d(inplanes, planes, kernel_size: 1, bias: false);
        bn1 = BatchNorm2d(planes);
        conv2 = Conv2d(planes, planes, kernel_size: 3, stride: stride, padding: 1, bias: false);
        bn2 = BatchNorm2d(planes);
        conv3 = Conv2d(planes, planes * Expansion, kernel_size: 1, bias: false);
        bn3 = BatchNorm2d(planes * Expansion);
        relu = ReLU(inplace: true);
        this.downsample = downsample;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var identity = x;
        var out_ = relu.forward(bn1.forward(conv1.forward(x)));
        out_ = relu.forward(bn2.forward(conv2.forward(out_)));
        out_ = bn3.forward(conv3.forward(out_));
        if (downsample is not null)
        {
            identity = downsample.forward(x);
        }

        return relu.forward(out_ + identity);
    }
}

/// <summary>torchvision's <c>resnet50()</c>: 1000 classes, 25.6 M parameters.</summary>
[Ghn.GhnInit]
public sealed partial class ResNet50 : Module<Tensor, Tensor>
{
    private static readonly int[] Layers = [3, 4, 6, 3];

    private int inplanes = 64;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Linear fc;

    public ResNet50(int numClasses = 1000) : base(nameof(ResNet50))
    {
        conv1 = Conv2d(3, inplanes, kernel_size: 7, stride: 2, padding: 3, bias: false);
        bn1 = BatchNorm2d(inplanes);
        relu = ReLU(inplace: true);
        maxpool = MaxPool2d(kernel_size: 3, stride: 2, padding: 1);
        layer1 = MakeLayer(64, Layers[0]);
        layer2 = MakeLayer(128, Layers[1], stride: 2);
        layer3 = MakeLayer(256, Layers[2], stride: 2);
        layer4 = MakeLayer(512, Layers[3], stride: 2);
        avgpool = AdaptiveAvgPool2d((1, 1));
        fc = Linear(512 * Bottleneck.Expansion, numClasses);
        RegisterComponents();
    }

    private Sequential MakeLayer(int planes, int blocks, int stride = 1)
    {
        Sequential? downsample = null;
        if (stride != 1 || inplanes != planes * Bottleneck.Expansion)
        {
            downsample = Sequential(
                Conv2d(inplanes, planes * Bottleneck.Expansion, kernel_size: 1, stride: stride, bias: false),
                BatchNorm2d(planes * Bottleneck.Expansion));
        }

        var layers = new List<Module<Tensor, Tensor>> { new Bottleneck(inplanes, planes, stride, downsample) };
        inplanes = planes * Bottleneck.Expansion;
        for (var i = 1; i < blocks; i++)
        {
            layers.Add(new Bottleneck(inplanes, planes));
        }

        return Sequential(layers);
    }

    public override Tensor forward(Tensor x)
    {
        x = maxpool.forward(relu.forward(bn1.forward(conv1.forward(x))));
        x = layer4.forward(layer3.forward(layer2.forward(layer1.forward(x))));
        return fc.forward(flatten(avgpool.forward(x), 1));
    }
}
