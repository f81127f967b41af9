namespace Ghn.Training.Data;

/// <summary>
/// Loads Fashion-MNIST (Xiao et al., 2017): 28×28 greyscale images of garments in 10 classes, 60,000 for
/// training and 10,000 for testing, stored as four IDX files. Any IDX data of the same layout (the user's
/// own task) loads the same way through <see cref="Load"/>.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string InstalledDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Images per class in the committed training subset.</summary>
    public const int SubsetTrainPerClass = 200;

    /// <summary>Images per class in the committed test subset.</summary>
    public const int SubsetTestPerClass = 100;

    /// <summary>The seed with which the committed subset was drawn (see <c>Data/Subset/README.md</c>).</summary>
    public const int SubsetSeed = 20261127;

    internal const string TrainImages = "train-images-idx3-ubyte";
    internal const string TrainLabels = "train-labels-idx1-ubyte";
    internal const string TestImages = "t10k-images-idx3-ubyte";
    internal const string TestLabels = "t10k-labels-idx1-ubyte";

    private const string ResourcePrefix = "Ghn.Training.FashionMnistSubset.";

    /// <summary>The class names, by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// Loads the four IDX files (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
    /// <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each optionally with <c>.gz</c>) from
    /// <paramref name="directory"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message names it and says where to get it.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt or truncated, or images and labels disagree.</exception>
    public static ImageDataset Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"The dataset directory '{directory}' does not exist. Pass the directory that holds the four IDX files{InstallHint}.");
        }

        Stream Open(string name)
        {
            foreach (var candidate in new[] { name + ".gz", name })
            {
                var path = Path.Combine(directory, candidate);
                if (File.Exists(path))
                {
                    return File.OpenRead(path);
                }
            }

            throw new FileNotFoundException(
                $"'{name}' (or '{name}.gz') is missing from '{directory}'. The directory must hold the four IDX files " +
                $"{TrainImages}, {TrainLabels}, {TestImages} and {TestLabels}{InstallHint}.",
                Path.Combine(directory, name + ".gz"));
        }

        return Read(Open, $"Fashion-MNIST from {Path.GetFullPath(directory)}");
    }

    /// <summary>
    /// The installed dataset when <see cref="InstalledDirectory"/> holds it, otherwise the subset shipped
    /// inside this assembly (<see cref="SubsetTrainPerClass"/> training and <see cref="SubsetTestPerClass"/>
    /// test images per class). <see cref="ImageDataset.Source"/> says which.
    /// </summary>
    public static ImageDataset LoadDefault() =>
        File.Exists(Path.Combine(InstalledDirectory, TrainImages + ".gz")) ? Load(InstalledDirectory) : LoadSubset();

    /// <summary>The subset shipped inside this assembly, wherever the application runs.</summary>
    public static ImageDataset LoadSubset()
    {
        var assembly = typeof(FashionMnist).Assembly;
        return Read(
            name => assembly.GetManifestResourceStream(ResourcePrefix + name + ".gz")
                ?? throw new InvalidOperationException($"The embedded resource '{ResourcePrefix}{name}.gz' is missing from {assembly.GetName().Name}; the assembly was built without Data/Subset."),
            $"the Fashion-MNIST subset shipped in Ghn.Training ({SubsetTrainPerClass * ClassCount} training and {SubsetTestPerClass * ClassCount} test images)");
    }

    private static string InstallHint =>
        $" (on Debian: `apt-get install dataset-fashion-mnist` installs them to {InstalledDirectory}; FashionMnist.LoadSubset() gives the small shipped subset)";

    private static ImageDataset Read(Func<string, Stream> open, string source) =>
        new(ReadSet(open, TrainImages, TrainLabels), ReadSet(open, TestImages, TestLabels), source);

    private static ImageSet ReadSet(Func<string, Stream> open, string imagesName, string labelsName)
    {
        (int[] Dimensions, byte[] Data) images, labels;
        using (var stream = open(imagesName))
        {
            images = IdxFile.Read(stream, rank: 3, imagesName);
        }

        using (var stream = open(labelsName))
        {
            labels = IdxFile.Read(stream, rank: 1, labelsName);
        }

        if (images.Dimensions[0] != labels.Dimensions[0])
        {
            throw new InvalidDataException(
                $"'{imagesName}' holds {images.Dimensions[0]} images but '{labelsName}' {labels.Dimensions[0]} labels; the files do not belong together.");
        }

        var badLabel = Array.FindIndex(labels.Data, l => l >= ClassCount);
        if (badLabel >= 0)
        {
            throw new InvalidDataException($"'{labelsName}': label {labels.Data[badLabel]} at index {badLabel} is not a class 0–{ClassCount - 1}.");
        }

        return new ImageSet(images.Data, labels.Data, images.Dimensions[1], images.Dimensions[2], ClassCount);
    }
}
