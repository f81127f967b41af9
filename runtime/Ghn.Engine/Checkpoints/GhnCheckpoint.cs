using static TorchSharp.torch;

namespace Ghn.Checkpoints;

/// <summary>
/// GHN checkpoints: safetensors files with the reference's state-dict names and the configuration as
/// <c>ghn_config</c> JSON in <c>__metadata__</c>, with the meta-training task as <c>ghn_task</c> where it is known.
/// </summary>
internal static class GhnCheckpoint
{
    public static GraphHyperNetwork Load(string path, GhnDevice device)
    {
        using var content = SafetensorsFile.Read(path);
        if (!content.Metadata.TryGetValue(GhnConfig.MetadataKey, out var configJson))
        {
            throw new CheckpointException(
                $"{path}: no \"{GhnConfig.MetadataKey}\" in the safetensors __metadata__, so the GHN's configuration is unknown. " +
                "Convert reference checkpoints with `ghn import`, which stores it.");
        }

        GhnConfig config;
        try
        {
            config = GhnConfig.FromJson(configJson);
        }
        catch (CheckpointException exception)
        {
            throw new CheckpointException($"{path}: {exception.Message}", exception);
        }

        var ghn = new GraphHyperNetwork(config, device)
        {
            Task = content.Metadata.TryGetValue(MetaTrainingTask.MetadataKey, out var taskJson) ? MetaTrainingTask.TryParse(taskJson) : null,
        };
        try
        {
            CopyState(ghn, content.Tensors, path);
            return ghn;
        }
        catch
        {
            ghn.Dispose();
            throw;
        }
    }

    public static void Save(GraphHyperNetwork ghn, string path)
    {
        var metadata = new Dictionary<string, string> { [GhnConfig.MetadataKey] = ghn.Config.ToJson() };
        if (ghn.Task is { } task)
        {
            metadata[MetaTrainingTask.MetadataKey] = task.ToJson();
        }

        SafetensorsFile.Write(path, ghn.state_dict(), metadata);
    }

    private static void CopyState(GraphHyperNetwork ghn, IReadOnlyDictionary<string, Tensor> tensors, string path)
    {
        var expected = ghn.state_dict();
        var missing = expected.Keys.Where(name => !tensors.ContainsKey(name)).ToArray();
        if (missing.Length > 0)
        {
            throw new CheckpointException(
                $"{path}: tensor \"{missing[0]}\" is missing{(missing.Length > 1 ? $" (and {missing.Length - 1} more)" : "")}; " +
                $"the checkpoint does not match its ghn_config {ghn.Config.ToJson()}.");
        }

        var extra = tensors.Keys.Where(name => !expected.ContainsKey(name)).ToArray();
        if (extra.Length > 0)
        {
            throw new CheckpointException(
                $"{path}: unexpected tensor \"{extra[0]}\"{(extra.Length > 1 ? $" (and {extra.Length - 1} more)" : "")}; " +
                $"it is not part of a GHN-3 with ghn_config {ghn.Config.ToJson()}.");
        }

        foreach (var (name, target) in expected)
        {
            var source = tensors[name];
            if (!source.shape.SequenceEqual(target.shape))
            {
                throw new CheckpointException(
                    $"{path}: tensor \"{name}\" has shape [{string.Join(", ", source.shape)}] but ghn_config implies [{string.Join(", ", target.shape)}].");
            }

            if (!source.is_floating_point())
            {
                throw new CheckpointException($"{path}: tensor \"{name}\" has dtype {source.dtype}; GHN weights are floating point.");
            }
        }

        using var noGrad = no_grad();
        foreach (var (name, target) in expected)
        {
            target.copy_(tensors[name]);
        }
    }
}
