namespace Ghn.Training.Data;

/// <summary>A training and a test set, and where they came from.</summary>
/// <param name="Train">The training images (hold a validation set out of them with <see cref="ValidationSplit.Create"/>).</param>
/// <param name="Test">The test images.</param>
/// <param name="Source">Where the data was loaded from, for logs: a directory or the shipped subset.</param>
public sealed record ImageDataset(ImageSet Train, ImageSet Test, string Source)
{
    /// <summary>The task the training images pose: their channels and size and the number of classes.</summary>
    public TaskShape Shape => new(Train.Channels, Train.Height, Train.Width, Train.ClassCount);

    /// <summary>Writes the four IDX files, gzip-compressed, into <paramref name="directory"/> (created when missing).</summary>
    public void Save(string directory)
    {
        if (Train.Channels != 1)
        {
            throw new InvalidOperationException($"IDX files hold greyscale images; these have {Train.Channels} channels.");
        }

        Directory.CreateDirectory(directory);
        Write(directory, FashionMnist.TrainImages, FashionMnist.TrainLabels, Train);
        Write(directory, FashionMnist.TestImages, FashionMnist.TestLabels, Test);
    }

    private static void Write(string directory, string imagesName, string labelsName, ImageSet set)
    {
        using (var images = File.Create(Path.Combine(directory, imagesName + ".gz")))
        {
            IdxFile.WriteCompressed(images, [set.Count, set.Height, set.Width], set.Pixels);
        }

        using var labels = File.Create(Path.Combine(directory, labelsName + ".gz"));
        IdxFile.WriteCompressed(labels, [set.Count], set.Labels);
    }
}
