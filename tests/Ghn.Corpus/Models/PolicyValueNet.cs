using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// An actor-critic network as reinforcement-learning code writes one: a shared convolutional trunk and two heads
/// returned together, the policy's log-probabilities and the state's value.
/// </summary>
[Ghn.GhnInit]
public sealed partial class PolicyValueNet : Module<Tensor, (Tensor Policy, Tensor Value)>
{
    private readonly Sequential trunk;
    private readonly Linear policy;
    private readonly Sequential value;

    public PolicyValueNet(int actions = 10, int hidden = 64) : base(nameof(PolicyValueNet))
    {
        trunk = Sequential(
            Conv2d(1, 16, kernel_size: 5, stride: 2), ReLU(),
            Conv2d(16, 32, kernel_size: 3, stride: 2), ReLU(),
            Flatten(), Linear(32 * 5 * 5, hidden), ReLU());
        policy = Linear(hidden, actions);
        value = Sequential(Linear(hidden, hidden / 2), Tanh(), Linear(hidden / 2, 1));
        RegisterComponents();
    }

    public override (Tensor Policy, Tensor Value) forward(Tensor x)
    {
        var features = trunk.forward(x);
        return (functional.log_softmax(policy.forward(features), 1), value.forward(features));
    }
}
