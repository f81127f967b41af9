using System.Text.Json;
using System.Text.Json.Nodes;
using Ghn.Checkpoints;

namespace Ghn;

/// <summary>Which graph hypernetwork a configuration builds.</summary>
public enum GhnArchitecture
{
    /// <summary>GHN-3 (ICML 2023): Graphormer layers over the graph.</summary>
    Ghn3,

    /// <summary>GHN-2 (NeurIPS 2021): a gated graph network (<c>GatedGNN</c>) that updates one node at a time.</summary>
    Ghn2,
}

/// <summary>How a GHN decodes node embeddings into weight tensors.</summary>
public enum GhnDecoder
{
    /// <summary>The reference's decoder (<c>ConvDecoder</c>): one max_out × max_in block per kernel position, tiled to larger tensors.</summary>
    Conv,

    /// <summary>
    /// A low-rank decoder (after LoGAH, Zhou et al. 2024): each weight is the product of two predicted factors of rank
    /// <see cref="GhnConfig.Rank"/>, so tensors up to max_shape are predicted whole rather than tiled from one block
    /// (a 784-input layer gets 784 distinct weights per unit, not 64 repeated), at a cost that grows with the
    /// tensor's sides, not their product.
    /// </summary>
    LowRank,

    /// <summary>
    /// The conv decoder, except that a linear layer with more inputs than max_in takes its input weights from every
    /// one of the decoded block's k×k positions (centre first) instead of repeating the centre's max_in columns: a
    /// 784-input layer of a 64×64×7×7 GHN gets 784 distinct weights per unit, not 64 repeated. Same tensors as the
    /// conv decoder, so a conv-decoder GHN's weights carry over.
    /// </summary>
    ConvWideLinear,
}

/// <summary>
/// The hyper-parameters of a GHN-3 or GHN-2, under the reference's config keys (<c>hid</c>, <c>layers</c>,
/// <c>heads</c>, <c>max_shape</c>, <c>num_classes</c>, <c>weight_norm</c>, <c>ve</c>, <c>layernorm</c>, and
/// <c>architecture</c>: <c>ghn3</c> or <c>ghn2</c>; and this project's <c>decoder</c>, <c>conv</c>, <c>conv_wide_linear</c> or
/// <c>low_rank</c> (written unless <c>conv</c>), with its <c>rank</c>, written only for a low-rank decoder). Stored as JSON in a checkpoint's <c>ghn_config</c> metadata.
/// </summary>
public sealed class GhnConfig
{
    /// <summary>The safetensors <c>__metadata__</c> key under which checkpoints store the configuration JSON.</summary>
    public const string MetadataKey = "ghn_config";

    private static readonly Dictionary<string, GhnDecoder> Decoders = Enum.GetValues<GhnDecoder>().ToDictionary(DecoderName, StringComparer.Ordinal);

    private static readonly string[] Keys = ["hid", "layers", "heads", "max_shape", "num_classes", "weight_norm", "ve", "layernorm", "architecture", "decoder", "rank"];

    /// <summary>Creates and validates a configuration; a GHN-2 has no layers or heads (pass 1 and 0).</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the key.</exception>
    public GhnConfig(
        int hid,
        int layers,
        int heads,
        IReadOnlyList<int> maxShape,
        int numClasses,
        bool weightNorm = true,
        bool ve = true,
        bool layernorm = true,
        GhnArchitecture architecture = GhnArchitecture.Ghn3,
        GhnDecoder decoder = GhnDecoder.Conv,
        int rank = 0)
    {
        Require(hid > 0 && hid % 4 == 0, "hid", $"must be a positive multiple of 4 (the shape encoder splits it in four), not {hid}");
        if (architecture == GhnArchitecture.Ghn3)
        {
            Require(layers > 0, "layers", $"must be positive, not {layers}");
            Require(heads > 0 && hid % heads == 0, "heads", $"must be positive and divide hid={hid}, not {heads}");
        }
        else
        {
            Require(layers == 1 && heads == 0, "layers", $"and heads of a GHN-2 are 1 and 0 (its gated graph network has no layers or heads), not {layers} and {heads}");
        }

        Require(maxShape.Count == 4 && maxShape.All(d => d > 0), "max_shape", "must be four positive integers (out, in, height, width)");
        Require(maxShape[2] == maxShape[3], "max_shape", $"must have a square spatial size, not {maxShape[2]}x{maxShape[3]}");
        Require(numClasses > 0, "num_classes", $"must be positive, not {numClasses}");
        var lowRank = decoder == GhnDecoder.LowRank;
        Require(lowRank ? rank > 0 : rank == 0, "rank", lowRank ? $"of a low-rank decoder must be positive, not {rank}" : $"belongs to a low-rank decoder only, not to the {DecoderName(decoder)} decoder ({rank})");
        Require(decoder == GhnDecoder.Conv || architecture == GhnArchitecture.Ghn3, "decoder", $"{DecoderName(decoder)} is a GHN-3 option (GHN-2 keeps the reference's decoder)");
        (Hid, Layers, Heads, MaxShape, NumClasses, WeightNorm, Ve, Layernorm, Architecture) = (hid, layers, heads, maxShape.ToArray(), numClasses, weightNorm, ve, layernorm, architecture);
        (Decoder, Rank) = (decoder, rank);
    }

    /// <summary><c>architecture</c>: GHN-3 or GHN-2.</summary>
    public GhnArchitecture Architecture { get; }

    /// <summary><c>hid</c>: the node embedding size.</summary>
    public int Hid { get; }

    /// <summary><c>layers</c>: the number of Graphormer layers (1 for a GHN-2).</summary>
    public int Layers { get; }

    /// <summary><c>heads</c>: attention heads per Graphormer layer (0 for a GHN-2).</summary>
    public int Heads { get; }

    /// <summary><c>max_shape</c>: the largest (out, in, height, width) the decoder predicts; larger tensors are tiled.</summary>
    public IReadOnlyList<int> MaxShape { get; }

    /// <summary><c>num_classes</c>: the classifier head's number of classes.</summary>
    public int NumClasses { get; }

    /// <summary><c>weight_norm</c>: fan-in normalisation of predicted weights.</summary>
    public bool WeightNorm { get; }

    /// <summary><c>ve</c>: virtual edges (shortest paths up to 50 hops); without them only real edges are used.</summary>
    public bool Ve { get; }

    /// <summary><c>layernorm</c>: a LayerNorm on the node embeddings before decoding.</summary>
    public bool Layernorm { get; }

    /// <summary><c>decoder</c>: how weight tensors are decoded (the reference's conv decoder unless set).</summary>
    public GhnDecoder Decoder { get; }

    /// <summary><c>rank</c>: the rank of a low-rank decoder's factors; 0 for the conv decoder.</summary>
    public int Rank { get; }

    /// <summary>The reference's tiny CIFAR-10 configuration (<c>hid=64, layers=3, heads=8, max_shape=(64,64,11,11), num_classes=10</c>).</summary>
    public static GhnConfig Tiny { get; } = new(64, 3, 8, [64, 64, 11, 11], 10);

    /// <summary>
    /// Parses the <c>ghn_config</c> JSON object. Every key is required except <c>architecture</c> (<c>ghn3</c> when
    /// absent), <c>decoder</c> (<c>conv</c> when absent) with <c>rank</c>, and, for a GHN-2, <c>layers</c> and <c>heads</c>.
    /// </summary>
    /// <exception cref="CheckpointException">A key is missing, unknown or has the wrong type or value.</exception>
    public static GhnConfig FromJson(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new CheckpointException("ghn_config must be a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new CheckpointException($"ghn_config is not valid JSON: {exception.Message}", exception);
        }

        foreach (var (key, _) in root)
        {
            if (!Keys.Contains(key))
            {
                throw new CheckpointException($"ghn_config has the unknown key \"{key}\"; known keys: {string.Join(", ", Keys)}.");
            }
        }

        var architecture = root["architecture"] is null ? GhnArchitecture.Ghn3 : Read<string>(root, "architecture") switch
        {
            "ghn3" => GhnArchitecture.Ghn3,
            "ghn2" => GhnArchitecture.Ghn2,
            var other => throw new CheckpointException($"ghn_config.architecture is \"{other}\"; expected \"ghn3\" or \"ghn2\"."),
        };
        var isGhn3 = architecture == GhnArchitecture.Ghn3;
        var decoder = GhnDecoder.Conv;
        if (root["decoder"] is not null)
        {
            var name = Read<string>(root, "decoder");
            if (!Decoders.TryGetValue(name, out decoder))
            {
                throw new CheckpointException($"ghn_config.decoder is \"{name}\"; expected {string.Join(", ", Decoders.Keys.Select(k => $"\"{k}\""))}.");
            }
        }

        var maxShape = root["max_shape"] as JsonArray ?? throw new CheckpointException("ghn_config.max_shape is missing or not an array.");
        try
        {
            return new GhnConfig(
                Read<int>(root, "hid"),
                isGhn3 || root["layers"] is not null ? Read<int>(root, "layers") : 1,
                isGhn3 || root["heads"] is not null ? Read<int>(root, "heads") : 0,
                maxShape.Select(d => d?.GetValue<int>() ?? throw new CheckpointException("ghn_config.max_shape holds a null.")).ToArray(),
                Read<int>(root, "num_classes"),
                Read<bool>(root, "weight_norm"),
                Read<bool>(root, "ve"),
                Read<bool>(root, "layernorm"),
                architecture,
                decoder,
                root["rank"] is null ? 0 : Read<int>(root, "rank"));
        }
        catch (ArgumentException exception)
        {
            throw new CheckpointException($"ghn_config: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException)
        {
            throw new CheckpointException($"ghn_config.max_shape must hold integers ({exception.Message}).", exception);
        }
    }

    /// <summary>Serialises the configuration with the reference keys and <c>architecture</c> (and <c>decoder</c> unless it is the reference's, with a low-rank decoder's <c>rank</c>).</summary>
    public string ToJson()
    {
        var json = new JsonObject
        {
            ["max_shape"] = new JsonArray(MaxShape.Select(d => (JsonNode)d).ToArray()),
            ["num_classes"] = NumClasses,
            ["hid"] = Hid,
            ["layers"] = Layers,
            ["heads"] = Heads,
            ["weight_norm"] = WeightNorm,
            ["ve"] = Ve,
            ["layernorm"] = Layernorm,
            ["architecture"] = Architecture == GhnArchitecture.Ghn3 ? "ghn3" : "ghn2",
        };
        if (Decoder != GhnDecoder.Conv)
        {
            json["decoder"] = DecoderName(Decoder);
        }

        if (Decoder == GhnDecoder.LowRank)
        {
            json["rank"] = Rank;
        }

        return json.ToJsonString();
    }

    /// <inheritdoc />
    public override string ToString() => ToJson();

    /// <summary>The <c>decoder</c> key's value for <paramref name="decoder"/> (<c>conv</c>, <c>low_rank</c>, <c>conv_wide_linear</c>).</summary>
    public static string DecoderName(GhnDecoder decoder) => decoder switch
    {
        GhnDecoder.Conv => "conv",
        GhnDecoder.LowRank => "low_rank",
        GhnDecoder.ConvWideLinear => "conv_wide_linear",
        _ => throw new ArgumentOutOfRangeException(nameof(decoder), decoder, null),
    };

    private static T Read<T>(JsonObject root, string key)
    {
        var node = root[key] ?? throw new CheckpointException($"ghn_config is missing the key \"{key}\".");
        try
        {
            return node.GetValue<T>();
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException)
        {
            throw new CheckpointException($"ghn_config.{key} must be of type {typeof(T).Name.ToLowerInvariant()}, not {node.ToJsonString()}.", exception);
        }
    }

    private static void Require(bool condition, string key, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"{key} {message}.", key);
        }
    }
}
