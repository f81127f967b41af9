namespace Ghn.Training.Data;

/// <summary>What <c>--data</c> names: nothing (Fashion-MNIST), a folder of the four IDX files, or an image folder.</summary>
public static class Datasets
{
    /// <summary>Loads the dataset in <paramref name="directory"/>; <paramref name="imageSize"/> resizes an image folder's images.</summary>
    /// <exception cref="InvalidDataException">The folder holds neither IDX files nor an image dataset; the message says which files are missing.</exception>
    public static ImageDataset Load(string? directory, int? imageSize, TextWriter? log = null)
    {
        if (directory is null)
        {
            return imageSize is null ? FashionMnist.LoadDefault() : throw new ArgumentException("--image-size applies to an image folder given with --data.");
        }

        if (ImageFolder.IsImageFolder(directory))
        {
            return ImageFolder.Load(directory, imageSize, log);
        }

        return imageSize is null ? FashionMnist.Load(directory) : throw new ArgumentException($"--image-size applies to an image folder; {directory} holds no images.");
    }

    /// <summary>The <c>--data</c> option's description.</summary>
    public const string Description =
        "The data: a folder of the four IDX files (the MNIST layout), or an image folder (one subfolder per class, under train/ and val/ or directly; PNG/JPEG; greyscale or colour); default: Fashion-MNIST.";
}
