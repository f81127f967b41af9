using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A classic fully connected classifier with BatchNorm1d between layers, built layer by layer with
/// <c>append</c> and a different activation per depth (LeakyReLU, ELU, SiLU).
/// </summary>
[Ghn.GhnInit]
public sealed partial class BatchNormMlp : Module<Tensor, Tensor>
{
    private readonly Sequential layers = Sequential();

    public BatchNormMlp(int width = 256, int depth = 3, int numClasses = 10) : base(nameof(BatchNormMlp))
    {
        layers.append("flatten", Flatten());
        var inFeatures = 28 * 28;
        for (var i = 0; i < depth; i++)
        {
            layers.append($"fc{i}", Linear(inFeatures, width, hasBias: false));
            layers.append($"bn{i}", BatchNorm1d(width));
            layers.append($"act{i}", (i % 3) switch
            {
                0 => LeakyReLU(0.1),
                1 => ELU(),
                _ => SiLU(),
            });
            inFeatures = width;
            width /= 2;
        }

        layers.append("out", Linear(inFeatures, numClasses));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => layers.forward(x);
}
