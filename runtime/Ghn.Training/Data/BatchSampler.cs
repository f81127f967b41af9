namespace Ghn.Training.Data;

/// <summary>
/// Draws training batches endlessly: each epoch is a fresh seeded permutation of the set, cut into batches
/// of <see cref="BatchSize"/> (the tail that does not fill a batch is carried into the next epoch's
/// permutation rather than dropped or padded). The same seed gives the same batches, augmentation included.
/// A meta-trainer calls <see cref="Next"/> once per architecture of a meta-batch.
/// </summary>
public sealed class BatchSampler
{
    private readonly ImageSet _images;
    private readonly Normalization _normalization;
    private readonly Augmentation? _augmentation;
    private readonly Random _random;
    private readonly int[] _order;
    private int _position;

    /// <summary>Creates a sampler over <paramref name="images"/>.</summary>
    /// <param name="images">The images to draw from.</param>
    /// <param name="normalization">Usually <see cref="Normalization.Of"/> the training set.</param>
    /// <param name="batchSize">Images per batch, at most the number of images.</param>
    /// <param name="seed">Fixes the order and the augmentation.</param>
    /// <param name="augmentation">Augmentation to apply, or null for none.</param>
    public BatchSampler(ImageSet images, Normalization normalization, int batchSize, int seed, Augmentation? augmentation = null)
    {
        if (batchSize <= 0 || batchSize > images.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"The batch size must be between 1 and the number of images ({images.Count}).");
        }

        _images = images;
        _normalization = normalization;
        _augmentation = augmentation;
        BatchSize = batchSize;
        _random = new Random(seed);
        _order = Enumerable.Range(0, images.Count).ToArray();
        _position = _order.Length;
    }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; }

    /// <summary>How many images have been drawn so far.</summary>
    public long ImagesDrawn { get; private set; }

    /// <summary>The next batch; its tensors belong to the caller (or the caller's dispose scope).</summary>
    public ImageBatch Next()
    {
        var indices = new int[BatchSize];
        for (var i = 0; i < BatchSize; i++)
        {
            if (_position == _order.Length)
            {
                _random.Shuffle(_order);
                _position = 0;
            }

            indices[i] = _order[_position++];
        }

        ImagesDrawn += BatchSize;
        return ImageBatch.Create(_images, indices, _normalization, _augmentation, _random);
    }

    /// <summary>
    /// All of <paramref name="images"/> in order, without augmentation, in batches of
    /// <paramref name="batchSize"/> (the last one may be smaller): for evaluation.
    /// </summary>
    public static IEnumerable<ImageBatch> InOrder(ImageSet images, Normalization normalization, int batchSize)
    {
        if (batchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        }

        var indices = Enumerable.Range(0, images.Count).ToArray();
        for (var start = 0; start < images.Count; start += batchSize)
        {
            yield return ImageBatch.Create(images, indices.AsSpan(start, Math.Min(batchSize, images.Count - start)), normalization, null, Random.Shared);
        }
    }
}
