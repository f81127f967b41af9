using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A dueling deep Q-network as reinforcement-learning libraries write one: a <c>ModuleList</c> of hidden layers read
/// with LINQ (<c>First()</c>, <c>Skip(1)</c>), modules moved with <c>.to(device)</c>, an optimizer and a loss created
/// in the constructor for the agent's own training loop, input checks that throw, and one advantage head per action
/// branch stacked into the result (<c>torch.stack</c>), each centred by its mean.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 8 })]
public sealed partial class DuelingQNetwork : Module<Tensor, Tensor>
{
    private readonly ModuleList<Module<Tensor, Tensor>> hidden = new();
    private readonly Linear value;
    private readonly ModuleList<Linear> advantages = new();
    private readonly torch.optim.Optimizer optimizer;
    private readonly Loss<Tensor, Tensor, Tensor> loss;

    public DuelingQNetwork(int observations = 8, int width = 32, int depth = 2, int branches = 2, int actions = 5) : base(nameof(DuelingQNetwork))
    {
        var device = torch.CPU;
        hidden.Add(Linear(observations, width).to(device));
        for (var i = 1; i < depth; i++)
        {
            hidden.Add(Linear(width, width).to(device));
        }

        value = Linear(width, 1).to(device);
        foreach (var _ in Enumerable.Range(0, branches))
        {
            advantages.Add(Linear(width, actions));
        }

        RegisterComponents();
        optimizer = torch.optim.Adam(parameters(), lr: 1e-3);
        loss = MSELoss();
    }

    public override Tensor forward(Tensor x)
    {
        if (x.dtype != ScalarType.Float32)
        {
            throw new ArgumentException($"Observations must be float32, not {x.dtype}.");
        }

        if (x.dim() != 2)
        {
            throw new ArgumentException("Observations must be a batch of vectors.");
        }

        x = functional.relu(hidden.First().forward(x));
        foreach (var layer in hidden.Skip(1))
        {
            x = functional.relu(layer.forward(x));
        }

        var state = value.forward(x);
        var branchValues = new List<Tensor>();
        foreach (var advantage in advantages)
        {
            var a = advantage.forward(x);
            branchValues.Add(state + (a - a.mean([1], keepdim: true)));
        }

        return torch.stack(branchValues, dim: 1).flatten(1);
    }
}
