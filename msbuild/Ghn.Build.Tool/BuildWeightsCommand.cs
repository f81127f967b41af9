using System.CommandLine;
using Ghn.Build.Tool.BuildWeights;
using Ghn.Build.Tool.Projects;

namespace Ghn.Build.Tool;

/// <summary>
/// <c>ghn build-weights</c>: what the Ghn.Build MSBuild task runs (usually with a response file, <c>ghn build-weights @args.rsp</c>).
/// It compiles the project's sources as the build does, extracts every [GhnInit] model, predicts its weights with the GHN
/// and writes one safetensors file per model for the build to embed. Messages use MSBuild's canonical format.
/// </summary>
internal static class BuildWeightsCommand
{
    public static Command Create()
    {
        var project = new Option<FileInfo>("--project") { Description = "The project being built (origin of project-wide messages).", Required = true };
        var assemblyName = new Option<string>("--assembly-name") { Description = "The project's assembly name.", Required = true };
        var sources = new Option<string[]>("--source") { Description = "A C# source file of the compilation (repeat).", AllowMultipleArgumentsPerToken = true };
        var references = new Option<string[]>("--reference") { Description = "A metadata reference of the compilation (repeat).", AllowMultipleArgumentsPerToken = true };
        var defines = new Option<string?>("--define-constants") { Description = "The project's DefineConstants (';'-separated)." };
        var languageVersion = new Option<string?>("--lang-version") { Description = "The project's LangVersion." };
        var nullable = new Option<string?>("--nullable") { Description = "The project's Nullable setting." };
        var allowUnsafe = new Option<bool>("--allow-unsafe") { Description = "The project sets AllowUnsafeBlocks." };
        var checkpoint = new CheckpointOption();
        var device = new Option<string>("--device") { Description = "auto (CUDA if available), cpu or cuda.", DefaultValueFactory = _ => "auto" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory of the per-model weights files.", Required = true };
        var dependencyFile = new Option<FileInfo?>("--dependency-file") { Description = "Write the source files the models' extraction read here, one per line (the build's inputs for the next run)." };
        var failuresAsErrors = new Option<bool>("--treat-failures-as-errors") { Description = "Report a model whose weights cannot be predicted as an error (exit code 1) instead of a warning." };

        var command = new Command("build-weights", "Predict and write the weights of every [GhnInit] model of a compilation (used by the Ghn.Build MSBuild task).")
        {
            project, assemblyName, sources, references, defines, languageVersion, nullable, allowUnsafe, checkpoint.Location, checkpoint.Sha256, device, output, failuresAsErrors, dependencyFile,
        };
        command.SetAction(parse =>
        {
            var inputs = new ProjectInputs(
                parse.GetValue(project)!.FullName,
                parse.GetValue(assemblyName)!,
                parse.GetValue(sources) ?? [],
                parse.GetValue(references) ?? [],
                (parse.GetValue(defines) ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                parse.GetValue(languageVersion) ?? "",
                parse.GetValue(nullable) ?? "",
                parse.GetValue(allowUnsafe));
            GhnDevices.TryParse(parse.GetValue(device)!, out var ghnDevice);
            var request = new WeightsBuildRequest(
                inputs, parse.GetValue(checkpoint.Location)!, parse.GetValue(checkpoint.Sha256), ghnDevice, parse.GetValue(output)!.FullName, parse.GetValue(failuresAsErrors),
                parse.GetValue(dependencyFile)?.FullName);
            return WeightsBuilder.Run(request, new BuildLog(inputs.ProjectPath, request.TreatFailuresAsErrors));
        });
        return command;
    }
}
