using Ghn.Training.Data;

namespace Ghn.Training.Tests.Data;

public sealed class PreparationTests
{
    private static readonly ImageSet Subset = FashionMnist.LoadSubset().Train;

    [Fact]
    public void Normalisation_statistics_are_those_of_the_pixels()
    {
        // Two black and two white 2×2 images: mean 0.5, std 0.5.
        var pixels = Enumerable.Repeat((byte)0, 2 * 4).Concat(Enumerable.Repeat((byte)255, 2 * 4)).ToArray();
        var set = new ImageSet(pixels, [0, 1, 0, 1], 2, 2, 2);

        var statistics = Normalization.Of(set);

        Assert.Equal(0.5f, statistics.Mean, 1e-6f);
        Assert.Equal(0.5f, statistics.Std, 1e-6f);
        Assert.Equal(-1f, statistics.Apply(0), 1e-6f);
        Assert.Equal(1f, statistics.Apply(255), 1e-6f);
    }

    [Fact]
    public void The_validation_split_is_fixed_by_seed_disjoint_and_stratified()
    {
        var first = ValidationSplit.Create(Subset, 0.1, seed: 7);
        var again = ValidationSplit.Create(Subset, 0.1, seed: 7);
        var other = ValidationSplit.Create(Subset, 0.1, seed: 8);

        Assert.Equal(first.Validation.Pixels.ToArray(), again.Validation.Pixels.ToArray());
        Assert.NotEqual(first.Validation.Pixels.ToArray(), other.Validation.Pixels.ToArray());
        Assert.Equal(Subset.Count, first.Train.Count + first.Validation.Count);
        Assert.All(first.Validation.CountPerClass(), count => Assert.Equal(20, count));

        var trainImages = Enumerable.Range(0, first.Train.Count).Select(i => Convert.ToBase64String(first.Train.Image(i))).ToHashSet();
        Assert.DoesNotContain(Enumerable.Range(0, first.Validation.Count), i => trainImages.Contains(Convert.ToBase64String(first.Validation.Image(i))));
    }

    [Fact]
    public void Batches_are_normalised_tensors_of_the_requested_shape()
    {
        var normalization = Normalization.Of(Subset);
        using var batch = new BatchSampler(Subset, normalization, batchSize: 2000, seed: 1).Next();

        Assert.Equal([2000L, 1, 28, 28], batch.Images.shape);
        Assert.Equal(TorchSharp.torch.ScalarType.Float32, batch.Images.dtype);
        Assert.Equal(TorchSharp.torch.ScalarType.Int64, batch.Labels.dtype);
        // One full epoch without augmentation: exactly zero mean, unit variance.
        Assert.Equal(0.0, batch.Images.mean().item<float>(), 1e-4);
        Assert.Equal(1.0, batch.Images.std().item<float>(), 1e-3);
        Assert.Equal(Enumerable.Repeat(200L, 10), batch.Labels.bincount(null).data<long>().ToArray());
    }

    [Fact]
    public void Batches_are_reproducible_by_seed_augmentation_included()
    {
        var normalization = Normalization.Of(Subset);
        var first = new BatchSampler(Subset, normalization, 64, seed: 3, Augmentation.Default);
        var again = new BatchSampler(Subset, normalization, 64, seed: 3, Augmentation.Default);
        var other = new BatchSampler(Subset, normalization, 64, seed: 4, Augmentation.Default);

        for (var step = 0; step < 40; step++)
        {
            using var a = first.Next();
            using var b = again.Next();
            using var c = other.Next();
            Assert.True(a.Images.equal(b.Images).all().item<bool>());
            Assert.True(a.Labels.equal(b.Labels).all().item<bool>());
            Assert.False(a.Images.equal(c.Images).all().item<bool>());
        }

        Assert.Equal(40 * 64, first.ImagesDrawn);
    }

    [Fact]
    public void Augmentation_shifts_and_flips_but_keeps_pixels_and_labels()
    {
        // One image whose only bright pixel is at row 10, column 3.
        var pixels = new byte[28 * 28];
        pixels[(10 * 28) + 3] = 255;
        var set = new ImageSet(pixels, [4], 28, 28, 10);
        var normalization = new Normalization(0, 1);
        var sampler = new BatchSampler(set, normalization, 1, seed: 5, new Augmentation(CropPadding: 2, HorizontalFlip: true));

        var positions = new HashSet<(int Row, int Column)>();
        for (var draw = 0; draw < 200; draw++)
        {
            using var batch = sampler.Next();
            var values = batch.Images.data<float>().ToArray();
            var bright = Array.IndexOf(values, 1f);
            Assert.Equal(1, values.Count(v => v == 1f));
            Assert.Equal(4, batch.Labels.item<long>());
            positions.Add((bright / 28, bright % 28));
        }

        Assert.All(positions, p => Assert.InRange(p.Row, 8, 12));
        Assert.All(positions, p => Assert.True(p.Column is >= 1 and <= 5 or >= 22 and <= 26, $"column {p.Column}"));
        Assert.Contains(positions, p => p.Column >= 22);
        Assert.Contains(positions, p => p.Column <= 5);
    }

    [Fact]
    public void In_order_covers_every_image_once_with_a_smaller_last_batch()
    {
        var test = FashionMnist.LoadSubset().Test;
        var batches = BatchSampler.InOrder(test, Normalization.Of(Subset), 384).ToList();
        try
        {
            Assert.Equal([384, 384, 232], batches.Select(b => b.Count));
            Assert.Equal(test.Labels.ToArray().Select(l => (long)l), batches.SelectMany(b => b.Labels.data<long>().ToArray()));
        }
        finally
        {
            batches.ForEach(b => b.Dispose());
        }
    }
}
