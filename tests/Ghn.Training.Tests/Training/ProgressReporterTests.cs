using Ghn.Training.Training;

namespace Ghn.Training.Tests.Training;

public sealed class ProgressReporterTests
{
    private static MetaStepResult Step(long step) => new(step, Loss: 2.0, Accuracy: 0.25, LearningRate: 1e-3, GradientNorm: 1, Clipped: false, Skipped: false, Seconds: 2);

    [Fact]
    public void On_a_terminal_the_bar_is_redrawn_in_place()
    {
        var output = new StringWriter();
        var progress = new ProgressReporter(output, interactive: true, totalSteps: 10);

        progress.Report(Step(0));
        progress.Report(Step(1));
        progress.Message("validation");

        var text = output.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.Contains("step 2/10", text);
        Assert.Contains("acc 25.0%", text);
        Assert.Contains("ETA 0:16", text);
        Assert.EndsWith("\nvalidation" + Environment.NewLine, text);
    }

    [Fact]
    public void In_a_log_file_lines_are_periodic_and_the_last_step_is_always_written()
    {
        var output = new StringWriter();
        var progress = new ProgressReporter(output, interactive: false, totalSteps: 5);

        for (var step = 0; step < 5; step++)
        {
            progress.Report(Step(step));
        }

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain('\r', output.ToString());
        Assert.Equal(["step 1/5", "step 5/5"], lines.Select(l => string.Join(' ', l.Split(' ').Take(2))));
    }
}
