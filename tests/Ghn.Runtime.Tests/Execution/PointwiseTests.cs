using Ghn.Graphs;
using static Ghn.Runtime.Tests.Execution.GraphBuilder;
using static Ghn.Runtime.Tests.Execution.ModuleState;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Execution;

public sealed class PointwiseTests
{
    private static readonly Dictionary<string, Tensor> NoTensors = [];

    private static readonly Dictionary<string, ((string, AttributeValue)[] Attributes, Func<Tensor, Tensor> Expected)> Cases = new()
    {
        ["exp"] = ([], x => x.exp()),
        ["log"] = ([], x => x.abs().add(0.1).log()),
        ["log1p"] = ([], x => x.abs().log1p()),
        ["sqrt"] = ([], x => x.abs().sqrt()),
        ["rsqrt"] = ([], x => x.abs().add(0.1).rsqrt()),
        ["abs"] = ([], x => x.abs()),
        ["neg"] = ([], x => x.neg()),
        ["sin"] = ([], x => x.sin()),
        ["cos"] = ([], x => x.cos()),
        ["square"] = ([], x => x.square()),
        ["reciprocal"] = ([], x => x.add(3).reciprocal()),
        ["erf"] = ([], x => x.erf()),
        ["pow"] = ([Attr("exponent", 3.0)], x => x.pow(3)),
        ["clamp"] = ([Attr("min", -0.5), Attr("max", 0.25)], x => x.clamp(-0.5, 0.25)),
    };

    public static TheoryData<string> Functions => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Functions))]
    public void A_pointwise_function_matches_the_tensor_method(string fn)
    {
        using var scope = NewDisposeScope();
        var (attributes, expected) = Cases[fn];
        // log, sqrt and kin are checked on positive inputs, which the graph receives the same way.
        var x = randn(3, 4);
        var input = fn switch { "log" => x.abs().add(0.1), "log1p" or "sqrt" => x.abs(), "rsqrt" => x.abs().add(0.1), "reciprocal" => x.add(3), _ => x };
        var graph = Single(OpKind.Pointwise, [Attr("fn", fn), .. attributes]);

        AssertClose(expected(x), new GraphExecutor(graph).Forward(input, NoTensors, training: false));
    }

    [Fact]
    public void Sum_stack_and_cast_match_torch()
    {
        using var scope = NewDisposeScope();
        var x = randn(2, 3, 4);
        var builder = new GraphBuilder();
        var sum = builder.Add(OpKind.Sum, [0], [Attr("dims", 1, 2), Attr("keepdim", true)]);
        var stacked = builder.Add(OpKind.Stack, [sum, sum], [Attr("dim", -1)]);
        var graph = builder.Build(builder.Add(OpKind.Cast, [stacked], [Attr("dtype", "Float64")]));

        var actual = new GraphExecutor(graph).Forward(x, NoTensors, training: false);

        Assert.Equal(ScalarType.Float64, actual.dtype);
        AssertClose(stack([x.sum([1, 2], keepdim: true), x.sum([1, 2], keepdim: true)], -1), actual.to_type(ScalarType.Float32));
    }
}
