using System.Text.Json.Nodes;
using Ghn.Checkpoints;
using static TorchSharp.torch;

namespace Ghn.Import;

/// <summary>
/// Reads checkpoints of the reference trainers, ghn3's (GHN-3, or GHN-2 with <c>is_ghn2</c>) and ppuda's (GHN-2,
/// config keys <c>hypernet</c> and <c>decoder</c>): a PyTorch zip pickle of
/// <c>{'state_dict': OrderedDict, 'config': dict, 'epoch': int}</c>; and the model hub's files, a bare state dict
/// whose configuration is inferred (<see cref="HubCheckpoint"/>). As ghn3's <c>from_pretrained</c> does, a GHN-2
/// is recognised by its GRU's tensors (<c>gnn.gru.</c>). Pickles are read as data (<see cref="PickleReader"/>): one
/// that names any global a state dict of tensors does not need is refused, naming it.
/// </summary>
public static class ReferenceCheckpoint
{
    // Prefix torch.nn.parallel.DistributedDataParallel adds to every name.
    private const string DataParallelPrefix = "module.";

    // The reference keeps the Graphormer structural embeddings on the GHN itself while training and moves
    // them into the first layer when loading (from_pretrained); checkpoints may have either layout.
    private static readonly string[] FirstLayerEmbeddings = ["centrality_embed_in", "centrality_embed_out", "input_dist_embed"];

    /// <summary>Converts <paramref name="ptPath"/> to <paramref name="safetensorsPath"/> and returns the validated GHN.</summary>
    public static GraphHyperNetwork Import(string ptPath, string safetensorsPath)
    {
        Convert(ptPath, safetensorsPath);
        try
        {
            return GraphHyperNetwork.Load(safetensorsPath, GhnDevice.Cpu);
        }
        catch (CheckpointException)
        {
            File.Delete(safetensorsPath);
            throw;
        }
    }

    private static void Convert(string ptPath, string safetensorsPath)
    {
        // The unpickled tensors die with this scope; the GHN is loaded afterwards, outside it.
        using var scope = NewDisposeScope();
        if (HubCheckpoint.IsHubFile(ptPath))
        {
            ConvertHubFile(ptPath, safetensorsPath);
            return;
        }

        var root = TorchZipCheckpoint.Read(ptPath) as PickleDictionary
            ?? throw new CheckpointException($"{ptPath}: the pickle's root is not a dictionary; expected a checkpoint of a reference trainer.");
        var stateDict = root["state_dict"] as PickleDictionary
            ?? throw new CheckpointException($"{ptPath}: no 'state_dict' dictionary; expected a checkpoint of a reference trainer.");
        var config = root["config"] as PickleDictionary
            ?? throw new CheckpointException($"{ptPath}: no 'config' dictionary; expected a checkpoint of a reference trainer.");

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var entry in stateDict)
        {
            var name = entry.Key as string ?? throw new CheckpointException($"{ptPath}: a state_dict key is not a string.");
            var tensor = entry.Value as Tensor ?? throw new CheckpointException($"{ptPath}: state_dict[\"{name}\"] is not a tensor.");
            tensors[ReferenceName(name)] = Reshaped(name, tensor);
        }

        var configJson = ConfigToJson(config, ArchitectureOf(tensors), ptPath);
        SafetensorsFile.Write(safetensorsPath, tensors, new Dictionary<string, string> { [GhnConfig.MetadataKey] = configJson });
    }

    /// <summary>A hub file: a bare state dict, its configuration inferred.</summary>
    private static void ConvertHubFile(string path, string safetensorsPath)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in HubCheckpoint.ReadStateDict(path))
        {
            tensors[ReferenceName(name)] = Reshaped(name, tensor);
        }

        SafetensorsFile.Write(safetensorsPath, tensors, new Dictionary<string, string> { [GhnConfig.MetadataKey] = InferConfig(tensors, ArchitectureOf(tensors), path) });
    }

    // 1x1 convolutions of older decoders are linear layers now.
    private static Tensor Reshaped(string name, Tensor tensor) =>
        name.Contains("decoder.", StringComparison.Ordinal) && tensor.dim() == 4 ? tensor.flatten(1) : tensor;

    private static GhnArchitecture ArchitectureOf(Dictionary<string, Tensor> tensors) =>
        tensors.Keys.Any(name => name.StartsWith("gnn.gru.", StringComparison.Ordinal)) ? GhnArchitecture.Ghn2 : GhnArchitecture.Ghn3;

    /// <summary>
    /// The configuration of a hub file, which has none, from its tensors' names and shapes (what ghn3's
    /// <c>from_pretrained</c> builds for it): hid from the node embedding, layers from the Graphormer layers, heads from
    /// the first layer's edge projection, max_shape from the decoder (its spatial size from the expansion, the
    /// channels from the classifier head and the per-position output), num_classes from the classifier head,
    /// LayerNorm when <c>ln</c> is there, virtual edges for a GHN-2 when <c>mlp_ve</c> is; like from_pretrained, weight
    /// normalisation and (GHN-3) virtual edges on.
    /// </summary>
    private static string InferConfig(IReadOnlyDictionary<string, Tensor> tensors, GhnArchitecture architecture, string path)
    {
        long Size(string name, int dimension) => tensors.TryGetValue(name, out var tensor) && tensor.dim() > dimension
            ? tensor.shape[dimension]
            : throw new CheckpointException($"{path}: the tensor {name} a GHN's configuration is read from is missing or has too few dimensions; this is not a GHN of the reference.");
        var hid = Size("embed.weight", 1);
        var spatial = (long)Math.Round(Math.Sqrt(Size("decoder.fc.0.weight", 0) / (4.0 * hid)));
        var maxOut = Size("decoder.class_layer_predictor.1.weight", 1);
        var channels = Size("decoder.conv.2.weight", 0);
        if (spatial * spatial * 4 * hid != Size("decoder.fc.0.weight", 0) || channels % maxOut != 0)
        {
            throw new CheckpointException($"{path}: the decoder's shapes fit no max_shape (expansion {Size("decoder.fc.0.weight", 0)} for hid {hid}, {channels} outputs per position for {maxOut} output channels).");
        }

        var isGhn3 = architecture == GhnArchitecture.Ghn3;
        var layers = isGhn3 ? tensors.Keys.Where(n => n.StartsWith("gnn.", StringComparison.Ordinal)).Select(n => n.Split('.')[1]).Distinct().Count() : 1;
        return new JsonObject
        {
            ["architecture"] = isGhn3 ? "ghn3" : "ghn2",
            ["hid"] = hid,
            ["layers"] = layers,
            ["heads"] = isGhn3 ? Size("gnn.0.attn.proj_e.2.weight", 0) : 0,
            ["max_shape"] = new JsonArray(maxOut, channels / maxOut, spatial, spatial),
            ["num_classes"] = Size("decoder.class_layer_predictor.1.weight", 0),
            ["weight_norm"] = true,
            ["ve"] = isGhn3 || tensors.Keys.Any(n => n.StartsWith("gnn.mlp_ve.", StringComparison.Ordinal)),
            ["layernorm"] = tensors.ContainsKey("ln.weight"),
        }.ToJsonString();
    }

    private static string ReferenceName(string name)
    {
        if (name.StartsWith(DataParallelPrefix, StringComparison.Ordinal))
        {
            name = name[DataParallelPrefix.Length..];
        }

        return FirstLayerEmbeddings.Any(e => name.StartsWith(e + ".", StringComparison.Ordinal)) ? "gnn.0." + name : name;
    }

    private static string ConfigToJson(PickleDictionary config, GhnArchitecture architecture, string path)
    {
        var json = new JsonObject { ["architecture"] = architecture == GhnArchitecture.Ghn2 ? "ghn2" : "ghn3" };
        foreach (var entry in config)
        {
            var key = entry.Key as string ?? throw new CheckpointException($"{path}: a config key is not a string.");
            // ppuda names its message passing and decoder, ghn3 flags a GHN-2; both only say what the tensors show.
            var expected = key switch
            {
                "hypernet" => architecture == GhnArchitecture.Ghn2 ? "gatedgnn" : null,
                "decoder" => "conv",
                "is_ghn2" => architecture == GhnArchitecture.Ghn2 ? "True" : "False",
                _ => (string?)null,
            };
            if (key is "hypernet" or "decoder" or "is_ghn2")
            {
                var value = System.Convert.ToString(entry.Value, System.Globalization.CultureInfo.InvariantCulture);
                if (value != expected)
                {
                    throw new CheckpointException($"{path}: config['{key}'] is '{value}', which this GHN ({architecture}, found from its tensors) cannot be; expected '{expected ?? "(none)"}'.");
                }

                continue;
            }

            json[key] = entry.Value switch
            {
                bool b => b,
                int i => i,
                long l => l,
                double d => d,
                string s => s,
                object?[] or List<object?> => new JsonArray(((IEnumerable<object?>)entry.Value).Select(v => (JsonNode)System.Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()),
                _ => throw new CheckpointException($"{path}: config['{entry.Key}'] has an unsupported value of type {entry.Value?.GetType().Name ?? "None"}."),
            };
        }

        if (architecture == GhnArchitecture.Ghn2)
        {
            // A GHN-2 has no Graphormer layers or heads: ghn3's trainer may still record its defaults.
            (json["layers"], json["heads"]) = (1, 0);
        }

        return json.ToJsonString();
    }
}
