using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// A two-layer perceptron with ReLU in between (ppuda's <c>MLP</c>): GHN's <c>decoder_1d</c>, which predicts 1-D
/// tensors, and with a ReLU after its output too, GHN-2's message functions.
/// </summary>
internal sealed class Mlp : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "fc")]
    private readonly Sequential _fc;

    public Mlp(int inFeatures, int hidden, int outFeatures, bool activateOutput = false)
        : base("mlp")
    {
        _fc = activateOutput
            ? nn.Sequential(nn.Linear(inFeatures, hidden), nn.ReLU(), nn.Linear(hidden, outFeatures), nn.ReLU())
            : nn.Sequential(nn.Linear(inFeatures, hidden), nn.ReLU(), nn.Linear(hidden, outFeatures));
        RegisterComponents();
    }

    /// <summary>The output layer (scaled down at initialisation like the reference does).</summary>
    public Linear OutputLayer => (Linear)_fc[2];

    public override Tensor forward(Tensor x) => _fc.call(x);
}
