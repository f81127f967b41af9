namespace Ghn.Extraction.Values;

/// <summary>
/// A tensor the constructor builds (<c>torch.zeros(1, 17, 32)</c>, a <c>Parameter</c>, a sinusoidal table): its values
/// are the model's own and stay out of the graph; its shape is what registration needs, null when the constructor's
/// ops on it cannot be followed.
/// </summary>
internal sealed class ModelTensor(int[]? shape, bool isParameter = false)
{
    public int[]? Shape { get; } = shape;

    /// <summary>True for a <c>Parameter</c> (registered as a parameter, not a buffer).</summary>
    public bool IsParameter { get; } = isParameter;
}
