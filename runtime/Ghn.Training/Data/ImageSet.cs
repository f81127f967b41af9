namespace Ghn.Training.Data;

/// <summary>
/// Labelled images kept as raw bytes (one byte per pixel and channel, channel after channel, each row-major), the way
/// IDX files store greyscale images: 60,000 Fashion-MNIST images take 47 MB this way against 188 MB as floats.
/// Batches are converted to normalised tensors on demand by <see cref="BatchSampler"/>.
/// </summary>
public sealed class ImageSet
{
    private readonly byte[] _pixels;
    private readonly byte[] _labels;

    /// <summary>Creates a set from raw pixels and labels.</summary>
    /// <exception cref="ArgumentException">The sizes do not agree or a label is not below <paramref name="classCount"/>.</exception>
    public ImageSet(byte[] pixels, byte[] labels, int height, int width, int classCount, int channels = 1)
    {
        if (height <= 0 || width <= 0 || classCount <= 0 || channels <= 0)
        {
            throw new ArgumentException($"Image size {channels}×{height}×{width} and class count {classCount} must be positive.");
        }

        if (pixels.Length != (long)labels.Length * channels * height * width)
        {
            throw new ArgumentException(
                $"{pixels.Length} pixels do not make {labels.Length} images of {channels}×{height}×{width}; images and labels do not belong together.");
        }

        var badLabel = Array.FindIndex(labels, l => l >= classCount);
        if (badLabel >= 0)
        {
            throw new ArgumentException($"Label {labels[badLabel]} of image {badLabel} is not below the class count {classCount}.");
        }

        _pixels = pixels;
        _labels = labels;
        Height = height;
        Width = width;
        ClassCount = classCount;
        Channels = channels;
    }

    /// <summary>Channels per image: 1 for greyscale, 3 for colour.</summary>
    public int Channels { get; }

    /// <summary>The number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>The number of classes; labels are 0 … <c>ClassCount - 1</c>.</summary>
    public int ClassCount { get; }

    /// <summary>Bytes per image: one per pixel and channel.</summary>
    public int PixelsPerImage => Channels * Height * Width;

    /// <summary>All pixels, image after image.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>All labels.</summary>
    public ReadOnlySpan<byte> Labels => _labels;

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Image(int index) => _pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);

    /// <summary>The label of image <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    /// <summary>How many images each class has.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[ClassCount];
        foreach (var label in _labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public ImageSet Select(IReadOnlyList<int> indices)
    {
        var pixels = new byte[indices.Count * PixelsPerImage];
        var labels = new byte[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * PixelsPerImage));
            labels[i] = _labels[indices[i]];
        }

        return new ImageSet(pixels, labels, Height, Width, ClassCount, Channels);
    }

    /// <summary>
    /// A seeded, class-balanced sample: <paramref name="perClass"/> images of every class, drawn without
    /// replacement and kept in their original order. This is how the committed subset was made.
    /// </summary>
    /// <exception cref="ArgumentException">A class has fewer than <paramref name="perClass"/> images.</exception>
    public ImageSet SampleBalanced(int perClass, int seed)
    {
        var chosen = StratifiedPermutation(seed).SelectMany(indices =>
            indices.Length >= perClass
                ? indices.Take(perClass)
                : throw new ArgumentException($"A class has only {indices.Length} images; {perClass} per class were requested."));
        return Select(chosen.Order().ToArray());
    }

    /// <summary>The indices of each class, shuffled with <paramref name="seed"/>.</summary>
    internal int[][] StratifiedPermutation(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, ClassCount)
            .Select(c => Enumerable.Range(0, Count).Where(i => _labels[i] == c).ToArray())
            .Select(indices =>
            {
                random.Shuffle(indices);
                return indices;
            })
            .ToArray();
    }
}
