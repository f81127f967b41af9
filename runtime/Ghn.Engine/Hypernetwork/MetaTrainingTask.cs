using System.Text.Json.Nodes;

namespace Ghn;

/// <summary>
/// The image task a GHN was meta-trained on, recorded in its checkpoint (<c>ghn_task</c> in the safetensors
/// <c>__metadata__</c>): the shape of the networks it saw and where their images came from. Reference checkpoints do
/// not record one.
/// </summary>
/// <param name="Shape">The images' channels and size and the number of classes.</param>
/// <param name="Data">Where the images came from, as the trainer described them.</param>
public sealed record MetaTrainingTask(TaskShape Shape, string Data)
{
    /// <summary>The <c>__metadata__</c> key it is stored under.</summary>
    public const string MetadataKey = "ghn_task";

    /// <summary>The task as JSON: <c>{"channels":1,"height":28,"width":28,"classes":10,"data":"..."}</c>.</summary>
    public string ToJson() => new JsonObject
    {
        ["channels"] = Shape.Channels,
        ["height"] = Shape.Height,
        ["width"] = Shape.Width,
        ["classes"] = Shape.ClassCount,
        ["data"] = Data,
    }.ToJsonString();

    /// <summary>Reads the JSON <see cref="ToJson"/> writes; null when it is not a task (a checkpoint is usable without one).</summary>
    public static MetaTrainingTask? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject task
                && Positive(task, "channels") is { } channels && Positive(task, "height") is { } height
                && Positive(task, "width") is { } width && Positive(task, "classes") is { } classes
                ? new MetaTrainingTask(new TaskShape(channels, height, width, classes), (string?)task["data"] ?? "")
                : null;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>For example <c>1×28×28 images, 10 classes (Fashion-MNIST from /usr/share/...)</c>.</summary>
    public override string ToString() => $"{Shape} ({Data})";

    private static int? Positive(JsonObject json, string name) => json[name] is JsonValue value && value.TryGetValue<int>(out var number) && number > 0 ? number : null;
}
