using Ghn.Graphs;
using Ghn.Training.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ghn.Training.Evaluation;

/// <summary>
/// Trains a network from given initial parameters with SGD and records its test accuracy along the way: the
/// "how much training did prediction save" experiment (GHN-predicted against default initial parameters).
/// </summary>
public static class FineTuning
{
    /// <summary>Fine-tunes copies of <paramref name="initial"/> (which are left unchanged) and returns the accuracy curve.</summary>
    public static IReadOnlyList<CurvePoint> Run(
        ArchitectureGraph graph,
        IReadOnlyDictionary<string, Tensor> initial,
        ImageSet train,
        ImageSet test,
        Normalization normalization,
        FineTuningOptions options)
    {
        if (options.Steps < 0 || options.EvaluationInterval <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Fine-tuning needs a non-negative number of steps and a positive evaluation interval.");
        }

        var executor = new GraphExecutor(graph);
        var evaluator = new BatchStatisticsEvaluator(graph);
        var parameters = initial.ToDictionary(p => p.Key, p => new Parameter(p.Value.detach().clone()), StringComparer.Ordinal);
        var tensors = parameters.ToDictionary(p => p.Key, p => (Tensor)p.Value, StringComparer.Ordinal);
        using var optimizer = optim.SGD(parameters.Values, options.LearningRate, options.Momentum);
        var batches = new BatchSampler(train, normalization, Math.Min(options.BatchSize, train.Count), options.Seed, Augmentation.Default);
        var curve = new List<CurvePoint> { new(0, evaluator.Accuracy(tensors, test, normalization)) };
        for (var step = 1; step <= options.Steps; step++)
        {
            using (var scope = NewDisposeScope())
            using (var batch = batches.Next())
            {
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(executor.Forward(batch.Images, tensors, training: true), batch.Labels);
                loss.backward();
                optimizer.step();
            }

            if (step % options.EvaluationInterval == 0 || step == options.Steps)
            {
                curve.Add(new CurvePoint(step, evaluator.Accuracy(tensors, test, normalization)));
            }
        }

        foreach (var parameter in parameters.Values)
        {
            parameter.Dispose();
        }

        return curve;
    }

    /// <summary>The first step of <paramref name="curve"/> whose accuracy reaches <paramref name="target"/>, or null if none does.</summary>
    public static int? StepsToReach(IReadOnlyList<CurvePoint> curve, double target) =>
        curve.FirstOrDefault(p => p.Accuracy >= target) is { } point && point.Accuracy >= target ? point.Step : null;
}
