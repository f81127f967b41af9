using System.Globalization;
using System.Text.Json;

namespace Ghn.Graphs;

/// <summary>
/// Reads the graph files <see cref="ArchitectureGraph.ToJson"/> and <see cref="PrimitiveGraph.ToJson"/> write, with
/// System.Text.Json. Graphs are read only outside the compiler (the generator emits them as code), so the reader lives
/// here and <c>Ghn.Graphs</c> keeps only the writer it needs inside the compiler.
/// </summary>
public static class GraphJson
{
    /// <summary>Parses <c>ghn-architecture-graph/1</c> JSON.</summary>
    /// <exception cref="GraphFormatException">The text is not valid JSON or not a valid graph; the message says where.</exception>
    public static ArchitectureGraph ReadArchitectureGraph(string json)
    {
        using var document = Parse(json);
        var nodes = Nodes(document.RootElement, ArchitectureGraph.Format).Select(ReadNode).ToArray();
        return new ArchitectureGraph(nodes);
    }

    /// <summary>Parses <c>ghn-primitive-graph/1</c> JSON.</summary>
    /// <exception cref="GraphFormatException">The text is not valid JSON or not a valid graph; the message says where.</exception>
    public static PrimitiveGraph ReadPrimitiveGraph(string json)
    {
        using var document = Parse(json);
        var root = document.RootElement;
        var nodes = Nodes(root, PrimitiveGraph.Format).Select((node, index) =>
        {
            var what = $"nodes[{index}]";
            var typeName = String(Get(node, "type", what), $"{what}.type");
            if (!PrimitiveTypes.TryParse(typeName, out var type))
            {
                throw new GraphFormatException($"{what}: unknown primitive type \"{typeName}\".");
            }

            var classifier = Find(node, "classifier") is { } role
                ? String(role, $"{what}.classifier") switch
                {
                    "weight" => ClassifierRole.Weight,
                    "bias" => ClassifierRole.Bias,
                    var other => throw new GraphFormatException($"{what}.classifier must be \"weight\" or \"bias\", not \"{other}\"."),
                }
                : ClassifierRole.None;
            return new PrimitiveNode(
                Int32(Get(node, "id", what), $"{what}.id"),
                type,
                Find(node, "param") is { } param ? String(param, $"{what}.param") : null,
                Find(node, "shape") is { } shape ? Int32Array(shape, $"{what}.shape") : null,
                classifier);
        }).ToArray();
        var edges = Array(Get(root, "edges", "The graph"), "\"edges\"").Select((edge, index) =>
        {
            var pair = Int32Array(edge, $"edges[{index}]");
            return pair.Length == 2 ? (pair[0], pair[1]) : throw new GraphFormatException($"edges[{index}] must be [source, target].");
        }).ToArray();
        return new PrimitiveGraph(nodes, edges);
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new GraphFormatException($"Invalid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {e.Message}", e);
        }
    }

    /// <summary>The <c>nodes</c> of a graph file of <paramref name="format"/>.</summary>
    private static IEnumerable<JsonElement> Nodes(JsonElement root, string format)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new GraphFormatException("The graph must be a JSON object.");
        }

        var actual = String(Get(root, "format", "The graph"), "\"format\"");
        return actual == format
            ? Array(Get(root, "nodes", "The graph"), "\"nodes\"")
            : throw new GraphFormatException($"Unsupported graph format \"{actual}\"; expected \"{format}\".");
    }

    private static OpNode ReadNode(JsonElement node, int index)
    {
        var what = $"nodes[{index}]";
        var opName = String(Get(node, "op", what), $"{what}.op");
        if (!OpKinds.TryParse(opName, out var kind))
        {
            throw new GraphFormatException($"{what}: unknown op \"{opName}\".");
        }

        var attributes = Find(node, "attrs") is { } attrs
            ? Object(attrs, $"{what}.attrs").Select(a => new KeyValuePair<string, AttributeValue>(a.Name, Attribute(a.Value, $"{what}.attrs.{a.Name}"))).ToArray()
            : null;
        return new OpNode(
            Int32(Get(node, "id", what), $"{what}.id"),
            kind,
            Find(node, "inputs") is { } inputs ? Int32Array(inputs, $"{what}.inputs") : null,
            attributes,
            Tensors(Find(node, "params"), $"{what}.params"),
            Tensors(Find(node, "buffers"), $"{what}.buffers"),
            Find(node, "module") is { } module ? String(module, $"{what}.module") : null);
    }

    private static TensorSpec[]? Tensors(JsonElement? tensors, string what) =>
        tensors is { } array
            ? Array(array, what).Select((tensor, i) => new TensorSpec(
                String(Get(tensor, "name", $"{what}[{i}]"), $"{what}[{i}].name"),
                Int32Array(Get(tensor, "shape", $"{what}[{i}]"), $"{what}[{i}].shape"))).ToArray()
            : null;

    /// <summary>An attribute: an integer, a number (written with a decimal point or exponent), a flag, a string or a list of integers.</summary>
    private static AttributeValue Attribute(JsonElement value, string what) => value.ValueKind switch
    {
        JsonValueKind.Number when IsIntegerLiteral(value) => AttributeValue.Of(Int32(value, what)),
        JsonValueKind.Number => AttributeValue.Of(value.GetDouble()),
        JsonValueKind.True or JsonValueKind.False => AttributeValue.Of(value.GetBoolean()),
        JsonValueKind.String => AttributeValue.Of(value.GetString()!),
        JsonValueKind.Array => AttributeValue.Of(Int32Array(value, what)),
        _ => throw new GraphFormatException($"{what} must be a number, a flag, a string or a list of integers."),
    };

    private static bool IsIntegerLiteral(JsonElement number) => number.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0;

    private static JsonElement Get(JsonElement element, string name, string what) =>
        Find(element, name) ?? throw new GraphFormatException($"{what} has no \"{name}\".");

    private static JsonElement? Find(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static IEnumerable<JsonProperty> Object(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : throw new GraphFormatException($"{what} must be a JSON object.");

    private static IEnumerable<JsonElement> Array(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw new GraphFormatException($"{what} must be a JSON array.");

    private static string String(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new GraphFormatException($"{what} must be a string.");

    private static int Int32(JsonElement element, string what) =>
        element.ValueKind != JsonValueKind.Number ? throw new GraphFormatException($"{what} must be a number.")
        : element.TryGetInt32(out var value) ? value
        : throw new GraphFormatException($"{what} must be an integer, not {element.GetDouble().ToString(CultureInfo.InvariantCulture)}.");

    private static int[] Int32Array(JsonElement element, string what) =>
        Array(element, what).Select((item, i) => Int32(item, $"{what}[{i}]")).ToArray();
}
