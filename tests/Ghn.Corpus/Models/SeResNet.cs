using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// An SE-ResNet for 28x28 images. The parameterless constructor chains to the general one, and the stages are
/// built by an instance helper that tracks the running channel count, as torchvision's <c>_make_layer</c> does.
/// </summary>
[Ghn.GhnInit]
public sealed partial class SeResNet : Module<Tensor, Tensor>
{
    private int channels;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential stage1;
    private readonly Sequential stage2;
    private readonly Sequential stage3;
    private readonly Linear fc;

    public SeResNet() : this(width: 16, blocksPerStage: 2)
    {
    }

    public SeResNet(int width, int blocksPerStage, int reduction = 4, int numClasses = 10) : base(nameof(SeResNet))
    {
        channels = width;
        conv1 = Conv2d(1, width, 3, padding: 1, bias: false);
        bn1 = BatchNorm2d(width);
        stage1 = MakeStage(width, blocksPerStage, stride: 1, reduction);
        stage2 = MakeStage(width * 2, blocksPerStage, stride: 2, reduction);
        stage3 = MakeStage(width * 4, blocksPerStage, stride: 2, reduction);
        fc = Linear(channels, numClasses);
        RegisterComponents();
    }

    private Sequential MakeStage(int outChannels, int blocks, int stride, int reduction)
    {
        var stage = Sequential();
        for (var i = 0; i < blocks; i++)
        {
            stage.append(new SeBasicBlock(channels, outChannels, i == 0 ? stride : 1, reduction));
            channels = outChannels;
        }

        return stage;
    }

    public override Tensor forward(Tensor x)
    {
        x = functional.relu(bn1.forward(conv1.forward(x)));
        x = stage3.forward(stage2.forward(stage1.forward(x)));
        x = x.mean([-2, -1]);
        return fc.forward(x);
    }
}
