using Ghn.Graphs;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// Applies the weights that Ghn.Build predicted at build time to a <c>[GhnInit]</c> model. The generated
/// <c>ApplyGhnInit()</c> method of each model calls it; application code calls <c>ApplyGhnInit()</c>.
/// </summary>
public static class GhnInitializer
{
    /// <summary>
    /// Copies the predicted weights embedded for <typeparamref name="TModule"/> into <paramref name="model"/>.
    /// </summary>
    /// <typeparam name="TModule">The model type; its assembly is the one that embeds the weights.</typeparam>
    /// <param name="model">The model to initialise.</param>
    /// <param name="architecture">The model's architecture graph, extracted at compile time.</param>
    /// <param name="resourceName">
    /// The manifest resource holding the predicted weights: <c>Ghn/&lt;full type name&gt;.safetensors</c>, where the
    /// full type name is the model's <see cref="Type.FullName"/>.
    /// </param>
    /// <returns><paramref name="model"/>.</returns>
    /// <exception cref="InvalidOperationException">No predicted weights are embedded for <typeparamref name="TModule"/>; the message says why and what to do.</exception>
    /// <exception cref="NotSupportedException">Weights are embedded, but this version of Ghn.Runtime cannot apply them yet.</exception>
    public static TModule Apply<TModule>(TModule model, ArchitectureGraph architecture, string resourceName)
        where TModule : nn.Module<Tensor, Tensor>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentException.ThrowIfNullOrEmpty(resourceName);

        var assembly = typeof(TModule).Assembly;
        if (assembly.GetManifestResourceInfo(resourceName) is null)
        {
            throw new InvalidOperationException(
                $"No predicted weights are embedded for {typeof(TModule).FullName}: its assembly '{assembly.GetName().Name}' has no resource " +
                $"'{resourceName}'. The Ghn.Build build task embeds it when it predicts the model's {architecture.ParameterCount:N0} parameters " +
                "during 'dotnet build'; for this model it did not run or it failed. Reference the Ghn.Build package (not only Ghn.Runtime) " +
                "in the project that declares the model, make sure the property GhnEnabled is not false, and look for GHN warnings about " +
                "this model in the build output.");
        }

        throw new NotSupportedException(
            $"The assembly '{assembly.GetName().Name}' embeds predicted weights for {typeof(TModule).FullName} ('{resourceName}'), " +
            "but this version of Ghn.Runtime cannot apply them; update the Ghn.Runtime package to the version of Ghn.Build that built the assembly.");
    }
}
