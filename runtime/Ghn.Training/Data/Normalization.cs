namespace Ghn.Training.Data;

/// <summary>Per-pixel normalisation <c>(x / 255 - Mean) / Std</c>, with statistics taken from a training set.</summary>
/// <param name="Mean">Mean pixel intensity in [0, 1].</param>
/// <param name="Std">Standard deviation of the pixel intensity.</param>
public readonly record struct Normalization(float Mean, float Std)
{
    /// <summary>The mean and standard deviation of all pixels of <paramref name="images"/> (for the full Fashion-MNIST training set ≈ 0.286 and 0.353).</summary>
    public static Normalization Of(ImageSet images)
    {
        if (images.Count == 0)
        {
            throw new ArgumentException("Normalisation statistics need at least one image.", nameof(images));
        }

        // Exact integer sums: 47 M pixels would lose precision in a float accumulator.
        long sum = 0, sumOfSquares = 0;
        foreach (var pixel in images.Pixels)
        {
            sum += pixel;
            sumOfSquares += pixel * pixel;
        }

        double count = images.Pixels.Length;
        var mean = sum / count;
        var variance = (sumOfSquares / count) - (mean * mean);
        return new Normalization((float)(mean / 255), (float)(Math.Sqrt(variance) / 255));
    }

    /// <summary>The normalised value of a raw pixel.</summary>
    public float Apply(byte pixel) => ((pixel / 255f) - Mean) / Std;
}
