using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// ConvMixer ("Patches Are All You Need?") for 28x28 images: a patch embedding, then <c>depth</c> mixer
/// blocks added in a <c>while</c> loop, global pooling and a linear head kept in an auto-property.
/// </summary>
[Ghn.GhnInit(48, 4)]
public sealed partial class ConvMixer : Module<Tensor, Tensor>
{
    private readonly Sequential stem;
    private readonly ModuleList<MixerBlock> mixers = new();

    public ConvMixer(int dim, int depth, int kernelSize = 5, int patchSize = 2, int numClasses = 10) : base(nameof(ConvMixer))
    {
        stem = Sequential(Conv2d(1, dim, patchSize, stride: patchSize), GELU(), BatchNorm2d(dim));
        var block = 0;
        while (block < depth)
        {
            mixers.Add(new MixerBlock(dim, kernelSize));
            block++;
        }

        Head = Linear(dim, numClasses);
        RegisterComponents();
    }

    [field: ComponentName(Name = "head")]
    private Linear Head { get; }

    public override Tensor forward(Tensor x)
    {
        x = stem.forward(x);
        foreach (var mixer in mixers)
        {
            x = mixer.forward(x);
        }

        x = functional.adaptive_avg_pool2d(x, 1);
        return Head.forward(x.reshape(x.shape[0], -1));
    }
}
