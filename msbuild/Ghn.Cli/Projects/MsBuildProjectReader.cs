using System.Diagnostics;
using System.Text.Json;
using Ghn.Build.Tool.Projects;

namespace Ghn.Cli.Projects;

/// <summary>
/// Reads a project's compiler inputs by asking MSBuild (<c>dotnet msbuild -getItem/-getProperty</c>), so that
/// the extractor sees exactly the sources, references and symbols of a real build.
/// </summary>
internal static class MsBuildProjectReader
{
    private static readonly string[] Properties = ["AssemblyName", "DefineConstants", "LangVersion", "Nullable", "AllowUnsafeBlocks", "TargetFramework", "TargetFrameworks"];

    public static ProjectInputs Read(string projectPath, string configuration)
    {
        projectPath = Path.GetFullPath(projectPath);
        if (!File.Exists(projectPath))
        {
            throw new CommandException($"Project file '{projectPath}' does not exist.");
        }

        var arguments = new List<string>
        {
            "msbuild", projectPath, "-nologo", "-t:ResolveReferences", "-getItem:Compile", "-getItem:ReferencePath",
            $"-p:Configuration={configuration}", "-p:DesignTimeBuild=true", "-p:GhnEnabled=false",
        };
        arguments.AddRange(Properties.Select(p => "-getProperty:" + p));
        var output = RunDotnet(arguments, projectPath);

        using var document = ParseOutput(output, projectPath);
        var properties = document.RootElement.GetProperty("Properties");
        var items = document.RootElement.GetProperty("Items");
        string Property(string name) => properties.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

        if (Property("TargetFramework").Length == 0 && Property("TargetFrameworks").Length > 0)
        {
            throw new CommandException($"{Path.GetFileName(projectPath)} targets several frameworks ({Property("TargetFrameworks")}); ghn reads single-target projects.");
        }

        var directory = Path.GetDirectoryName(projectPath)!;
        var sources = FullPaths(items, "Compile", directory);
        var references = FullPaths(items, "ReferencePath", directory);
        var missing = references.Where(r => !File.Exists(r)).ToArray();
        if (missing.Length > 0)
        {
            throw new CommandException(
                $"References of {Path.GetFileName(projectPath)} are not built yet ({string.Join(", ", missing.Select(Path.GetFileName))}). Run 'dotnet build' on the project once, then retry.");
        }

        return new ProjectInputs(
            projectPath,
            Property("AssemblyName"),
            sources,
            references,
            Property("DefineConstants").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Property("LangVersion"),
            Property("Nullable"),
            string.Equals(Property("AllowUnsafeBlocks"), "true", StringComparison.OrdinalIgnoreCase));
    }

    private static string[] FullPaths(JsonElement items, string itemType, string directory) =>
        items.TryGetProperty(itemType, out var list)
            ? list.EnumerateArray().Select(i => Path.GetFullPath(i.GetProperty("Identity").GetString()!, directory)).Distinct().ToArray()
            : [];

    private static JsonDocument ParseOutput(string output, string projectPath)
    {
        var start = output.IndexOf('{');
        try
        {
            return JsonDocument.Parse(start >= 0 ? output[start..] : output);
        }
        catch (JsonException)
        {
            throw new CommandException($"MSBuild did not describe {Path.GetFileName(projectPath)}:\n{output.Trim()}");
        }
    }

    private static string RunDotnet(IEnumerable<string> arguments, string projectPath)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A nested MSBuild must not inherit the variables of an MSBuild node that may have started this tool.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");

        using var process = Process.Start(start) ?? throw new CommandException("Could not start 'dotnet'.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new CommandException($"'dotnet msbuild' failed on {Path.GetFileName(projectPath)} (exit code {process.ExitCode}):\n{output.Trim()}\n{error.Result.Trim()}".TrimEnd());
        }

        return output;
    }
}
