using Microsoft.CodeAnalysis;

namespace Ghn.Build.Tool.BuildWeights;

/// <summary>
/// The output of <c>ghn build-weights</c> as the MSBuild task consumes it: canonical <c>file(line,col): warning GHN2xx: text</c>
/// lines and one summary line per model on stdout (shown by a normal build), details on stderr (shown with <c>-v:n</c>).
/// </summary>
internal sealed class BuildLog(string projectPath, bool treatFailuresAsErrors)
{
    public bool HasFailed { get; private set; }

    /// <summary>Reports <paramref name="failure"/> at <paramref name="location"/>, or against the project when there is none.</summary>
    public void Failure(BuildFailure failure, Location? location = null)
    {
        HasFailed = true;
        var origin = projectPath;
        if (location is { IsInSource: true })
        {
            var position = location.GetLineSpan().StartLinePosition;
            origin = $"{location.SourceTree!.FilePath}({position.Line + 1},{position.Character + 1})";
        }

        Console.Out.WriteLine($"{origin}: {(treatFailuresAsErrors ? "error" : "warning")} {failure.Code}: {failure.Message}");
    }

    public void Summary(string line) => Console.Out.WriteLine("ghn: " + line);

    public void Detail(string line) => Console.Error.WriteLine("ghn: " + line);

    /// <summary>The process exit code: 1 when a failure was reported as an error.</summary>
    public int ExitCode => HasFailed && treatFailuresAsErrors ? 1 : 0;
}
