using TorchSharp;
using static TorchSharp.torch;

namespace Ghn.Training.Data;

/// <summary>A batch of normalised images <c>[N, C, H, W]</c> (float32) and their labels <c>[N]</c> (int64).</summary>
public sealed class ImageBatch : IDisposable
{
    internal ImageBatch(Tensor images, Tensor labels)
    {
        Images = images;
        Labels = labels;
    }

    /// <summary>The images, shape <c>[N, C, H, W]</c>.</summary>
    public Tensor Images { get; }

    /// <summary>The class labels, shape <c>[N]</c>, int64 as <c>cross_entropy</c> expects.</summary>
    public Tensor Labels { get; }

    /// <summary>The number of images.</summary>
    public int Count => (int)Labels.shape[0];

    /// <summary>Creates a batch from the images at <paramref name="indices"/>, augmented when <paramref name="augmentation"/> is given.</summary>
    internal static ImageBatch Create(ImageSet set, ReadOnlySpan<int> indices, Normalization normalization, Augmentation? augmentation, Random random)
    {
        var pixelsPerImage = set.PixelsPerImage;
        var values = new float[indices.Length * pixelsPerImage];
        var labels = new long[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            var image = set.Image(indices[i]);
            var destination = values.AsSpan(i * pixelsPerImage, pixelsPerImage);
            if (augmentation is null)
            {
                for (var p = 0; p < pixelsPerImage; p++)
                {
                    destination[p] = normalization.Apply(image[p]);
                }
            }
            else
            {
                augmentation.Apply(image, set.Channels, set.Height, set.Width, normalization, random, destination);
            }

            labels[i] = set.Label(indices[i]);
        }

        return new ImageBatch(
            torch.tensor(values, [indices.Length, set.Channels, set.Height, set.Width]),
            torch.tensor(labels, [indices.Length]));
    }

    /// <summary>Disposes both tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
