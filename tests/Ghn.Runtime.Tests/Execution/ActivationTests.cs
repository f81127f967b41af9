using Ghn.Graphs;
using static Ghn.Runtime.Tests.Execution.GraphBuilder;
using static Ghn.Runtime.Tests.Execution.ModuleState;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Execution;

public sealed class ActivationTests
{
    public static TheoryData<string> Activations => new(Cases.Keys);

    private static readonly Dictionary<string, (OpKind Kind, (string, AttributeValue)[] Attributes, Func<nn.Module<Tensor, Tensor>> Module)> Cases = new()
    {
        ["relu"] = (OpKind.Relu, [], () => nn.ReLU()),
        ["relu6"] = (OpKind.Relu6, [], () => nn.ReLU6()),
        ["leaky_relu"] = (OpKind.LeakyRelu, [Attr("negative_slope", 0.2)], () => nn.LeakyReLU(0.2)),
        ["elu"] = (OpKind.Elu, [Attr("alpha", 0.7)], () => nn.ELU(0.7)),
        ["gelu"] = (OpKind.Gelu, [Attr("approximate", "none")], () => nn.GELU()),
        ["gelu_tanh"] = (OpKind.Gelu, [Attr("approximate", "tanh")], () => nn.GELU(TorchSharp.Modules.GELU.Approximate.tanh)),
        ["silu"] = (OpKind.Silu, [], () => nn.SiLU()),
        ["hardswish"] = (OpKind.Hardswish, [], () => nn.Hardswish()),
        ["sigmoid"] = (OpKind.Sigmoid, [], () => nn.Sigmoid()),
        ["hardsigmoid"] = (OpKind.Hardsigmoid, [], () => nn.Hardsigmoid()),
        ["tanh"] = (OpKind.Tanh, [], () => nn.Tanh()),
        ["softmax"] = (OpKind.Softmax, [Attr("dim", 1)], () => nn.Softmax(1)),
    };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Activation_matches_the_module(string name)
    {
        using var scope = NewDisposeScope();
        var (kind, attributes, create) = Cases[name];
        using var module = create();
        var x = randn(4, 7) * 4;

        AssertClose(module.forward(x), new GraphExecutor(Single(kind, attributes)).Forward(x, new Dictionary<string, Tensor>(), training: false));
    }
}
