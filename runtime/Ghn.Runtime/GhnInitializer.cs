using Ghn.Checkpoints;
using Ghn.Graphs;
using Ghn.Initialization;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// Applies the weights that Ghn.Build predicted at build time to a <c>[GhnInit]</c> model. The generated
/// <c>ApplyGhnInit()</c> method of each model calls it; application code calls <c>ApplyGhnInit()</c>.
/// </summary>
public static class GhnInitializer
{
    /// <summary>
    /// Copies the predicted weights embedded for <typeparamref name="TModule"/> into <paramref name="model"/>'s
    /// parameters. Buffers (BatchNorm running statistics) keep their defaults; see <see cref="BatchNormCalibration"/>.
    /// Parameters outside the architecture's predictions (of a module forward never calls, or read directly in
    /// forward, such as a class token) keep their values too.
    /// </summary>
    /// <typeparam name="TModule">The model type; its assembly is the one that embeds the weights.</typeparam>
    /// <param name="model">The model to initialise.</param>
    /// <param name="architecture">The model's architecture graph, extracted at compile time.</param>
    /// <param name="resourceName">
    /// The manifest resource holding the predicted weights: <c>Ghn/&lt;full type name&gt;.safetensors</c>, where the
    /// full type name is the model's <see cref="Type.FullName"/>.
    /// </param>
    /// <returns><paramref name="model"/>.</returns>
    /// <exception cref="InvalidOperationException">
    /// No predicted weights are embedded for <typeparamref name="TModule"/>, they were predicted for another version of its
    /// architecture, or they do not match the model's parameters; the message says why and what to do.
    /// </exception>
    public static TModule Apply<TModule>(TModule model, ArchitectureGraph architecture, string resourceName)
        where TModule : nn.Module
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentException.ThrowIfNullOrEmpty(resourceName);

        var modelName = typeof(TModule).FullName;
        var assembly = typeof(TModule).Assembly;
        using var resource = assembly.GetManifestResourceStream(resourceName)
                             ?? throw new InvalidOperationException(MissingWeightsMessage(assembly, modelName, architecture, resourceName));
        using var content = SafetensorsFile.Read(resource, $"resource '{resourceName}' of {assembly.GetName().Name}");

        var embeddedHash = content.Metadata.TryGetValue(PredictedWeightsResource.GraphHashKey, out var hash) ? hash : "(none)";
        if (embeddedHash != architecture.ContentHash)
        {
            throw new InvalidOperationException(
                $"The weights embedded for {modelName} were predicted for another version of its architecture (graph hash {embeddedHash}, " +
                $"but the compiled model's graph hash is {architecture.ContentHash}), so they are not applied. The assembly was built " +
                "with stale predicted weights: rebuild the project (dotnet build), and if this persists, clean it first.");
        }

        PredictedParameters.Copy(
            model,
            architecture,
            content.Tensors,
            $"The weights embedded for {modelName}",
            "The model's parameters differ from the architecture extracted at compile time; please report this as a Ghn.Build bug.");
        return model;
    }

    private static string MissingWeightsMessage(System.Reflection.Assembly assembly, string? modelName, ArchitectureGraph architecture, string resourceName)
    {
        // When the build could not predict the weights it embeds why instead, so the exception says what the build said.
        using var failure = assembly.GetManifestResourceStream(PredictedWeightsResource.FailureNameFor(resourceName));
        if (failure is not null)
        {
            using var reader = new StreamReader(failure);
            return reader.ReadToEnd();
        }

        return $"No predicted weights are embedded for {modelName}: its assembly '{assembly.GetName().Name}' has no resource " +
               $"'{resourceName}'. The Ghn.Build build task embeds it when it predicts the model's {architecture.ParameterCount:N0} parameters " +
               "during 'dotnet build'; for this model it did not run or it failed. Reference the Ghn.Build package (not only Ghn.Runtime) " +
               "in the project that declares the model, make sure the property GhnEnabled is not false, and look for GHN warnings about " +
               "this model in the build output.";
    }
}
