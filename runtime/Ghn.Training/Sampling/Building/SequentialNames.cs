namespace Ghn.Training.Sampling.Building;

/// <summary>
/// Names the children of a TorchSharp <c>Sequential</c>: <c>features.0</c>, <c>features.1</c>, … in order.
/// Parameter-free modules (ReLU, pooling) take an index too, as they do in a real <c>Sequential</c>, so
/// sampled names look like the names of hand-written models (torchvision's VGG: <c>features.3.weight</c>).
/// </summary>
internal sealed class SequentialNames(string prefix)
{
    private int _next;

    /// <summary>The name of the next child.</summary>
    public string Next() => $"{prefix}.{_next++}";
}
