using Ghn.Training.Data;

namespace Ghn.Training.Tests.Data;

public sealed class BatchSamplerPositionTests
{
    [Fact]
    public void Seeking_to_a_position_gives_the_batch_drawn_there_in_sequence()
    {
        var images = FashionMnist.LoadSubset().Train;
        var normalization = Normalization.Of(images);
        // 2,000 images in batches of 300: batch 7 spans the first and second epochs' permutations.
        var sequential = new BatchSampler(images, normalization, 300, seed: 9, Augmentation.Default);
        for (var i = 0; i < 7; i++)
        {
            sequential.Next().Dispose();
        }

        var seeking = new BatchSampler(images, normalization, 300, seed: 9, Augmentation.Default) { Position = 7 };
        using var expected = sequential.Next();
        using var actual = seeking.Next();

        Assert.True(actual.Images.equal(expected.Images).all().item<bool>());
        Assert.True(actual.Labels.equal(expected.Labels).all().item<bool>());
        Assert.Equal(8 * 300, seeking.ImagesDrawn);
    }

    [Fact]
    public void Every_image_appears_once_per_epoch()
    {
        var images = FashionMnist.LoadSubset().Train;
        var sampler = new BatchSampler(images, new Normalization(0, 1), 500, seed: 2);
        var labels = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            using var batch = sampler.Next();
            labels.AddRange(batch.Labels.data<long>().ToArray());
        }

        Assert.Equal(images.CountPerClass().Select(c => (long)c), Enumerable.Range(0, 10).Select(c => labels.LongCount(l => l == c)));
    }
}
