using System.Collections;
using System.Text.Json.Nodes;
using Ghn.Checkpoints;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Ghn.Cli.Commands.Import;

/// <summary>
/// Reads checkpoints of the reference trainers, ghn3's (GHN-3, or GHN-2 with <c>is_ghn2</c>) and ppuda's (GHN-2,
/// config keys <c>hypernet</c> and <c>decoder</c>): a PyTorch zip pickle of
/// <c>{'state_dict': OrderedDict, 'config': dict, 'epoch': int}</c>. As ghn3's <c>from_pretrained</c> does, a GHN-2
/// is recognised by its GRU's tensors (<c>gnn.gru.</c>). The unpickler (TorchSharp.PyBridge on
/// Razorvine.Pickle) only builds tensors, dictionaries, lists and scalars; unknown Python classes become inert
/// dictionaries, never executed code.
/// </summary>
internal static class ReferenceCheckpoint
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
        Hashtable root;
        using (var stream = File.OpenRead(ptPath))
        {
            try
            {
                root = PyTorchUnpickler.UnpickleStateDict(stream) as Hashtable
                    ?? throw new CheckpointException($"{ptPath}: the pickle's root is not a dictionary.");
            }
            catch (Exception exception) when (exception is not CheckpointException)
            {
                throw new CheckpointException($"{ptPath}: not a readable PyTorch zip checkpoint (torch.save format): {exception.Message}", exception);
            }
        }

        var stateDict = root["state_dict"] as Hashtable
            ?? throw new CheckpointException($"{ptPath}: no 'state_dict' dictionary; expected a checkpoint of the reference GHN-3 trainer.");
        var config = root["config"] as Hashtable
            ?? throw new CheckpointException($"{ptPath}: no 'config' dictionary; expected a checkpoint of the reference GHN-3 trainer.");

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in stateDict)
        {
            var name = (string)entry.Key;
            var tensor = entry.Value as Tensor ?? throw new CheckpointException($"{ptPath}: state_dict[\"{name}\"] is not a tensor.");
            tensors[ReferenceName(name)] = name.Contains("decoder.", StringComparison.Ordinal) && tensor.dim() == 4
                ? tensor.flatten(1) // 1x1 convolutions of older decoders are linear layers now.
                : tensor;
        }

        var architecture = tensors.Keys.Any(name => name.StartsWith("gnn.gru.", StringComparison.Ordinal)) ? GhnArchitecture.Ghn2 : GhnArchitecture.Ghn3;
        var configJson = ConfigToJson(config, architecture, ptPath);
        SafetensorsFile.Write(safetensorsPath, tensors, new Dictionary<string, string> { [GhnConfig.MetadataKey] = configJson });
    }

    private static string ReferenceName(string name)
    {
        if (name.StartsWith(DataParallelPrefix, StringComparison.Ordinal))
        {
            name = name[DataParallelPrefix.Length..];
        }

        return FirstLayerEmbeddings.Any(e => name.StartsWith(e + ".", StringComparison.Ordinal)) ? "gnn.0." + name : name;
    }

    private static string ConfigToJson(Hashtable config, GhnArchitecture architecture, string path)
    {
        var json = new JsonObject { ["architecture"] = architecture == GhnArchitecture.Ghn2 ? "ghn2" : "ghn3" };
        foreach (DictionaryEntry entry in config)
        {
            var key = (string)entry.Key;
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
                object[] or ArrayList => new JsonArray(((IEnumerable)entry.Value).Cast<object>().Select(v => (JsonNode)System.Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()),
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
