using Ghn.Training.Evaluation;
using Ghn.Training.Sampling;

namespace Ghn.Training.Tests.Evaluation;

public sealed class TrainedAccuracyJournalTests : IDisposable
{
    private const string Settings = "train-steps 938, seed 1";

    private static readonly IReadOnlyList<RankingCandidate> Candidates =
        new ArchitectureSampler(ArchitectureFamily.Mlp, ArchitectureSplit.HeldOut, seed: 1, TaskShape.FashionMnist).Next(3)
            .Zip(["a", "b", "c"], (sampled, name) => new RankingCandidate(name, sampled.Graph)).ToList();

    private readonly string _directory = Directory.CreateTempSubdirectory("ghn-journal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_reopened_journal_holds_what_was_recorded_and_drops_a_line_cut_short()
    {
        var journal = TrainedAccuracyJournal.Open(_directory, Settings);
        Assert.Empty(journal.MeasuredFor(Candidates));
        journal.Record(Candidates[0], 0.8125);
        journal.Record(Candidates[1], 1.0 / 3);
        journal.Record(Candidates[0], 0.5); // already measured: kept as it was
        File.AppendAllText(Path.Combine(_directory, TrainedAccuracyJournal.FileName), "c,0.7"[..3]); // interrupted mid-line

        var reopened = TrainedAccuracyJournal.Open(_directory, Settings);
        Assert.Equal(new Dictionary<string, double> { ["a"] = 0.8125, ["b"] = 1.0 / 3 }, reopened.MeasuredFor(Candidates));

        // The cut line is gone, so what is recorded next is a line of its own.
        reopened.Record(Candidates[2], 0.75);
        Assert.Equal(0.75, TrainedAccuracyJournal.Open(_directory, Settings).MeasuredFor(Candidates)["c"]);
    }

    [Fact]
    public void A_journal_of_other_settings_is_refused_with_both_settings_named()
    {
        TrainedAccuracyJournal.Open(_directory, Settings).Record(Candidates[0], 0.5);

        var error = Assert.Throws<ArgumentException>(() => TrainedAccuracyJournal.Open(_directory, "train-steps 300, seed 1"));
        Assert.Contains(Settings, error.Message);
        Assert.Contains("train-steps 300, seed 1", error.Message);
        Assert.Contains(TrainedAccuracyJournal.FileName, error.Message);
    }

    [Fact]
    public void An_accuracy_measured_on_another_graph_of_the_same_name_is_refused()
    {
        TrainedAccuracyJournal.Open(_directory, Settings).Record(Candidates[0], 0.5);
        var renamed = new RankingCandidate("a", Candidates[1].Graph);

        var error = Assert.Throws<ArgumentException>(() => TrainedAccuracyJournal.Open(_directory, Settings).MeasuredFor([renamed]));
        Assert.Contains("a measured on another graph", error.Message);
        Assert.Contains(Candidates[0].Graph.ContentHash[..12], error.Message);
    }
}
