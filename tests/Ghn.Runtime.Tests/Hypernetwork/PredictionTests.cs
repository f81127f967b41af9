using Ghn.Graphs;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Hypernetwork;

/// <summary>Properties of prediction beyond parity: order invariance, batching, determinism, autograd.</summary>
public sealed class PredictionTests : IDisposable
{
    private readonly GraphHyperNetwork _ghn = GraphHyperNetwork.Load(ParityFixtureDirectory.RandomGhnCheckpoint, GhnDevice.Cpu);

    public static TheoryData<string> BranchingModels => new("mixed", "resnet18_narrow");

    [Theory]
    [MemberData(nameof(BranchingModels))]
    public void Another_topological_order_gives_the_same_tensors(string model)
    {
        var graph = ParityFixtureDirectory.Graph(model);
        var renumbered = RenumberLatestFirst(graph);
        Assert.NotEqual(graph.Nodes.Select(n => n.Param), renumbered.Nodes.Select(n => n.Param));

        using var scope = NewDisposeScope();
        ParityComparison.AssertClose(_ghn.Predict(graph), _ghn.Predict(renumbered));
    }

    [Fact]
    public void A_batch_predicts_what_each_graph_predicts_alone()
    {
        using var scope = NewDisposeScope();
        var graphs = ParityFixtures.Models.Select(ParityFixtures.Graph).ToArray();
        var batched = _ghn.Predict(graphs);
        Assert.Equal(graphs.Length, batched.Count);
        for (var i = 0; i < graphs.Length; i++)
        {
            ParityComparison.AssertClose(_ghn.Predict(graphs[i]), batched[i]);
        }
    }

    [Fact]
    public void Prediction_on_the_cpu_is_bit_identical_across_runs()
    {
        using var scope = NewDisposeScope();
        var graph = ParityFixtureDirectory.Graph("mixed");
        var first = _ghn.Predict(graph);
        var second = _ghn.Predict(graph);
        Assert.All(first, pair => Assert.True(pair.Value.allclose(second[pair.Key], rtol: 0, atol: 0), pair.Key));
    }

    [Fact]
    public void Inference_keeps_no_autograd_graph_but_the_differentiable_variant_does()
    {
        using var scope = NewDisposeScope();
        var graphs = new[] { ParityFixtureDirectory.Graph("tiny_cnn"), ParityFixtureDirectory.Graph("residual_block") };
        var inference = _ghn.Predict(graphs);
        var differentiable = _ghn.PredictDifferentiable(graphs);
        for (var i = 0; i < graphs.Length; i++)
        {
            Assert.All(inference[i].Values, t => Assert.False(t.requires_grad));
            Assert.All(differentiable[i].Values, t => Assert.True(t.requires_grad));
            ParityComparison.AssertClose(inference[i], differentiable[i]);
        }
    }

    [Fact]
    public void Kernels_larger_than_the_decoders_and_channels_beyond_max_shape_get_their_full_shape()
    {
        using var scope = NewDisposeScope();
        var predicted = _ghn.Predict(StemAndClassifier(channels: 200, classes: 1000));
        Assert.Equal([200L, 3, 13, 13], predicted["stem.weight"].shape);
        Assert.Equal([200L], predicted["bn.bias"].shape);
        Assert.Equal([1000L, 200], predicted["fc.weight"].shape);
        Assert.Equal([1000L], predicted["fc.bias"].shape);
        Assert.All(predicted.Values, t => Assert.True(t.isfinite().all().item<bool>()));

        // Tiling repeats the predicted block: the 10-class head repeats every 10 rows.
        Assert.True(predicted["fc.weight"][..10].allclose(predicted["fc.weight"][10..20], rtol: 0, atol: 0));
    }

    [Fact]
    public void A_parameter_node_without_a_shape_is_rejected_by_name()
    {
        var graph = new PrimitiveGraph(
            [new PrimitiveNode(0, PrimitiveType.Input), new PrimitiveNode(1, PrimitiveType.Conv, "fc.weight")],
            [(0, 1)]);
        var exception = Assert.Throws<ArgumentException>(() => _ghn.Predict(graph));
        Assert.Contains("fc.weight", exception.Message);
    }

    public void Dispose() => _ghn.Dispose();

    /// <summary>input → fc1 (784 → 128, with bias) → bn → fc2 classifier (128 → 10, with bias).</summary>
    internal static PrimitiveGraph WideMlp { get; } = new(
        [
            new PrimitiveNode(0, PrimitiveType.Input),
            new PrimitiveNode(1, PrimitiveType.Conv, "fc1.weight", [128, 784]),
            new PrimitiveNode(2, PrimitiveType.Bias, "fc1.bias", [128]),
            new PrimitiveNode(3, PrimitiveType.BatchNorm, "bn.weight", [128]),
            new PrimitiveNode(4, PrimitiveType.Conv, "fc2.weight", [10, 128], ClassifierRole.Weight),
            new PrimitiveNode(5, PrimitiveType.Bias, "fc2.bias", [10], ClassifierRole.Bias),
        ],
        [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]);

    /// <summary>A 13×13 stem conv of <paramref name="channels"/> filters, BatchNorm, global pooling and a classifier of <paramref name="classes"/>.</summary>
    internal static PrimitiveGraph StemAndClassifier(int channels, int classes) => new(
        [
            new PrimitiveNode(0, PrimitiveType.Input),
            new PrimitiveNode(1, PrimitiveType.Conv, "stem.weight", [channels, 3, 13, 13]),
            new PrimitiveNode(2, PrimitiveType.BatchNorm, "bn.weight", [channels]),
            new PrimitiveNode(3, PrimitiveType.GlobalAvg),
            new PrimitiveNode(4, PrimitiveType.Conv, "fc.weight", [classes, channels], ClassifierRole.Weight),
            new PrimitiveNode(5, PrimitiveType.Bias, "fc.bias", [classes], ClassifierRole.Bias),
        ],
        [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]);

    /// <summary>Kahn's algorithm taking the highest-numbered ready node first (node 0 stays first).</summary>
    private static PrimitiveGraph RenumberLatestFirst(PrimitiveGraph graph)
    {
        var n = graph.Nodes.Count;
        var inDegree = new int[n];
        foreach (var (_, target) in graph.Edges)
        {
            inDegree[target]++;
        }

        var order = new List<int> { 0 };
        var ready = new SortedSet<int>(Enumerable.Range(1, n - 1).Where(i => inDegree[i] == 0));
        void Release(int node)
        {
            foreach (var (source, target) in graph.Edges)
            {
                if (source == node && --inDegree[target] == 0)
                {
                    ready.Add(target);
                }
            }
        }

        Release(0);
        while (ready.Count > 0)
        {
            var next = ready.Max;
            ready.Remove(next);
            order.Add(next);
            Release(next);
        }

        var newId = new int[n];
        for (var i = 0; i < n; i++)
        {
            newId[order[i]] = i;
        }

        return new PrimitiveGraph(
            order.Select((old, i) => graph.Nodes[old].WithId(i)),
            graph.Edges.Select(e => (newId[e.Source], newId[e.Target])));
    }
}
