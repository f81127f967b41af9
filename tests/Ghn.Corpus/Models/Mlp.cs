using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>A transformer-style MLP classifier for flattened images: Linear, LayerNorm, GELU and dropout per hidden layer.</summary>
[Ghn.GhnInit(new[] { 256, 128 }, 0.1)]
public sealed partial class Mlp : Module<Tensor, Tensor>
{
    private const int InputFeatures = 28 * 28;

    private readonly Flatten flatten = Flatten();
    private readonly ModuleList<Sequential> hidden = new();
    private readonly Linear output;

    public Mlp(int[] hiddenFeatures, double dropout = 0.0, int numClasses = 10) : base(nameof(Mlp))
    {
        var inFeatures = InputFeatures;
        foreach (var features in hiddenFeatures)
        {
            hidden.Add(Sequential(
                ("linear", Linear(inFeatures, features)),
                ("norm", LayerNorm(features)),
                ("act", GELU()),
                ("drop", Dropout(dropout))));
            inFeatures = features;
        }

        output = Linear(inFeatures, numClasses);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = flatten.forward(x);
        for (var i = 0; i < hidden.Count; i++)
        {
            x = hidden[i].forward(x);
        }

        return output.forward(x);
    }
}
