namespace Ghn.Training.Data;

/// <summary>
/// Light augmentation for Fashion-MNIST: a random crop of the image zero-padded by <see cref="CropPadding"/>
/// pixels (a shift of up to that many pixels) and a random horizontal flip. Both preserve the class of a
/// garment (a mirrored shoe is still a shoe); vertical flips and rotations would not, so they are not offered.
/// </summary>
/// <param name="CropPadding">Maximum shift in pixels along each axis; 0 disables the crop.</param>
/// <param name="HorizontalFlip">Whether half of the images are mirrored left to right.</param>
public sealed record Augmentation(int CropPadding = 2, bool HorizontalFlip = true)
{
    /// <summary>The default for Fashion-MNIST: shifts of up to 2 pixels and horizontal flips.</summary>
    public static Augmentation Default { get; } = new();

    /// <summary>
    /// Writes the normalised, augmented image into <paramref name="destination"/>. Pixels shifted in from
    /// outside the image are black (raw 0), as zero padding of the raw image would make them.
    /// </summary>
    internal void Apply(ReadOnlySpan<byte> image, int channels, int height, int width, Normalization normalization, Random random, Span<float> destination)
    {
        // One shift and one flip for the whole image: every channel moves together.
        var shiftY = CropPadding == 0 ? 0 : random.Next(-CropPadding, CropPadding + 1);
        var shiftX = CropPadding == 0 ? 0 : random.Next(-CropPadding, CropPadding + 1);
        var flip = HorizontalFlip && random.Next(2) == 1;
        var black = normalization.Apply(0);
        var plane = height * width;
        for (var c = 0; c < channels; c++)
        {
            var source = image.Slice(c * plane, plane);
            var target = destination.Slice(c * plane, plane);
            for (var y = 0; y < height; y++)
            {
                var sourceY = y + shiftY;
                for (var x = 0; x < width; x++)
                {
                    var sourceX = (flip ? width - 1 - x : x) + shiftX;
                    target[(y * width) + x] = sourceY >= 0 && sourceY < height && sourceX >= 0 && sourceX < width
                        ? normalization.Apply(source[(sourceY * width) + sourceX])
                        : black;
                }
            }
        }
    }
}
