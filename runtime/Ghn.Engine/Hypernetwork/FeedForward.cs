using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>The Transformer MLP after each attention block: Linear, GELU, Linear.</summary>
internal sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    // Identity modules hold the places of the reference's (disabled) dropouts so that the linear layers
    // keep their state-dict names net.0 and net.3.
    [ComponentName(Name = "net")]
    private readonly Sequential _net;

    public FeedForward(int dim, int hidden)
        : base("ff")
    {
        _net = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Identity(), nn.Linear(hidden, dim));
        RegisterComponents();
    }

    /// <summary>The last linear layer (<c>net.3</c>).</summary>
    public Linear OutputLayer => (Linear)_net[3];

    public override Tensor forward(Tensor x) => _net.call(x);
}
