using Ghn.Training.Data;
using Ghn.Training.Evaluation;
using static TorchSharp.torch;

namespace Ghn.Corpus.Tests;

/// <summary>
/// <c>ghn eval</c> measures what a user of <c>ApplyGhnInit()</c> gets: in evaluation mode the graph, calibrated as
/// <see cref="BatchNormCalibration"/> calibrates the model, classifies the test images exactly as the model does; and
/// parameters the GHN does not predict keep their default initialisation, as they do in the model.
/// </summary>
public sealed class EvaluationProtocolTests
{
    private static readonly ImageDataset Subset = FashionMnist.LoadSubset();

    [Theory]
    [InlineData("batchnorm_mlp")]
    [InlineData("resnet18_fmnist")]
    [InlineData("mobilenet_v2")]
    public void The_calibrated_accuracy_of_the_graph_is_that_of_the_model_after_BatchNormCalibration(string name)
    {
        var model = CorpusModels.Get(name);
        var graph = CorpusExtraction.Graph(model);
        using var scope = NewDisposeScope();
        using var module = (nn.Module<Tensor, Tensor>)model.Create();
        var parameters = module.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var normalization = Normalization.Of(Subset.Train);
        var test = Subset.Test.SampleBalanced(20, seed: 3);

        var fromGraph = new BatchStatisticsEvaluator(graph).CalibratedAccuracy(parameters, Subset.Train, test, normalization, calibrationBatches: 4, seed: 5);

        var sampler = new BatchSampler(Subset.Train, normalization, BatchStatisticsEvaluator.DefaultBatchSize, seed: 5);
        var batches = Enumerable.Range(0, 4).Select(_ => sampler.Next()).ToArray();
        Assert.True(BatchNormCalibration.Recalibrate(module, batches.Select(b => b.Images)) > 0);
        module.eval();
        using var noGrad = no_grad();
        long correct = 0;
        foreach (var batch in BatchSampler.InOrder(test, normalization, BatchStatisticsEvaluator.DefaultBatchSize))
        {
            correct += module.forward(batch.Images).argmax(1).eq(batch.Labels).sum().item<long>();
        }

        Assert.Equal((double)correct / test.Count, fromGraph, precision: 12);
    }

    [Fact]
    public void A_model_with_parameters_the_GHN_does_not_predict_is_evaluated_with_its_default_ones_as_ApplyGhnInit_leaves_them()
    {
        var graph = CorpusExtraction.Graph(CorpusModels.Get("vit_tiny"));
        using var scope = NewDisposeScope();
        var predicted = DefaultInitialization.For(graph, seed: 1)
            .Where(p => graph.PredictedParameters.Any(s => s.Name == p.Key))
            .ToDictionary(p => p.Key, p => p.Value);
        Assert.Contains(graph.Parameters, p => !predicted.ContainsKey(p.Name));

        var parameters = DefaultInitialization.WithPredicted(graph, predicted, seed: 2);

        Assert.Equal(graph.Parameters.Select(p => p.Name).Order(), parameters.Keys.Order());
        Assert.All(predicted, p => Assert.Same(p.Value, parameters[p.Key]));
        var accuracy = new BatchStatisticsEvaluator(graph).Accuracy(parameters, Subset.Test.SampleBalanced(5, seed: 3), Normalization.Of(Subset.Train));
        Assert.InRange(accuracy, 0, 1);
    }
}
