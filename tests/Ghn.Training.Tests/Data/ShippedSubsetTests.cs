using Ghn.Training.Data;

namespace Ghn.Training.Tests.Data;

public sealed class ShippedSubsetTests
{
    [Fact]
    public void The_subset_has_the_documented_counts_and_balanced_classes()
    {
        var subset = FashionMnist.LoadSubset();

        Assert.Equal(2000, subset.Train.Count);
        Assert.Equal(1000, subset.Test.Count);
        Assert.All(subset.Train.CountPerClass(), count => Assert.Equal(FashionMnist.SubsetTrainPerClass, count));
        Assert.All(subset.Test.CountPerClass(), count => Assert.Equal(FashionMnist.SubsetTestPerClass, count));
        Assert.Equal((28, 28), (subset.Test.Height, subset.Test.Width));
        Assert.Contains("subset", subset.Source);
    }

    [Fact]
    public void The_subset_looks_like_fashion_mnist()
    {
        // Full Fashion-MNIST training set: mean 0.2860, std 0.3530. A 2,000-image sample lands close.
        var statistics = Normalization.Of(FashionMnist.LoadSubset().Train);

        Assert.InRange(statistics.Mean, 0.27, 0.30);
        Assert.InRange(statistics.Std, 0.34, 0.37);
    }

    [InstalledDatasetFact]
    public void The_subset_is_reproduced_from_the_installed_dataset()
    {
        var full = FashionMnist.Load(FashionMnist.InstalledDirectory);
        var subset = FashionMnist.LoadSubset();

        Assert.Equal(full.Train.SampleBalanced(FashionMnist.SubsetTrainPerClass, FashionMnist.SubsetSeed).Pixels.ToArray(), subset.Train.Pixels.ToArray());
        Assert.Equal(full.Test.SampleBalanced(FashionMnist.SubsetTestPerClass, FashionMnist.SubsetSeed).Labels.ToArray(), subset.Test.Labels.ToArray());
    }

    [InstalledDatasetFact]
    public void The_installed_dataset_is_the_default_and_has_its_published_statistics()
    {
        var dataset = FashionMnist.LoadDefault();
        var statistics = Normalization.Of(dataset.Train);

        Assert.Equal((60000, 10000), (dataset.Train.Count, dataset.Test.Count));
        Assert.Contains(FashionMnist.InstalledDirectory, dataset.Source);
        Assert.Equal(0.2860, statistics.Mean, 0.0005);
        Assert.Equal(0.3530, statistics.Std, 0.0005);
    }
}

/// <summary>A fact that runs only where <c>dataset-fashion-mnist</c> is installed.</summary>
internal sealed class InstalledDatasetFactAttribute : FactAttribute
{
    public InstalledDatasetFactAttribute()
    {
        if (!File.Exists(Path.Combine(FashionMnist.InstalledDirectory, "train-images-idx3-ubyte.gz")))
        {
            Skip = $"Fashion-MNIST is not installed at {FashionMnist.InstalledDirectory} (apt-get install dataset-fashion-mnist).";
        }
    }
}
