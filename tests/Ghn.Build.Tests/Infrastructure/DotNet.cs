using System.Diagnostics;
using System.Text;

namespace Ghn.Build.Tests.Infrastructure;

/// <summary>Runs the dotnet CLI and collects its output.</summary>
internal static class DotNet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public static ProcessResult Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would point nested builds at the wrong SDK; the terminal logger would hide output.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment["MSBUILDTERMINALLOGGER"] = "off";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {Timeout}:\n{output}");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.ToString(), $"dotnet {string.Join(' ', arguments)}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}

/// <summary>The exit code and combined output of a finished command.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Command)
{
    public ProcessResult ShouldSucceed()
    {
        Assert.True(ExitCode == 0, $"{Command} failed with exit code {ExitCode}:\n{Output}");
        return this;
    }

    public override string ToString() => $"{Command} (exit code {ExitCode}):\n{Output}";
}
