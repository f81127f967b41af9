using Ghn.Training.Evaluation;

namespace Ghn.Training.Tests.Evaluation;

public sealed class TrainedAccuracyJournalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ghn-journal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_reopened_journal_holds_what_was_recorded_and_drops_a_line_cut_short()
    {
        var journal = TrainedAccuracyJournal.Open(_directory, "train-steps 938, seed 1");
        Assert.Empty(journal.Measured);
        journal.Record("a", 0.8125);
        journal.Record("b", 1.0 / 3);
        journal.Record("a", 0.5); // already measured: kept as it was
        File.AppendAllText(Path.Combine(_directory, TrainedAccuracyJournal.FileName), "c,0.7"[..3]); // interrupted mid-line

        var reopened = TrainedAccuracyJournal.Open(_directory, "train-steps 938, seed 1");
        Assert.Equal(new Dictionary<string, double> { ["a"] = 0.8125, ["b"] = 1.0 / 3 }, reopened.Measured);

        // The cut line is gone, so what is recorded next is a line of its own.
        reopened.Record("c", 0.75);
        Assert.Equal(0.75, TrainedAccuracyJournal.Open(_directory, "train-steps 938, seed 1").Measured["c"]);
    }

    [Fact]
    public void A_journal_of_other_settings_is_refused_with_both_settings_named()
    {
        TrainedAccuracyJournal.Open(_directory, "train-steps 938, seed 1").Record("a", 0.5);

        var error = Assert.Throws<ArgumentException>(() => TrainedAccuracyJournal.Open(_directory, "train-steps 300, seed 1"));
        Assert.Contains("train-steps 938, seed 1", error.Message);
        Assert.Contains("train-steps 300, seed 1", error.Message);
        Assert.Contains(TrainedAccuracyJournal.FileName, error.Message);
    }
}
