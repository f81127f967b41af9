namespace Ghn.Initialization;

/// <summary>
/// The contract between the source generator, whose <c>ApplyGhnInit()</c> names the resource; the Ghn.Build build
/// tool, which writes the predicted weights of each <c>[GhnInit]</c> model (the package's targets embed them under
/// these names); and <c>GhnInitializer</c>, which applies them: resource names and the safetensors metadata keys.
/// </summary>
/// <remarks>
/// A model's weights are embedded as <c>Ghn/&lt;full type name&gt;.safetensors</c>. When the build could not predict
/// them it embeds <c>Ghn/&lt;full type name&gt;.failure.txt</c> instead, whose text explains why and what to do.
/// </remarks>
public static class PredictedWeightsResource
{
    /// <summary>The folder-like prefix of every resource Ghn.Build embeds.</summary>
    public const string Prefix = "Ghn/";

    /// <summary>The extension of an embedded weights file.</summary>
    public const string WeightsExtension = ".safetensors";

    /// <summary>The extension of an embedded explanation of why no weights were predicted.</summary>
    public const string FailureExtension = ".failure.txt";

    /// <summary>Metadata key: <see cref="Ghn.Graphs.ArchitectureGraph.ContentHash"/> of the graph the weights were predicted for.</summary>
    public const string GraphHashKey = "ghn_graph_hash";

    /// <summary>Metadata key: the SHA-256 (hex) of the GHN checkpoint file that predicted the weights.</summary>
    public const string CheckpointHashKey = "ghn_checkpoint_sha256";

    /// <summary>Metadata key: the version of the tool that wrote the file.</summary>
    public const string ToolVersionKey = "ghn_tool_version";

    /// <summary>The weights resource of the model whose <see cref="System.Type.FullName"/> is <paramref name="fullTypeName"/>.</summary>
    public static string WeightsName(string fullTypeName) => Prefix + fullTypeName + WeightsExtension;

    /// <summary>The failure-explanation resource that goes with the weights resource <paramref name="weightsResourceName"/>.</summary>
    public static string FailureNameFor(string weightsResourceName) =>
        weightsResourceName.EndsWith(WeightsExtension, StringComparison.Ordinal)
            ? weightsResourceName.Substring(0, weightsResourceName.Length - WeightsExtension.Length) + FailureExtension
            : weightsResourceName + FailureExtension;
}
