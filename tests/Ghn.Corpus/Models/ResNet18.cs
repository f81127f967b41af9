using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// torchvision's <c>resnet18(num_classes=10)</c>, built as torchvision builds it (<c>_make_layer</c> grows
/// <c>inplanes</c> as it goes), so parameter names match the reference: <c>layer2.0.downsample.0.weight</c>, ...
/// Extracted at a quarter of the width (16–128 channels), the reference parity fixture <c>resnet18_narrow</c>.
/// </summary>
[Ghn.GhnInit(10, 3, 16)]
public sealed partial class ResNet18 : Module<Tensor, Tensor>
{
    private static readonly int[] BlocksPerLayer = [2, 2, 2, 2];

    private int inplanes;

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

    /// <param name="numClasses">Size of the classifier output.</param>
    /// <param name="inChannels">Image channels: 3 as in torchvision, 1 for grey-scale data.</param>
    /// <param name="width">Channels of the first stage (torchvision: 64); each later stage doubles them.</param>
    public ResNet18(int numClasses = 10, int inChannels = 3, int width = 64) : base(nameof(ResNet18))
    {
        inplanes = width;
        conv1 = Conv2d(inChannels, inplanes, kernel_size: 7, stride: 2, padding: 3, bias: false);
        bn1 = BatchNorm2d(inplanes);
        relu = ReLU(inplace: true);
        maxpool = MaxPool2d(kernel_size: 3, stride: 2, padding: 1);
        layer1 = MakeLayer(width, BlocksPerLayer[0]);
        layer2 = MakeLayer(2 * width, BlocksPerLayer[1], stride: 2);
        layer3 = MakeLayer(4 * width, BlocksPerLayer[2], stride: 2);
        layer4 = MakeLayer(8 * width, BlocksPerLayer[3], stride: 2);
        avgpool = AdaptiveAvgPool2d((1, 1));
        fc = Linear(8 * width * BasicBlock.Expansion, numClasses);
        RegisterComponents();
    }

    internal static Conv2d Conv3x3(int inPlanes, int outPlanes, int stride = 1) =>
        Conv2d(inPlanes, outPlanes, kernel_size: 3, stride: stride, padding: 1, bias: false);

    private static Conv2d Conv1x1(int inPlanes, int outPlanes, int stride = 1) =>
        Conv2d(inPlanes, outPlanes, kernel_size: 1, stride: stride, bias: false);

    private Sequential MakeLayer(int planes, int blocks, int stride = 1)
    {
        Sequential? downsample = null;
        if (stride != 1 || inplanes != planes * BasicBlock.Expansion)
        {
            downsample = Sequential(
                Conv1x1(inplanes, planes * BasicBlock.Expansion, stride),
                BatchNorm2d(planes * BasicBlock.Expansion));
        }

        var layers = new List<Module<Tensor, Tensor>> { new BasicBlock(inplanes, planes, stride, downsample) };
        inplanes = planes * BasicBlock.Expansion;
        for (var i = 1; i < blocks; i++)
        {
            layers.Add(new BasicBlock(inplanes, planes));
        }

        return Sequential(layers);
    }

    public override Tensor forward(Tensor x)
    {
        x = conv1.forward(x);
        x = bn1.forward(x);
        x = relu.forward(x);
        x = maxpool.forward(x);

        x = layer1.forward(x);
        x = layer2.forward(x);
        x = layer3.forward(x);
        x = layer4.forward(x);

        x = avgpool.forward(x);
        x = flatten(x, 1);
        return fc.forward(x);
    }
}
