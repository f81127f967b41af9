using Ghn.Training.Data;

namespace Ghn.Training.Tests.Data;

public sealed class FashionMnistLoaderTests : IDisposable
{
    private readonly string _directory = IdxFiles.WriteDataset(trainCount: 30, testCount: 20);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Well_formed_files_load_with_their_counts_labels_and_pixels()
    {
        var dataset = FashionMnist.Load(_directory);

        Assert.Equal(30, dataset.Train.Count);
        Assert.Equal(20, dataset.Test.Count);
        Assert.Equal((28, 28), (dataset.Train.Height, dataset.Train.Width));
        Assert.Equal(IdxFiles.Labels(30), dataset.Train.Labels.ToArray());
        Assert.Equal(IdxFiles.Images(20), dataset.Test.Pixels.ToArray());
        Assert.Contains(Path.GetFullPath(_directory), dataset.Source);
    }

    [Fact]
    public void Uncompressed_files_load_too()
    {
        var path = Path.Combine(_directory, "t10k-labels-idx1-ubyte");
        File.WriteAllBytes(path, IdxFiles.Raw(1, [20], IdxFiles.Labels(20)));
        File.Delete(path + ".gz");

        Assert.Equal(IdxFiles.Labels(20), FashionMnist.Load(_directory).Test.Labels.ToArray());
    }

    [Fact]
    public void A_missing_file_is_named_with_the_fix()
    {
        File.Delete(Path.Combine(_directory, "train-labels-idx1-ubyte.gz"));

        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(_directory));
        Assert.Contains("train-labels-idx1-ubyte", error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void A_missing_directory_is_reported()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Load(Path.Combine(_directory, "nowhere")));
        Assert.Contains("nowhere", error.Message);
    }

    [Fact]
    public void A_wrong_magic_number_is_reported()
    {
        // A labels file (rank 1) where the images file (rank 3) belongs.
        File.WriteAllBytes(Path.Combine(_directory, "train-images-idx3-ubyte.gz"), IdxFiles.Gzip(IdxFiles.Raw(1, [30], IdxFiles.Labels(30))));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_directory));
        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.Contains("magic number 0x00000801, expected 0x00000803", error.Message);
    }

    [Fact]
    public void Data_shorter_than_the_header_declares_is_reported_as_truncated()
    {
        var images = IdxFiles.Images(30);
        File.WriteAllBytes(Path.Combine(_directory, "train-images-idx3-ubyte.gz"), IdxFiles.Gzip(IdxFiles.Raw(3, [30, 28, 28], images[..^100])));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_directory));
        Assert.Contains("'train-images-idx3-ubyte' is truncated", error.Message);
        Assert.Contains("30×28×28 = 23520 values but 23420 follow", error.Message);
    }

    [Fact]
    public void A_truncated_gzip_file_is_reported()
    {
        var path = Path.Combine(_directory, "t10k-images-idx3-ubyte.gz");
        var compressed = File.ReadAllBytes(path);
        File.WriteAllBytes(path, compressed[..(compressed.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_directory));
        Assert.Contains("t10k-images-idx3-ubyte", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Images_and_labels_of_different_counts_are_rejected()
    {
        File.WriteAllBytes(Path.Combine(_directory, "t10k-labels-idx1-ubyte.gz"), IdxFiles.Gzip(IdxFiles.Raw(1, [19], IdxFiles.Labels(19))));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(_directory));
        Assert.Contains("holds 20 images but 't10k-labels-idx1-ubyte' 19 labels", error.Message);
    }

    [Fact]
    public void A_saved_dataset_loads_back_identically()
    {
        var original = FashionMnist.Load(_directory);
        var copy = Directory.CreateTempSubdirectory("ghn-idx-copy-").FullName;
        try
        {
            original.Save(copy);
            var reloaded = FashionMnist.Load(copy);

            Assert.Equal(original.Train.Pixels.ToArray(), reloaded.Train.Pixels.ToArray());
            Assert.Equal(original.Test.Labels.ToArray(), reloaded.Test.Labels.ToArray());
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
