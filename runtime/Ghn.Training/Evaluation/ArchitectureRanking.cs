using System.Diagnostics;
using Ghn.Graphs;
using Ghn.Training.Data;
using static TorchSharp.torch;

namespace Ghn.Training.Evaluation;

/// <summary>A candidate architecture to rank: a name and its graph.</summary>
public sealed record RankingCandidate(string Name, ArchitectureGraph Graph);

/// <summary>One ranked candidate.</summary>
/// <param name="Rank">1 for the best predicted-parameter accuracy.</param>
/// <param name="Name">The candidate's name.</param>
/// <param name="Parameters">Its number of learnable scalars.</param>
/// <param name="PredictedAccuracy">Accuracy on the validation images with parameters the GHN predicted, untrained.</param>
/// <param name="PredictionTime">How long the GHN took to predict them.</param>
/// <param name="TrainedAccuracy">With training steps asked for: accuracy after that many SGD steps from default initialisation.</param>
public sealed record RankedCandidate(int Rank, string Name, long Parameters, double PredictedAccuracy, TimeSpan PredictionTime, double? TrainedAccuracy);

/// <summary>One candidate scored, as <see cref="ArchitectureRanking.Rank"/> reports its progress.</summary>
/// <param name="Done">Candidates scored so far, this one included.</param>
/// <param name="Total">Candidates in all.</param>
/// <param name="Name">This candidate.</param>
/// <param name="PredictedAccuracy">Its accuracy with GHN-predicted parameters.</param>
/// <param name="TrainedAccuracy">Its accuracy after the SGD steps, when it was trained.</param>
public sealed record CandidateScore(int Done, int Total, string Name, double PredictedAccuracy, double? TrainedAccuracy);

/// <summary>A ranking, and with trained accuracies how well the predicted-parameter order agrees with theirs.</summary>
public sealed record Ranking(IReadOnlyList<RankedCandidate> Candidates, double? KendallTau, double? SpearmanRho);

/// <summary>
/// Ranks candidate architectures without training them, the first graph hypernetwork's use (Zhang, Ren, Urtasun,
/// "Graph HyperNetworks for Neural Architecture Search", ICLR 2019): the GHN predicts each candidate's parameters,
/// which are evaluated on held-out images (BatchNorm with batch statistics). Optionally each candidate is also trained
/// <c>trainSteps</c> SGD steps from default initialisation, and the two orders are compared (Kendall's τ, Spearman's ρ).
/// </summary>
public static class ArchitectureRanking
{
    /// <summary>Ranks <paramref name="candidates"/>, best predicted-parameter accuracy first.</summary>
    /// <param name="ghn">The hypernetwork.</param>
    /// <param name="candidates">The architectures, for the images' shape and classes.</param>
    /// <param name="validation">The images the candidates are evaluated on.</param>
    /// <param name="train">Training images, used with <paramref name="trainSteps"/>.</param>
    /// <param name="normalization">The training data's normalisation.</param>
    /// <param name="trainSteps">0 to rank only; otherwise SGD steps (momentum 0.9, lr 0.01, batch 64) from default initialisation.</param>
    /// <param name="seed">Seeds default initialisation and the training batches.</param>
    /// <param name="progress">Told after each candidate, in candidate order (a run with training takes minutes per candidate).</param>
    /// <param name="trainedAccuracies">
    /// With <paramref name="trainSteps"/>: accuracies after those steps already measured (by an earlier ranking of the
    /// same candidates with the same seed and data, or by an interrupted run), by name; only the candidates without
    /// one are trained. The training does not involve the GHN, so another GHN can be compared on the same baseline.
    /// </param>
    /// <exception cref="ArgumentException">A candidate does not accept the images, or there are no candidates.</exception>
    public static Ranking Rank(
        GraphHyperNetwork ghn,
        IReadOnlyList<RankingCandidate> candidates,
        ImageSet validation,
        ImageSet train,
        Normalization normalization,
        int trainSteps = 0,
        int seed = 1,
        IProgress<CandidateScore>? progress = null,
        IReadOnlyDictionary<string, double>? trainedAccuracies = null)
    {
        if (candidates.Count == 0)
        {
            throw new ArgumentException("There are no candidates to rank.", nameof(candidates));
        }

        // The first prediction of a process also initialises LibTorch's kernels: not part of any candidate's time.
        using (NewDisposeScope())
        {
            ghn.Predict(candidates[0].Graph.ToPrimitiveGraph());
        }

        var scored = candidates.Select((candidate, index) =>
        {
            using var scope = NewDisposeScope();
            var start = Stopwatch.GetTimestamp();
            var predictions = ghn.Predict(candidate.Graph.ToPrimitiveGraph());
            var time = Stopwatch.GetElapsedTime(start);
            var predicted = DefaultInitialization.WithPredicted(candidate.Graph, predictions, seed);
            var accuracy = new BatchStatisticsEvaluator(candidate.Graph).Accuracy(predicted, validation, normalization);
            double? trained = trainSteps == 0 ? null
                : trainedAccuracies is not null && trainedAccuracies.TryGetValue(candidate.Name, out var measured) ? measured
                : FineTuning.Run(candidate.Graph, DefaultInitialization.For(candidate.Graph, seed), train, validation, normalization, new FineTuningOptions(trainSteps, trainSteps, Seed: seed))[^1].Accuracy;
            progress?.Report(new CandidateScore(index + 1, candidates.Count, candidate.Name, accuracy, trained));
            return (candidate, accuracy, time, trained);
        }).ToList();

        var ranked = scored.OrderByDescending(s => s.accuracy).ThenBy(s => s.candidate.Name, StringComparer.Ordinal)
            .Select((s, i) => new RankedCandidate(i + 1, s.candidate.Name, s.candidate.Graph.ParameterCount, s.accuracy, s.time, s.trained))
            .ToList();
        if (trainSteps == 0)
        {
            return new Ranking(ranked, null, null);
        }

        var (byGhn, byTraining) = (ranked.Select(r => r.PredictedAccuracy).ToList(), ranked.Select(r => r.TrainedAccuracy!.Value).ToList());
        return new Ranking(ranked, RankCorrelation.KendallTau(byGhn, byTraining), RankCorrelation.SpearmanRho(byGhn, byTraining));
    }
}
