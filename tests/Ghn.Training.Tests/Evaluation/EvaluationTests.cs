using Ghn.Graphs;
using Ghn.Training.Data;
using Ghn.Training.Evaluation;
using Ghn.Training.Sampling;
using static TorchSharp.torch;

namespace Ghn.Training.Tests.Evaluation;

public sealed class EvaluationTests
{
    private static readonly ImageDataset Subset = FashionMnist.LoadSubset();

    private static ArchitectureGraph Perceptron => ArchitectureSampler.Sample(ArchitectureFamily.Mlp, ArchitectureSplit.HeldOut, seed: 3).Graph;

    [Fact]
    public void Default_initialisation_is_TorchSharps_reset_parameters()
    {
        using var scope = NewDisposeScope();
        var graph = ArchitectureSampler.Sample(ArchitectureFamily.Residual, ArchitectureSplit.HeldOut, seed: 3).Graph;

        var parameters = DefaultInitialization.For(graph, seed: 1);

        Assert.Equal(graph.Parameters.Select(p => p.Name).Order(), parameters.Keys.Order());
        foreach (var node in graph.Nodes.Where(n => n.Parameters.Count > 0))
        {
            var weight = parameters[node.FindParameter("weight")!.Name];
            if (node.Kind is OpKind.Conv2d or OpKind.Linear)
            {
                var bound = 1 / Math.Sqrt(weight.shape.Skip(1).Aggregate(1L, (n, d) => n * d));
                Assert.InRange(weight.abs().max().item<float>(), bound / 2, bound);
            }
            else
            {
                Assert.True(weight.eq(1).all().item<bool>(), $"{node}: norm weights start at 1");
            }
        }

        Assert.True(DefaultInitialization.For(graph, seed: 1).All(p => p.Value.equal(parameters[p.Key]).all().item<bool>()), "the seed fixes the values");
    }

    [Fact]
    public void Fine_tuning_from_default_initialisation_learns_and_records_the_curve()
    {
        using var scope = NewDisposeScope();
        var normalization = Normalization.Of(Subset.Train);
        var initial = DefaultInitialization.For(Perceptron, seed: 1);
        var snapshot = initial.ToDictionary(p => p.Key, p => p.Value.clone());

        var curve = FineTuning.Run(Perceptron, initial, Subset.Train, Subset.Test, normalization, new FineTuningOptions(Steps: 40, EvaluationInterval: 15, LearningRate: 0.05));

        Assert.Equal([0, 15, 30, 40], curve.Select(p => p.Step));
        Assert.InRange(curve[0].Accuracy, 0, 0.3);
        Assert.True(curve[^1].Accuracy > curve[0].Accuracy + 0.25, $"accuracy {curve[0].Accuracy:P1} before, {curve[^1].Accuracy:P1} after 40 steps");
        Assert.True(initial.All(p => p.Value.equal(snapshot[p.Key]).all().item<bool>()), "the initial parameters are left unchanged");
        Assert.Equal(15, FineTuning.StepsToReach(curve, curve[1].Accuracy));
        Assert.Null(FineTuning.StepsToReach(curve, 1.01));
    }
}
