using Ghn.Graphs;
using Ghn.Training.Sampling;
using static TorchSharp.torch;

namespace Ghn.Training.Tests.Sampling;

/// <summary>Every sampled graph runs through <see cref="GraphExecutor"/> and is seen by the GHN.</summary>
public sealed class SampledGraphExecutionTests
{
    public static TheoryData<string> Families => [.. ArchitectureFamily.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_sampled_graph_executes_to_finite_logits(string family)
    {
        foreach (var architecture in new ArchitectureSampler(ArchitectureFamily.Get(family), ArchitectureSplit.Training, seed: 21).Next(8))
        {
            using var scope = NewDisposeScope();
            var tensors = RandomWeights.For(architecture.Graph, seed: 1);
            var executor = new GraphExecutor(architecture.Graph);
            using var input = RandomWeights.Input(3, seed: 2);

            foreach (var training in new[] { true, false })
            {
                var logits = executor.Forward(input, tensors, training);
                Assert.Equal([3L, 10], logits.shape);
                Assert.True(logits.isfinite().all().item<bool>(), $"{architecture.Name} ({(training ? "training" : "eval")}) gives non-finite logits");
            }
        }
    }

    [Fact]
    public void Held_out_graphs_execute_too()
    {
        foreach (var architecture in new ArchitectureSampler(ArchitectureFamily.Mixed, ArchitectureSplit.HeldOut, seed: 4).Next(10))
        {
            using var scope = NewDisposeScope();
            var logits = new GraphExecutor(architecture.Graph).Forward(RandomWeights.Input(2, seed: 3), RandomWeights.For(architecture.Graph, 2), training: true);
            Assert.Equal([2L, 10], logits.shape);
            Assert.True(logits.isfinite().all().item<bool>(), $"{architecture.Name} gives non-finite logits");
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_sampled_graph_has_a_primitive_graph_with_its_classifier_flagged(string family)
    {
        foreach (var architecture in new ArchitectureSampler(ArchitectureFamily.Get(family), ArchitectureSplit.Training, seed: 22).Next(10))
        {
            var primitive = architecture.Graph.ToPrimitiveGraph();
            // Every weight is one primitive node, attention's packed input projection (in_proj_weight) included.
            var weights = architecture.Graph.Parameters.Count(p => p.Role.EndsWith("weight", StringComparison.Ordinal));

            Assert.Equal(PrimitiveType.Input, primitive.Nodes[0].Type);
            Assert.Equal(weights, primitive.Nodes.Count(n => n.Type is PrimitiveType.Conv or PrimitiveType.SepConv or PrimitiveType.DilConv or PrimitiveType.BatchNorm or PrimitiveType.LayerNorm));
            Assert.Single(primitive.Nodes, n => n.Classifier == ClassifierRole.Weight);
        }
    }
}
