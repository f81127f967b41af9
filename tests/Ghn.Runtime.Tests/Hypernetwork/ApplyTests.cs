using Ghn.Graphs;
using Ghn.Runtime.Tests.Execution;
using TorchSharp.Modules;
using static Ghn.Runtime.Tests.Execution.GraphBuilder;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Hypernetwork;

/// <summary><see cref="GraphHyperNetwork.Apply"/> copies predictions into a TorchSharp module by parameter name.</summary>
public sealed class ApplyTests : IDisposable
{
    private readonly GraphHyperNetwork _ghn = GraphHyperNetwork.Load(ParityFixtureDirectory.RandomGhnCheckpoint, GhnDevice.Cpu);

    [Fact]
    public void Every_parameter_of_the_module_receives_its_prediction_and_the_module_runs()
    {
        using var scope = NewDisposeScope();
        using var model = new SmallNet();
        var graph = SmallNetGraph("fc");
        _ghn.Apply(model, graph);

        var predicted = _ghn.Predict(graph.ToPrimitiveGraph());
        var parameters = model.named_parameters().ToArray();
        Assert.Equal(6, parameters.Length);
        foreach (var (name, parameter) in parameters)
        {
            Assert.True(parameter.allclose(predicted[name], rtol: 0, atol: 0), name);
        }

        model.train();
        var output = model.call(randn(4, 1, 8, 8));
        Assert.Equal([4L, 10L], output.shape);
        Assert.True(output.isfinite().all().item<bool>());
    }

    [Fact]
    public void A_graph_parameter_missing_from_the_module_is_named()
    {
        using var model = new SmallNet();
        var exception = Assert.Throws<InvalidOperationException>(() => _ghn.Apply(model, SmallNetGraph("head")));
        Assert.Contains("\"head.weight\"", exception.Message);
    }

    [SkippableFact]
    public void Cuda_is_refused_clearly_when_unavailable()
    {
        Skip.If(cuda.is_available(), "CUDA is available on this machine, so there is no refusal to observe.");

        var exception = Assert.Throws<InvalidOperationException>(() => GhnDevice.Cuda.Resolve());
        Assert.Contains("CUDA is not available", exception.Message);
        Assert.Equal(CPU.type, GhnDevice.Auto.Resolve().type);
    }

    public void Dispose() => _ghn.Dispose();

    private static ArchitectureGraph SmallNetGraph(string classifier)
    {
        var builder = new GraphBuilder();
        var conv = builder.Add(
            OpKind.Conv2d,
            [0],
            [Attr("kernel", 3, 3), Attr("stride", 1, 1), Attr("padding", 1, 1), Attr("dilation", 1, 1), Attr("groups", 1)],
            [Spec("conv.weight", 8, 1, 3, 3), Spec("conv.bias", 8)]);
        var bn = builder.Add(
            OpKind.BatchNorm,
            [conv],
            [Attr("eps", 1e-5), Attr("momentum", 0.1)],
            [Spec("bn.weight", 8), Spec("bn.bias", 8)],
            [Spec("bn.running_mean", 8), Spec("bn.running_var", 8), Spec("bn.num_batches_tracked")]);
        var relu = builder.Add(OpKind.Relu, [bn]);
        var pooled = builder.Add(OpKind.AdaptiveAvgPool2d, [relu], [Attr("output_size", 1, 1)]);
        var flat = builder.Add(OpKind.Flatten, [pooled], [Attr("start_dim", 1), Attr("end_dim", -1)]);
        return builder.Build(builder.Add(OpKind.Linear, [flat], parameters: [Spec(classifier + ".weight", 10, 8), Spec(classifier + ".bias", 10)]));
    }

    private sealed class SmallNet : nn.Module<Tensor, Tensor>
    {
        private readonly Conv2d conv = nn.Conv2d(1, 8, 3, padding: 1);
        private readonly BatchNorm2d bn = nn.BatchNorm2d(8);
        private readonly Linear fc = nn.Linear(8, 10);

        public SmallNet()
            : base(nameof(SmallNet)) => RegisterComponents();

        public override Tensor forward(Tensor x) =>
            fc.call(nn.functional.adaptive_avg_pool2d(bn.call(conv.call(x)).relu(), [1, 1]).flatten(1));
    }
}
