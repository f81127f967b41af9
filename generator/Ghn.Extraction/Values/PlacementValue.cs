namespace Ghn.Extraction.Values;

/// <summary>A device (<c>x.device</c>, <c>torch.CUDA</c>, <c>new Device("cuda")</c>): where a model lives is not part of its architecture.</summary>
internal sealed class PlacementValue
{
    public static readonly PlacementValue Instance = new();

    private PlacementValue()
    {
    }
}
