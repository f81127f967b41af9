using Ghn.Graphs;
using static Ghn.Runtime.Tests.Execution.GraphBuilder;
using static Ghn.Runtime.Tests.Execution.ModuleState;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Execution;

public sealed class DropoutTests
{
    private static readonly ArchitectureGraph Graph = Single(OpKind.Dropout, [Attr("p", 0.3)]);

    [Fact]
    public void Dropout_is_the_identity_in_evaluation()
    {
        using var scope = NewDisposeScope();
        var x = randn(4, 50);

        AssertClose(x, new GraphExecutor(Graph).Forward(x, new Dictionary<string, Tensor>(), training: false), tolerance: 0);
    }

    [Fact]
    public void Dropout_in_training_draws_the_same_mask_as_the_module_from_the_same_seed()
    {
        using var scope = NewDisposeScope();
        using var module = nn.Dropout(0.3);
        module.train();
        var x = randn(4, 50);

        manual_seed(7);
        var expected = module.forward(x);
        manual_seed(7);
        var actual = new GraphExecutor(Graph).Forward(x, new Dictionary<string, Tensor>(), training: true);

        AssertClose(expected, actual, tolerance: 0);
        Assert.True(actual.eq(0).any().item<bool>(), "training-mode dropout zeroed nothing");
    }
}
