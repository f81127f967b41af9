using Ghn.Training.Data;
using Ghn.Training.Evaluation;
using Ghn.Training.Sampling;
using Ghn.Training.Training;
using SkiaSharp;

namespace Ghn.Training.Tests.Data;

/// <summary>Image folders the tests draw themselves: a few classes of coloured shapes, as PNG and JPEG files.</summary>
public sealed class ImageFolderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ghn-images-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_split_folder_of_colour_images_becomes_a_colour_dataset_of_its_classes()
    {
        Draw(Path.Combine(_directory, "train"), perClass: 6, size: 20);
        Draw(Path.Combine(_directory, "val"), perClass: 2, size: 20);

        var dataset = ImageFolder.Load(_directory, imageSize: 16);

        Assert.Equal((3, 16, 16, 3), (dataset.Train.Channels, dataset.Train.Height, dataset.Train.Width, dataset.Train.ClassCount));
        Assert.Equal([6, 6, 6], dataset.Train.CountPerClass());
        Assert.Equal([2, 2, 2], dataset.Test.CountPerClass());
        // The red squares (class "a-square") are red: the first channel of their centre pixel is bright, the others dark.
        var centre = (8 * 16) + 8;
        var image = dataset.Train.Image(0);
        Assert.True(image[centre] > 200 && image[256 + centre] < 60 && image[512 + centre] < 60, $"RGB {image[centre]}, {image[256 + centre]}, {image[512 + centre]}");
    }

    [Fact]
    public void Class_folders_alone_split_the_same_way_every_time_and_grey_images_are_one_channel()
    {
        Draw(_directory, perClass: 6, size: 12, grey: true);

        var first = ImageFolder.Load(_directory);
        var second = ImageFolder.Load(_directory);

        Assert.Equal(1, first.Train.Channels);
        Assert.Equal(18, first.Train.Count + first.Test.Count);
        Assert.Equal(3, first.Test.Count);
        Assert.True(first.Test.Labels.SequenceEqual(second.Test.Labels) && first.Test.Pixels.SequenceEqual(second.Test.Pixels));
    }

    [Fact]
    public void Images_of_different_sizes_need_an_image_size_and_the_message_says_so()
    {
        Draw(_directory, perClass: 2, size: 12);
        using (var odd = new SKBitmap(20, 20))
        {
            Save(odd, Path.Combine(_directory, "b-circle", "odd.png"));
        }

        var exception = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(_directory));

        Assert.Contains("--image-size", exception.Message);
        Assert.Equal(16, ImageFolder.Load(_directory, imageSize: 16).Train.Height);
    }

    [Fact]
    public void A_GHN_meta_trains_on_a_colour_image_folder()
    {
        Draw(Path.Combine(_directory, "train"), perClass: 12, size: 16);
        Draw(Path.Combine(_directory, "val"), perClass: 4, size: 16);
        var options = TrainingPresets.FashionMnistTiny.Options with
        {
            Family = ArchitectureFamily.Mlp.Name, Hid = 16, Heads = 2, MetaBatchSize = 2, BatchSize = 8, TotalSteps = 3, WarmupSteps = 0,
            ValidationArchitectures = 2, ValidationImages = 6,
        };

        using var trainer = new MetaTrainer(options, ImageFolder.Load(_directory));
        var steps = Enumerable.Range(0, 3).Select(_ => trainer.TrainStep()).ToList();

        Assert.Equal(3, trainer.Network.Config.NumClasses);
        Assert.All(steps, step => Assert.True(double.IsFinite(step.Loss), $"loss {step.Loss}"));
        // The checkpoint records the task it was meta-trained on.
        var checkpoint = Path.Combine(_directory, "checkpoint");
        trainer.SaveCheckpoint(checkpoint);
        using (var saved = GraphHyperNetwork.Load(Path.Combine(checkpoint, TrainingCheckpoint.GhnFile), GhnDevice.Cpu))
        {
            Assert.Equal(new TaskShape(3, 16, 16, 3), saved.Task?.Shape);
            Assert.Equal(ImageFolder.Load(_directory).Source, saved.Task?.Data);
        }

        Assert.All(trainer.Validate(), accuracy => Assert.InRange(accuracy, 0, 1));

        // The trained GHN ranks held-out candidates for the same images, with their accuracy after 4 SGD steps.
        var data = ImageFolder.Load(_directory);
        var candidates = new ArchitectureSampler(ArchitectureFamily.Mlp, ArchitectureSplit.HeldOut, seed: 3, new TaskShape(3, 16, 16, 3)).Next(3)
            .Select(a => new RankingCandidate(a.Name, a.Graph)).ToArray();
        var ranking = ArchitectureRanking.Rank(trainer.Network, candidates, data.Test, data.Train, Normalization.Of(data.Train), trainSteps: 4);

        Assert.Equal([1, 2, 3], ranking.Candidates.Select(c => c.Rank));
        Assert.Equal(ranking.Candidates.Select(c => c.PredictedAccuracy).OrderDescending(), ranking.Candidates.Select(c => c.PredictedAccuracy));
        Assert.All(ranking.Candidates, c => Assert.InRange(c.TrainedAccuracy!.Value, 0, 1));
        Assert.NotNull(ranking.SpearmanRho);

        // Another GHN (here an untrained one) compared on the same baseline, without training the candidates again.
        using var untrained = new GraphHyperNetwork(trainer.Network.Config, GhnDevice.Cpu);
        var baseline = ranking.Candidates.ToDictionary(c => c.Name, c => c.TrainedAccuracy!.Value);
        var control = ArchitectureRanking.Rank(untrained, candidates, data.Test, data.Train, Normalization.Of(data.Train), trainSteps: 4, trainedAccuracies: baseline);
        Assert.All(control.Candidates, c => Assert.Equal(baseline[c.Name], c.TrainedAccuracy));

        // An interrupted run resumed: the candidate without a measured accuracy is trained again, to the same accuracy.
        var resumed = ArchitectureRanking.Rank(untrained, candidates, data.Test, data.Train, Normalization.Of(data.Train), trainSteps: 4, trainedAccuracies: baseline.Skip(1).ToDictionary());
        Assert.All(resumed.Candidates, c => Assert.Equal(baseline[c.Name], c.TrainedAccuracy));
    }

    /// <summary>Three classes: red squares, green circles, blue diagonal bars, on black, slightly shifted per image.</summary>
    private static void Draw(string root, int perClass, int size, bool grey = false)
    {
        var shapes = new (string Name, SKColor Colour)[] { ("a-square", SKColors.Red), ("b-circle", SKColors.Lime), ("c-bar", SKColors.Blue) };
        foreach (var (name, colour) in shapes)
        {
            Directory.CreateDirectory(Path.Combine(root, name));
            for (var i = 0; i < perClass; i++)
            {
                using var bitmap = new SKBitmap(size, size);
                using var canvas = new SKCanvas(bitmap);
                canvas.Clear(SKColors.Black);
                using var paint = new SKPaint { Color = grey ? new SKColor(200, 200, 200) : colour, IsAntialias = false };
                var offset = (i % 3) - 1;
                var (middle, half) = ((size / 2f) + offset, size / 4f);
                switch (name)
                {
                    case "a-square": canvas.DrawRect(middle - half, middle - half, 2 * half, 2 * half, paint); break;
                    case "b-circle": canvas.DrawCircle(middle, middle, half, paint); break;
                    default: paint.StrokeWidth = 3; canvas.DrawLine(0, 0, size, size, paint); break;
                }

                Save(bitmap, Path.Combine(root, name, $"{i:D2}.{(i % 2 == 0 ? "png" : "jpg")}"));
            }
        }
    }

    private static void Save(SKBitmap bitmap, string path)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(path.EndsWith(".png", StringComparison.Ordinal) ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, 95);
        File.WriteAllBytes(path, data.ToArray());
    }
}
