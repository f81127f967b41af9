using Ghn.Checkpoints;
using Ghn.Initialization;
using static TorchSharp.torch;

namespace Ghn.Build.Tool.BuildWeights;

/// <summary>
/// The tool's output folder: <c>&lt;full type name&gt;.safetensors</c> per predicted model (embedded as
/// <c>Ghn/&lt;full type name&gt;.safetensors</c>), <c>&lt;full type name&gt;.failure.txt</c> per model that could not be
/// predicted. The build embeds exactly these files, so a model that is gone must lose its file here.
/// </summary>
internal sealed class WeightsDirectory
{
    private readonly string _path;

    public WeightsDirectory(string path)
    {
        _path = path;
        Directory.CreateDirectory(path);
    }

    /// <summary>Whether any model's weights are here (there are none before a project's first build).</summary>
    public bool HasWeights => Directory.EnumerateFiles(_path, "*" + PredictedWeightsResource.WeightsExtension).Any();

    /// <summary>
    /// Whether the weights of <paramref name="model"/> on disk were predicted for this graph by this checkpoint and tool
    /// version, so predicting again would write the same bytes.
    /// </summary>
    public bool IsUpToDate(string model, IReadOnlyDictionary<string, string> expectedMetadata)
    {
        var path = WeightsPath(model);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            var (metadata, _) = SafetensorsFile.ReadHeader(path);
            return expectedMetadata.All(entry => metadata.TryGetValue(entry.Key, out var value) && value == entry.Value);
        }
        catch (CheckpointException)
        {
            return false;
        }
    }

    public void WriteWeights(string model, IReadOnlyDictionary<string, Tensor> weights, IReadOnlyDictionary<string, string> metadata)
    {
        File.Delete(FailurePath(model));

        // Written next to the final name and moved, so an interrupted build never leaves a truncated resource behind.
        var temporary = WeightsPath(model) + ".tmp";
        SafetensorsFile.Write(temporary, weights, metadata);
        File.Move(temporary, WeightsPath(model), overwrite: true);
    }

    public void WriteFailure(string model, string explanation)
    {
        File.Delete(WeightsPath(model));
        File.WriteAllText(FailurePath(model), explanation);
    }

    /// <summary>Deletes the weights and failure files of models that are no longer in the project (other files stay).</summary>
    public IReadOnlyList<string> RemoveAllExcept(IReadOnlyCollection<string> models)
    {
        var removed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(_path))
        {
            var name = Path.GetFileName(file);
            if (ModelOf(name) is { } model && !models.Contains(model))
            {
                File.Delete(file);
                removed.Add(name);
            }
        }

        return removed;
    }

    private string WeightsPath(string model) => Path.Combine(_path, model + PredictedWeightsResource.WeightsExtension);

    private string FailurePath(string model) => Path.Combine(_path, model + PredictedWeightsResource.FailureExtension);

    private static string? ModelOf(string fileName) =>
        fileName.EndsWith(PredictedWeightsResource.WeightsExtension, StringComparison.Ordinal) ? fileName[..^PredictedWeightsResource.WeightsExtension.Length]
        : fileName.EndsWith(PredictedWeightsResource.FailureExtension, StringComparison.Ordinal) ? fileName[..^PredictedWeightsResource.FailureExtension.Length]
        : null;
}
