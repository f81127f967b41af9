namespace Ghn.Build.Tool.BuildWeights;

/// <summary>
/// Why the build could not predict a model's weights, as a GHN2xx diagnostic: what happened and what to do. The same
/// text is embedded for the model, so that its <c>ApplyGhnInit()</c> throws it. (GHN201 is Ghn.Runtime's LibTorchSharp
/// patch warning, GHN206 the MSBuild task's report of a tool that crashed.)
/// </summary>
internal sealed record BuildFailure(string Code, string Reason, string Fix)
{
    public string Message => $"{Reason} {Fix}";

    public static BuildFailure CheckpointUnusable(string path, string detail) => new(
        "GHN203",
        $"The GHN checkpoint '{path}' cannot be used: {detail}",
        "Set the MSBuild property GhnCheckpoint to a GHN checkpoint (a .safetensors with ghn_config metadata, a reference .pt, or a hub id hf:<org>/<repo>/<file>), or remove it to use the checkpoint shipped with Ghn.Build.");

    public static BuildFailure LibTorchUnavailable(string detail) => new(
        "GHN202",
        $"LibTorch could not be loaded to run the GHN: {detail}",
        "Reference a LibTorch package in the project (libtorch-cpu-linux-x64, or a CUDA one such as TorchSharp-cuda-linux) with the same TorchSharp version as Ghn.Runtime, then rebuild.");

    public static BuildFailure DeviceUnavailable(string detail) => new(
        "GHN204",
        $"The GHN cannot run on the requested device: {detail}",
        "Set the MSBuild property GhnDevice to auto or cpu, or reference a CUDA LibTorch package on a machine with a GPU.");

    public static BuildFailure PredictionFailed(string model, string detail) => new(
        "GHN205",
        $"The GHN failed on the architecture of {model}: {detail}",
        "This is a bug in Ghn.Build; please report it with the output of 'ghn graph --project <project> --type " + model + "'.");

    /// <summary>The explanation embedded for <paramref name="model"/> and thrown by its <c>ApplyGhnInit()</c>.</summary>
    public string ExplainFor(string model) =>
        $"Ghn.Build could not predict the weights of {model} during the build ({Code}). {Message} " +
        "The model keeps TorchSharp's default initialisation; rebuild once the cause is fixed.";
}
