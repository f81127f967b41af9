using System.Diagnostics;
using SkiaSharp;

namespace Ghn.Training.Data;

/// <summary>
/// A dataset laid out as folders of images, one subfolder per class (the ImageFolder layout): <c>train/</c> and
/// <c>val/</c> (or <c>test/</c>) below the root, or the class folders directly, split reproducibly. PNG, JPEG, BMP,
/// GIF and WebP files are decoded with SkiaSharp, in parallel, and resized to one size; the images are greyscale when
/// every one of them is, colour (3 channels) otherwise.
/// </summary>
public static class ImageFolder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" };

    /// <summary>The share of images held out as the test split when the folder has no train/val split of its own.</summary>
    public const double TestFraction = 1.0 / 6;

    /// <summary>Whether <paramref name="directory"/> holds an image dataset rather than IDX files.</summary>
    public static bool IsImageFolder(string directory) =>
        Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Any(f => Extensions.Contains(Path.GetExtension(f)));

    /// <summary>Loads the dataset, every image resized to <paramref name="imageSize"/>×<paramref name="imageSize"/> (default: the first image's size).</summary>
    /// <param name="directory">The root folder.</param>
    /// <param name="imageSize">The side the images are resized to, or null to require them to share a size.</param>
    /// <param name="log">Where the loading speed is reported (images per second).</param>
    /// <exception cref="InvalidDataException">The layout is not an image folder, an image cannot be decoded, or sizes differ without <paramref name="imageSize"/>; the message names the file.</exception>
    public static ImageDataset Load(string directory, int? imageSize = null, TextWriter? log = null)
    {
        var train = FindSplit(directory, "train");
        var test = FindSplit(directory, "val") ?? FindSplit(directory, "test");
        if ((train is null) != (test is null))
        {
            throw new InvalidDataException($"{directory} has a {(train is null ? "val/test" : "train")} folder but no {(train is null ? "train" : "val or test")} folder; give both, or only the class folders.");
        }

        var classes = ClassNames(train ?? directory);
        var trainFiles = Files(train ?? directory, classes);
        var testFiles = test is null ? null : Files(test, classes);
        if (testFiles is null)
        {
            // A seeded split by file name, so that the same folder always splits the same way.
            var shuffled = trainFiles.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
            new Random(0).Shuffle(shuffled);
            var held = (int)Math.Max(1, Math.Round(shuffled.Length * TestFraction));
            (testFiles, trainFiles) = (shuffled[..held], shuffled[held..]);
        }

        var stopwatch = Stopwatch.StartNew();
        var decoded = Decode([.. trainFiles, .. testFiles], imageSize);
        var size = decoded[0].Bitmap.Width;
        var channels = decoded.All(d => d.IsGreyscale) ? 1 : 3;
        var (trainSet, testSet) = (ToSet(decoded[..trainFiles.Length], classes.Length, size, channels), ToSet(decoded[trainFiles.Length..], classes.Length, size, channels));
        foreach (var image in decoded)
        {
            image.Bitmap.Dispose();
        }

        log?.WriteLine($"decoded {decoded.Length:N0} images of {classes.Length} classes from {directory} in {stopwatch.Elapsed.TotalSeconds:F1} s ({decoded.Length / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-6):N0} images/s), {channels}×{size}×{size}");
        return new ImageDataset(trainSet, testSet, $"{directory} ({string.Join(", ", classes)})");
    }

    private static string? FindSplit(string directory, string name) =>
        Directory.Exists(Path.Combine(directory, name)) ? Path.Combine(directory, name) : null;

    private static string[] ClassNames(string directory)
    {
        var classes = Directory.GetDirectories(directory).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray();
        return classes.Length is >= 2 and <= 256
            ? classes
            : throw new InvalidDataException($"{directory} must hold one subfolder per class (2 to 256 of them), not {classes.Length}.");
    }

    private static (string Path, byte Label)[] Files(string directory, string[] classes)
    {
        var files = classes.SelectMany((name, label) =>
        {
            var folder = Path.Combine(directory, name);
            return Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal).Select(f => (f, (byte)label))
                : throw new InvalidDataException($"{directory} has no folder for the class '{name}', which the training split has.");
        }).ToArray();
        return files.Length > 0 ? files : throw new InvalidDataException($"{directory} holds no images (PNG, JPEG, BMP, GIF or WebP).");
    }

    private sealed record DecodedImage(SKBitmap Bitmap, byte Label, bool IsGreyscale);

    private static DecodedImage[] Decode((string Path, byte Label)[] files, int? imageSize)
    {
        var images = new DecodedImage[files.Length];
        Parallel.For(0, files.Length, i =>
        {
            using var original = SKBitmap.Decode(files[i].Path)
                ?? throw new InvalidDataException($"{files[i].Path} is not an image SkiaSharp can decode; remove or replace it.");
            var side = imageSize ?? original.Width;
            if (imageSize is null && (original.Width != original.Height))
            {
                throw new InvalidDataException($"{files[i].Path} is {original.Width}×{original.Height}, not square; pass --image-size to resize every image to one size.");
            }

            var resized = original.Resize(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear))
                ?? throw new InvalidDataException($"{files[i].Path} cannot be resized to {side}×{side}.");
            images[i] = new DecodedImage(resized, files[i].Label, IsGreyscale(resized));
        });

        var sizes = images.Select(d => d.Bitmap.Width).Distinct().ToArray();
        return sizes.Length == 1
            ? images
            : throw new InvalidDataException($"The images have {sizes.Length} different sizes ({string.Join(", ", sizes.Take(3))}, ...); pass --image-size to resize every image to one size.");
    }

    private static bool IsGreyscale(SKBitmap bitmap)
    {
        var pixels = bitmap.Pixels;
        return pixels.All(p => p.Red == p.Green && p.Green == p.Blue);
    }

    private static ImageSet ToSet(DecodedImage[] images, int classCount, int size, int channels)
    {
        var plane = size * size;
        var pixels = new byte[images.Length * channels * plane];
        var labels = new byte[images.Length];
        for (var i = 0; i < images.Length; i++)
        {
            var colours = images[i].Bitmap.Pixels;
            var image = pixels.AsSpan(i * channels * plane, channels * plane);
            for (var p = 0; p < plane; p++)
            {
                var colour = colours[p];
                if (channels == 1)
                {
                    image[p] = colour.Red;
                }
                else
                {
                    (image[p], image[plane + p], image[(2 * plane) + p]) = (colour.Red, colour.Green, colour.Blue);
                }
            }

            labels[i] = images[i].Label;
        }

        return new ImageSet(pixels, labels, size, size, classCount, channels);
    }
}
