using Ghn.Training.Data;

namespace Ghn.Cli.Commands.Eval;

/// <summary>
/// Says when a GHN meets images of another shape than those it was meta-trained on: it still predicts (a GHN reads any
/// graph), but its predictions were never trained for them, so low accuracy is expected rather than a bug.
/// </summary>
internal static class TaskMismatch
{
    public static void Report(GraphHyperNetwork ghn, ImageDataset data, TextWriter log)
    {
        if (ghn.Task is { } task && task.Shape != data.Shape)
        {
            log.WriteLine($"note: this GHN was meta-trained on {task}; these are {data.Shape}. Meta-train it on them with `ghn train --data ... --init-from` for better predictions.");
        }
    }
}
