using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Ghn.Build.Tasks;

/// <summary>
/// Runs <c>ghn build-weights</c> (<c>dotnet ghn.dll @response-file</c>) on the project's compiler inputs, in its own
/// process: the GHN needs LibTorch, which must not be loaded into long-lived MSBuild nodes. The tool prints MSBuild
/// canonical messages, which this task logs as warnings and errors, summary lines at high importance and details at
/// normal importance.
/// </summary>
public sealed class GhnPredict : ToolTask
{
    /// <summary>The ghn tool (<c>ghn.dll</c>).</summary>
    [Required]
    public string ToolAssembly { get; set; } = "";

    /// <summary>The project being built; project-wide messages are reported against it.</summary>
    [Required]
    public string ProjectPath { get; set; } = "";

    /// <summary>The project's assembly name.</summary>
    [Required]
    public string AssemblyName { get; set; } = "";

    /// <summary>The C# sources (<c>@(Compile)</c>).</summary>
    [Required]
    public ITaskItem[] Sources { get; set; } = [];

    /// <summary>The metadata references (<c>@(ReferencePath)</c>).</summary>
    [Required]
    public ITaskItem[] References { get; set; } = [];

    /// <summary><c>$(DefineConstants)</c>.</summary>
    public string? DefineConstants { get; set; }

    /// <summary><c>$(LangVersion)</c>.</summary>
    public string? LangVersion { get; set; }

    /// <summary><c>$(Nullable)</c>.</summary>
    public string? Nullable { get; set; }

    /// <summary><c>$(AllowUnsafeBlocks)</c>.</summary>
    public bool AllowUnsafeBlocks { get; set; }

    /// <summary>The GHN checkpoint.</summary>
    [Required]
    public string Checkpoint { get; set; } = "";

    /// <summary><c>GhnCheckpointSha256</c>: the SHA-256 the checkpoint file must have, or empty.</summary>
    public string? CheckpointSha256 { get; set; }

    /// <summary>auto, cpu or cuda.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>The folder that receives one file per model.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>Where the tool writes the source files the models' extraction read, one per line; the next build's inputs.</summary>
    public string? DependencyFile { get; set; }

    /// <summary>Whether a model whose weights cannot be predicted fails the build.</summary>
    public bool TreatFailuresAsErrors { get; set; }

    /// <summary>
    /// Folders holding the native libraries the tool's TorchSharp loads (the project's LibTorch and its patched
    /// LibTorchSharp): the tool ships none, so it runs on whichever LibTorch backend the project references.
    /// </summary>
    public ITaskItem[] NativeLibraryDirectories { get; set; } = [];

    /// <inheritdoc />
    protected override string ToolName => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";

    /// <inheritdoc />
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    /// <inheritdoc />
    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.Normal;

    /// <summary>The dotnet host that runs MSBuild (the SDK sets DOTNET_HOST_PATH), so the tool runs on the same .NET install.</summary>
    protected override string GenerateFullPathToTool() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : ToolName;

    /// <inheritdoc />
    public override bool Execute()
    {
        EnvironmentVariables = [.. EnvironmentVariables ?? [], .. NativeLibrarySearchPath()];
        return base.Execute();
    }

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder();
        builder.AppendFileNameIfNotNull(ToolAssembly);
        builder.AppendTextUnquoted(" build-weights");
        return builder.ToString();
    }

    /// <inheritdoc />
    protected override string GenerateResponseFileCommands()
    {
        var builder = new CommandLineBuilder(quoteHyphensOnCommandLine: false, useNewLineSeparator: true);
        builder.AppendSwitchIfNotNull("--project ", ProjectPath);
        builder.AppendSwitchIfNotNull("--assembly-name ", AssemblyName);
        foreach (var source in Sources)
        {
            builder.AppendSwitchIfNotNull("--source ", source.GetMetadata("FullPath"));
        }

        foreach (var reference in References)
        {
            builder.AppendSwitchIfNotNull("--reference ", reference.GetMetadata("FullPath"));
        }

        AppendIfNotEmpty(builder, "--define-constants ", DefineConstants);
        AppendIfNotEmpty(builder, "--lang-version ", LangVersion);
        AppendIfNotEmpty(builder, "--nullable ", Nullable);
        if (AllowUnsafeBlocks)
        {
            builder.AppendSwitch("--allow-unsafe");
        }

        // A hub id (hf:...) is passed as it is; a path is made absolute.
        builder.AppendSwitchIfNotNull("--checkpoint ", Checkpoint.StartsWith("hf:", StringComparison.Ordinal) ? Checkpoint : Path.GetFullPath(Checkpoint));
        AppendIfNotEmpty(builder, "--checkpoint-sha256 ", CheckpointSha256);
        builder.AppendSwitchIfNotNull("--device ", Device);
        builder.AppendSwitchIfNotNull("--out ", Path.GetFullPath(OutputDirectory));
        if (!string.IsNullOrEmpty(DependencyFile))
        {
            builder.AppendSwitchIfNotNull("--dependency-file ", Path.GetFullPath(DependencyFile));
        }
        if (TreatFailuresAsErrors)
        {
            builder.AppendSwitch("--treat-failures-as-errors");
        }

        return builder.ToString();
    }

    /// <summary>
    /// A crash of the tool (as opposed to a model it reported) is a warning unless failures are errors: the build goes
    /// on and the models keep their default initialisation, their <c>ApplyGhnInit()</c> saying no weights are embedded.
    /// </summary>
    protected override bool HandleTaskExecutionErrors()
    {
        if (TreatFailuresAsErrors || Log.HasLoggedErrors)
        {
            return base.HandleTaskExecutionErrors();
        }

        Log.LogWarning(
            subcategory: null, warningCode: "GHN206", helpKeyword: null, file: ProjectPath, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0,
            message: $"The ghn tool exited with code {ExitCode} before it predicted the [GhnInit] models' weights (its output is above; build with -v:n for details). " +
                     "The models keep TorchSharp's default initialisation and their ApplyGhnInit() throws. Fix the cause shown above, or set GhnEnabled=false to skip Ghn.Build.");
        return true;
    }

    private static void AppendIfNotEmpty(CommandLineBuilder builder, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            builder.AppendSwitchIfNotNull(name, value);
        }
    }

    /// <summary>The variable the dynamic loader searches for the native libraries, with the given folders first.</summary>
    private IEnumerable<string> NativeLibrarySearchPath()
    {
        var directories = NativeLibraryDirectories.Select(d => d.GetMetadata("FullPath").TrimEnd('/', '\\')).Distinct().ToList();
        if (directories.Count == 0)
        {
            yield break;
        }

        var variable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "PATH"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "DYLD_LIBRARY_PATH"
            : "LD_LIBRARY_PATH";
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } existing)
        {
            directories.Add(existing);
        }

        yield return variable + "=" + string.Join(Path.PathSeparator.ToString(), directories);
    }
}
