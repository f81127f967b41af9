namespace Ghn;

/// <summary>An image-classification task's shape: the image size and class count networks for it are built for.</summary>
/// <param name="Channels">Input channels.</param>
/// <param name="Height">Input height in pixels.</param>
/// <param name="Width">Input width in pixels.</param>
/// <param name="ClassCount">Outputs of the classifier.</param>
public sealed record TaskShape(int Channels, int Height, int Width, int ClassCount)
{
    /// <summary>Fashion-MNIST: 1×28×28 images, 10 classes.</summary>
    public static TaskShape FashionMnist { get; } = new(1, 28, 28, 10);

    /// <summary>The input shape of a batch of <paramref name="batchSize"/> images.</summary>
    public int[] InputShape(int batchSize) => [batchSize, Channels, Height, Width];

    /// <summary>For example <c>1×28×28 images, 10 classes</c>.</summary>
    public override string ToString() => $"{Channels}×{Height}×{Width} images, {ClassCount} classes";
}
