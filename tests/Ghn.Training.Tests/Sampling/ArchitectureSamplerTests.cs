using Ghn.Graphs;
using Ghn.Training.Sampling;

namespace Ghn.Training.Tests.Sampling;

public sealed class ArchitectureSamplerTests
{
    public static TheoryData<string> Families => [.. ArchitectureFamily.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Families))]
    public void The_same_seed_gives_the_same_graphs(string family)
    {
        var first = new ArchitectureSampler(ArchitectureFamily.Get(family), ArchitectureSplit.Training, seed: 11).Next(5);
        var again = new ArchitectureSampler(ArchitectureFamily.Get(family), ArchitectureSplit.Training, seed: 11);

        Assert.Equal(first.Select(a => a.Graph.ToJson()), again.Next(5).Select(a => a.Graph.ToJson()));
        // Any architecture of the sequence is reproduced on its own, which is what resuming needs.
        Assert.Equal(first[3].Graph.ToJson(), again.SampleAt(3).Graph.ToJson());
    }

    [Fact]
    public void Different_seeds_give_different_graphs()
    {
        var hashes = Enumerable.Range(0, 20)
            .Select(seed => ArchitectureSampler.Sample(ArchitectureFamily.Mixed, ArchitectureSplit.Training, seed).Graph.ContentHash);

        Assert.Equal(20, hashes.Distinct().Count());
    }

    [Fact]
    public void Training_never_samples_a_held_out_graph()
    {
        var training = new ArchitectureSampler(ArchitectureFamily.Mixed, ArchitectureSplit.Training, seed: 1).Next(300);
        var heldOut = new ArchitectureSampler(ArchitectureFamily.Mixed, ArchitectureSplit.HeldOut, seed: 1).Next(60);

        Assert.All(training, a => Assert.Equal(ArchitectureSplit.Training, ArchitectureSplits.Of(a.Graph)));
        Assert.All(heldOut, a => Assert.Equal(ArchitectureSplit.HeldOut, ArchitectureSplits.Of(a.Graph)));
        Assert.Empty(training.Select(a => a.Graph.ContentHash).Intersect(heldOut.Select(a => a.Graph.ContentHash)));
    }

    [Fact]
    public void The_mixed_family_covers_every_style()
    {
        var styles = new ArchitectureSampler(ArchitectureFamily.Mixed, ArchitectureSplit.Training, seed: 2).Next(150).Select(a => a.Generator).ToHashSet();

        Assert.Equal(["convmixer", "deepnets", "densenet", "inception", "lenet", "mlp", "mobilenet", "plain", "resnet", "se-resnet", "transformer", "unet", "vgg"], styles.Order());
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_family_produces_valid_graphs_within_its_budget(string family)
    {
        foreach (var architecture in new ArchitectureSampler(ArchitectureFamily.Get(family), ArchitectureSplit.Training, seed: 5).Next(20))
        {
            var graph = architecture.Graph;
            Assert.Equal([2, 10], ShapeInference.Infer(graph, [2, 1, 28, 28])[^1]);
            Assert.InRange(graph.ParameterCount, 5_000, family is "wide" or "deep" ? 2_000_000 : 500_000);
            Assert.Equal(graph, GraphJson.ReadArchitectureGraph(graph.ToJson()));
            Assert.StartsWith($"{family}/{architecture.Generator}#5.", architecture.Name);
        }
    }

    [Theory]
    [InlineData("bn-free")]
    [InlineData("mlp")]
    public void BatchNorm_free_families_have_no_BatchNorm(string family)
    {
        var graphs = new ArchitectureSampler(ArchitectureFamily.Get(family), ArchitectureSplit.Training, seed: 3).Next(20).Select(a => a.Graph);

        if (family == "bn-free")
        {
            Assert.All(graphs, g => Assert.DoesNotContain(g.Nodes, n => n.Kind == OpKind.BatchNorm));
        }
        else
        {
            Assert.All(graphs, g => Assert.DoesNotContain(g.Nodes, n => n.Kind == OpKind.Conv2d));
        }
    }

    [Fact]
    public void The_families_have_their_characteristic_ops()
    {
        static IEnumerable<OpNode> Nodes(ArchitectureFamily family) =>
            new ArchitectureSampler(family, ArchitectureSplit.Training, seed: 9).Next(10).SelectMany(a => a.Graph.Nodes);

        Assert.Contains(Nodes(ArchitectureFamily.MobileNet), n => n.Kind == OpKind.Conv2d && n.Attribute("groups").AsInt() > 1);
        Assert.Contains(Nodes(ArchitectureFamily.SqueezeExcitation), n => n.Kind == OpKind.Mul);
        Assert.Contains(Nodes(ArchitectureFamily.Dense), n => n.Kind == OpKind.Cat);
        Assert.Contains(Nodes(ArchitectureFamily.Residual), n => n.Kind == OpKind.Add);
        Assert.Contains(Nodes(ArchitectureFamily.Vgg), n => n.Kind == OpKind.MaxPool2d);
        var lenet = Nodes(ArchitectureFamily.LeNetStyle).ToList();
        Assert.Contains(lenet, n => n.Kind == OpKind.Tanh);
        Assert.Contains(lenet, n => n.Kind == OpKind.Flatten);
        var convMixer = Nodes(ArchitectureFamily.ConvMixerStyle).ToList();
        Assert.Contains(convMixer, n => n.Kind == OpKind.Conv2d && n.Attribute("stride").AsInts()[0] > 1 && n.Attribute("kernel").AsInts()[0] == n.Attribute("stride").AsInts()[0]);
        Assert.Contains(convMixer, n => n.Kind == OpKind.Conv2d && n.Attribute("groups").AsInt() > 1);
        var inception = Nodes(ArchitectureFamily.InceptionStyle).ToList();
        Assert.Contains(inception, n => n.Kind == OpKind.Cat && n.Inputs.Count >= 3);
        Assert.Contains(inception, n => n.Kind == OpKind.AvgPool2d && n.Attribute("stride").AsInts()[0] == 1);
        Assert.Contains(inception, n => n.Kind == OpKind.Conv2d && n.Attribute("dilation").AsInts()[0] == 2 && n.Attribute("groups").AsInt() > 1);
        var deepnets = Nodes(ArchitectureFamily.DeepNets).ToList();
        Assert.Contains(deepnets, n => n.Kind == OpKind.Conv2d && n.Attribute("dilation").AsInts()[0] == 2);
        Assert.Contains(deepnets, n => n.Kind == OpKind.AvgPool2d);
        Assert.Contains(deepnets, n => n.Kind == OpKind.Cat);
        var transformer = Nodes(ArchitectureFamily.TransformerStyle).ToList();
        Assert.Contains(transformer, n => n.Kind == OpKind.MultiheadAttention);
        Assert.Contains(transformer, n => n.Kind == OpKind.Matmul);
        Assert.Contains(transformer, n => n.Kind == OpKind.Softmax);
        Assert.Contains(transformer, n => n.Kind == OpKind.Tensor);
        Assert.Contains(transformer, n => n.Kind == OpKind.LayerNorm);
        var unet = Nodes(ArchitectureFamily.UNet).ToList();
        Assert.Contains(unet, n => n.Kind is OpKind.ConvTranspose2d or OpKind.Interpolate);
        Assert.Contains(unet, n => n.Kind is OpKind.GroupNorm or OpKind.InstanceNorm);
        Assert.Contains(unet, n => n.Kind is OpKind.Cat or OpKind.Add);
    }

    [Fact]
    public void Parameter_names_look_like_TorchSharp_module_names()
    {
        var resnet = ArchitectureSampler.Sample(ArchitectureFamily.Residual, ArchitectureSplit.Training, seed: 1).Graph;
        var deepnets = ArchitectureSampler.Sample(ArchitectureFamily.DeepNets, ArchitectureSplit.Training, seed: 1).Graph;

        Assert.Contains(resnet.Parameters, p => p.Name == "layer1.0.conv1.weight");
        Assert.Contains(deepnets.Parameters, p => p.Name.StartsWith("cells.0.ops.0.", StringComparison.Ordinal));
        Assert.All(resnet.Parameters.Concat(deepnets.Parameters), p => Assert.Matches(@"^[a-z_0-9]+(\.[a-z_0-9]+)*\.(weight|bias)$", p.Name));
    }

    [Fact]
    public void Unknown_families_are_named_with_the_alternatives()
    {
        var error = Assert.Throws<ArgumentException>(() => ArchitectureFamily.Get("gan"));
        Assert.Contains("gan", error.Message);
        Assert.Contains("se-resnet", error.Message);
    }
}
