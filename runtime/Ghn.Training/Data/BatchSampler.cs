namespace Ghn.Training.Data;

/// <summary>
/// Draws training batches endlessly: each epoch is a fresh seeded permutation of the set, cut into batches
/// of <see cref="BatchSize"/> (the tail that does not fill a batch is carried into the next epoch's
/// permutation rather than dropped or padded). The same seed gives the same batches, augmentation included.
/// A meta-trainer calls <see cref="Next"/> once per architecture of a meta-batch. Batch <c>i</c> depends only on
/// the seed and <c>i</c> (each epoch's permutation and each batch's augmentation have their own derived seeds), so
/// a meta-trainer resumes by restoring <see cref="Position"/>.
/// </summary>
public sealed class BatchSampler
{
    private readonly ImageSet _images;
    private readonly Normalization _normalization;
    private readonly Augmentation? _augmentation;
    private readonly int _seed;
    private readonly int[] _order;
    private long _orderEpoch = -1;

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
        _seed = seed;
        _order = new int[images.Count];
    }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; }

    /// <summary>The index of the batch <see cref="Next"/> returns next (the number of batches drawn so far).</summary>
    public long Position { get; set; }

    /// <summary>How many images have been drawn so far.</summary>
    public long ImagesDrawn => Position * BatchSize;

    /// <summary>The next batch; its tensors belong to the caller (or the caller's dispose scope).</summary>
    public ImageBatch Next()
    {
        // Image k of the endless stream is entry k mod N of epoch k / N's permutation.
        var indices = new int[BatchSize];
        var first = Position * BatchSize;
        for (var i = 0; i < BatchSize; i++)
        {
            var epoch = Math.DivRem(first + i, _order.Length, out var offset);
            if (epoch != _orderEpoch)
            {
                Permute(epoch);
            }

            indices[i] = _order[offset];
        }

        var random = new Random(SeedMixing.Mix(_seed, Position));
        Position++;
        return ImageBatch.Create(_images, indices, _normalization, _augmentation, random);
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

    private void Permute(long epoch)
    {
        for (var i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        // Epoch seeds come from the negative indices, which batch seeds never use.
        new Random(SeedMixing.Mix(_seed, -1 - epoch)).Shuffle(_order);
        _orderEpoch = epoch;
    }
}
