namespace Ghn.Extraction.Tests;

public sealed class SequentialModelTests
{
    private const string TinyCnn = """
        [GhnInit]
        public sealed class Net : Module<Tensor, Tensor>
        {
            private readonly Sequential features;
            private readonly Linear fc;

            public Net(int classes = 10) : base("Net")
            {
                features = Sequential(
                    Conv2d(1, 16, 3, padding: 1), BatchNorm2d(16), ReLU(),
                    Conv2d(16, 32, 3, padding: 1), BatchNorm2d(32), ReLU());
                fc = Linear(32, classes);
                RegisterComponents();
            }

            public override Tensor forward(Tensor x)
            {
                x = features.forward(x);
                x = F.adaptive_avg_pool2d(x, 1).flatten(1);
                return fc.forward(x);
            }
        }
        """;

    [Fact]
    public void Sequential_children_are_named_by_position_and_fields_by_name()
    {
        var graph = ModelCompiler.Graph(TinyCnn);

        Assert.Equal(
            [
                "features.0.weight [16, 1, 3, 3]", "features.0.bias [16]", "features.1.weight [16]", "features.1.bias [16]",
                "features.3.weight [32, 16, 3, 3]", "features.3.bias [32]", "features.4.weight [32]", "features.4.bias [32]",
                "fc.weight [10, 32]", "fc.bias [10]",
            ],
            graph.ParameterList());
        Assert.Equal(
            ["conv2d", "batch_norm", "relu", "conv2d", "batch_norm", "relu", "adaptive_avg_pool2d", "flatten", "linear"],
            graph.Ops());
        Assert.Equal(
            ["features.1.running_mean [16]", "features.1.running_var [16]", "features.1.num_batches_tracked []"],
            graph.Buffers.Take(3).Select(b => b.ToString()));
    }

    [Fact]
    public void Layer_attributes_take_TorchSharp_defaults()
    {
        var graph = ModelCompiler.Graph(TinyCnn);
        var conv = graph.Nodes[1];
        Assert.Equal("features.0", conv.Module);
        Assert.Equal([3, 3], conv.Attribute("kernel").AsInts());
        Assert.Equal([1, 1], conv.Attribute("stride").AsInts());
        Assert.Equal([1, 1], conv.Attribute("padding").AsInts());
        Assert.Equal([1, 1], conv.Attribute("dilation").AsInts());
        Assert.Equal(1, conv.Attribute("groups").AsInt());
        var bn = graph.Nodes[2];
        Assert.Equal(1e-5, bn.Attribute("eps").AsDouble());
        Assert.Equal(0.1, bn.Attribute("momentum").AsDouble());
        Assert.Equal([1, 1], graph.Nodes[7].Attribute("output_size").AsInts());
        Assert.Equal(1, graph.Nodes[8].Attribute("start_dim").AsInt());
        Assert.Equal(-1, graph.Nodes[8].Attribute("end_dim").AsInt());
        Assert.Equal([9], graph.Output.Inputs);
    }
}
