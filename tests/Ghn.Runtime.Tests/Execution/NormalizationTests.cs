using Ghn.Graphs;
using static Ghn.Runtime.Tests.Execution.GraphBuilder;
using static Ghn.Runtime.Tests.Execution.ModuleState;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Execution;

public sealed class NormalizationTests
{
    private static readonly ArchitectureGraph BatchNormGraph = Single(
        OpKind.BatchNorm,
        [Attr("eps", 1e-5), Attr("momentum", 0.1)],
        [Spec("weight", 4), Spec("bias", 4)],
        [Spec("running_mean", 4), Spec("running_var", 4), Spec("num_batches_tracked")]);

    [Fact]
    public void BatchNorm_in_training_uses_batch_statistics_and_updates_the_running_ones_as_the_module_does()
    {
        using var scope = NewDisposeScope();
        using var module = NewBatchNorm();
        using var twin = NewBatchNorm();
        var x = randn(3, 4, 5, 5);

        module.train();
        var expected = module.forward(x);
        var actual = new GraphExecutor(BatchNormGraph).Forward(x, Tensors(twin), training: true);

        AssertClose(expected, actual);
        AssertClose(module.running_mean!, twin.running_mean!);
        AssertClose(module.running_var!, twin.running_var!);
        Assert.Equal(module.num_batches_tracked!.item<long>(), twin.num_batches_tracked!.item<long>());
    }

    [Fact]
    public void BatchNorm_in_evaluation_uses_the_running_statistics()
    {
        using var scope = NewDisposeScope();
        using var module = NewBatchNorm();
        module.eval();
        var x = randn(3, 4, 5, 5);

        AssertClose(module.forward(x), new GraphExecutor(BatchNormGraph).Forward(x, Tensors(module), training: false));
    }

    [Fact]
    public void BatchNorm_in_training_without_buffers_uses_batch_statistics()
    {
        using var scope = NewDisposeScope();
        using var module = NewBatchNorm();
        module.train();
        var x = randn(3, 4, 5, 5);
        var actual = new GraphExecutor(BatchNormGraph).Forward(x, Tensors(module, withBuffers: false), training: true);

        AssertClose(module.forward(x), actual);
    }

    [Fact]
    public void BatchNorm_in_evaluation_without_running_statistics_names_the_missing_buffer()
    {
        using var scope = NewDisposeScope();
        using var module = NewBatchNorm();

        var error = Assert.Throws<ArgumentException>(() =>
            new GraphExecutor(BatchNormGraph).Forward(randn(3, 4, 5, 5), Tensors(module, withBuffers: false), training: false));

        Assert.Contains("'running_mean'", error.Message);
        Assert.Contains("training: true", error.Message);
    }

    [Fact]
    public void LayerNorm_matches_the_module()
    {
        using var scope = NewDisposeScope();
        using var module = nn.LayerNorm([3, 6], eps: 1e-4);
        using (no_grad())
        {
            module.weight!.uniform_(0.5, 1.5);
            module.bias!.uniform_(-1, 1);
        }

        var graph = Single(
            OpKind.LayerNorm,
            [Attr("normalized_shape", 3, 6), Attr("eps", 1e-4)],
            [Spec("weight", 3, 6), Spec("bias", 3, 6)]);
        var x = randn(2, 5, 3, 6);

        AssertClose(module.forward(x), new GraphExecutor(graph).Forward(x, Tensors(module), training: false));
    }

    /// <summary>A BatchNorm with non-trivial affine parameters and running statistics, identical on every call.</summary>
    private static TorchSharp.Modules.BatchNorm2d NewBatchNorm()
    {
        var module = nn.BatchNorm2d(4);
        using (no_grad())
        {
            module.weight!.copy_(tensor(new[] { 0.5f, 1f, 1.5f, 2f }));
            module.bias!.copy_(tensor(new[] { -1f, 0f, 1f, 2f }));
            module.running_mean!.copy_(tensor(new[] { 0.1f, -0.2f, 0.3f, 0f }));
            module.running_var!.copy_(tensor(new[] { 1.5f, 0.5f, 2f, 1f }));
        }

        return module;
    }
}
