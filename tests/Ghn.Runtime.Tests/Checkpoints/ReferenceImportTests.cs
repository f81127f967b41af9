using Ghn.Import;
using Ghn.Checkpoints;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Checkpoints;

/// <summary><c>ghn import</c>: the reference trainer's .pt checkpoint becomes a checkpoint that predicts what the safetensors fixture predicts.</summary>
public sealed class ReferenceImportTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ghn-import-{Guid.NewGuid():N}.safetensors");

    [Fact]
    public void The_imported_checkpoint_has_the_fixtures_weights_and_predictions()
    {
        using var imported = ReferenceCheckpoint.Import(ParityFixtures.PtCheckpoint, _path);
        using var fixture = GraphHyperNetwork.Load(ParityFixtureDirectory.RandomGhnCheckpoint, GhnDevice.Cpu);
        Assert.Equal(fixture.Config.ToJson(), imported.Config.ToJson());

        using var scope = NewDisposeScope();
        var expectedState = fixture.state_dict();
        foreach (var (name, tensor) in imported.state_dict())
        {
            Assert.True(tensor.allclose(expectedState[name], rtol: 0, atol: 0), name);
        }

        var graph = ParityFixtureDirectory.Graph("mixed");
        var want = fixture.Predict(graph);
        var got = GraphHyperNetwork.Load(_path, GhnDevice.Cpu).Predict(graph);
        Assert.All(want, pair => Assert.True(pair.Value.allclose(got[pair.Key], rtol: 0, atol: 0), pair.Key));
    }

    public static TheoryData<string> Models => new(ParityFixtures.Models);

    [Theory]
    [MemberData(nameof(Models))]
    public void A_GHN2_checkpoint_of_ppudas_trainer_predicts_what_the_reference_GHN2_predicts(string model)
    {
        using var ghn = ReferenceCheckpoint.Import(Path.Combine(ParityFixtureDirectory.Ghn2Directory, "ghn2-random.pt"), _path);
        Assert.Equal(GhnArchitecture.Ghn2, ghn.Config.Architecture);

        using var expected = ParityComparison.Expected(ParityFixtureDirectory.Ghn2Directory, model);
        using var scope = NewDisposeScope();
        var worst = ParityComparison.AssertClose(ParityComparison.Comparable(expected.Tensors), ParityComparison.Comparable(ghn.Predict(ParityFixtures.Graph(model))));
        output.WriteLine($"GHN-2 {model}: max |diff| = {worst:g3}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_hub_file_without_a_config_predicts_what_the_reference_predicts(string model)
    {
        using var ghn = ReferenceCheckpoint.Import(Path.Combine(HubDirectory, "ghn3-hub-random.pt"), _path);
        // What the reference wrote beside the file: hid 32, 2 layers, 8 heads, max_shape 32x32x16x16, 1000 classes.
        Assert.Equal((32, 2, 8, 1000), (ghn.Config.Hid, ghn.Config.Layers, ghn.Config.Heads, ghn.Config.NumClasses));
        Assert.Equal([32, 32, 16, 16], ghn.Config.MaxShape);

        using var expected = ParityComparison.Expected(HubDirectory, model);
        using var scope = NewDisposeScope();
        var worst = ParityComparison.AssertClose(ParityComparison.Comparable(expected.Tensors), ParityComparison.Comparable(ghn.Predict(ParityFixtures.Graph(model))));
        output.WriteLine($"GHN-3 hub {model}: max |diff| = {worst:g3}");
    }

    [Fact]
    public void A_zlib_compressed_hub_file_reads_as_the_plain_one()
    {
        var compressed = Path.Combine(Path.GetTempPath(), $"ghn-hub-{Guid.NewGuid():N}.pt");
        try
        {
            using (var output = File.Create(compressed))
            using (var zlib = new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.Fastest))
            {
                zlib.Write(File.ReadAllBytes(Path.Combine(HubDirectory, "ghn3-hub-random.pt")));
            }

            using var ghn = ReferenceCheckpoint.Import(compressed, _path);
            using var expected = ParityComparison.Expected(HubDirectory, "tiny_cnn");
            using var scope = NewDisposeScope();
            ParityComparison.AssertClose(expected.Tensors, ghn.Predict(ParityFixtureDirectory.Graph("tiny_cnn")));
        }
        finally
        {
            File.Delete(compressed);
        }
    }

    [Fact]
    public void A_pickle_asking_for_another_global_is_refused_by_name()
    {
        // An OrderedDict whose value is os.system('echo hi'): the reader must name the global, never call it.
        byte[] pickle = [0x80, 0x04, .. "ccollections\nOrderedDict\n)R(X\u0001\u0000\u0000\u0000acos\nsystem\nX\u0007\u0000\u0000\u0000echo hi\u0085Ru."u8.ToArray()];
        var exception = AssertRefused(pickle);
        Assert.Contains("os.system", exception.Message);
    }

    [Fact]
    public void A_trainers_zip_whose_pickle_asks_for_another_global_is_refused_by_name()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var pickle = archive.CreateEntry("checkpoint/data.pkl").Open())
        {
            pickle.Write([0x80, 0x02, .. "cposix\nsystem\nX\u0002\u0000\u0000\u0000ls\u0085R."u8.ToArray()]);
        }

        var exception = AssertRefused(zip.ToArray());
        Assert.Contains("posix.system", exception.Message);
    }

    [Fact]
    public void A_truncated_trainers_zip_is_refused()
    {
        var bytes = File.ReadAllBytes(ParityFixtures.PtCheckpoint);
        var exception = AssertRefused(bytes[..(bytes.Length / 2)]);
        Assert.Contains("not a readable PyTorch zip checkpoint", exception.Message);
    }

    [Fact]
    public void A_truncated_hub_file_says_so()
    {
        var bytes = File.ReadAllBytes(Path.Combine(HubDirectory, "ghn3-hub-random.pt"));
        var exception = AssertRefused(bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated", exception.Message);
    }

    [Fact]
    public void A_state_dict_that_is_not_a_ghns_is_refused_naming_the_tensor_it_lacks()
    {
        // An empty state dict: no tensor a configuration can be read from.
        byte[] pickle = [0x80, 0x04, .. "ccollections\nOrderedDict\n)R."u8.ToArray()];
        var exception = AssertRefused(pickle);
        Assert.Contains("embed.weight", exception.Message);
    }

    private static string HubDirectory => Path.Combine(ParityFixtureDirectory.Path, "ghn3-hub");

    private CheckpointException AssertRefused(byte[] content)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ghn-refused-{Guid.NewGuid():N}.pt");
        File.WriteAllBytes(file, content);
        try
        {
            var exception = Assert.Throws<CheckpointException>(() => ReferenceCheckpoint.Import(file, _path));
            Assert.False(File.Exists(_path));
            return exception;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_zip_pickle_is_rejected()
    {
        var notPickle = Path.Combine(Path.GetTempPath(), $"ghn-import-{Guid.NewGuid():N}.pt");
        File.WriteAllText(notPickle, "not a checkpoint");
        try
        {
            var exception = Assert.Throws<CheckpointException>(() => ReferenceCheckpoint.Import(notPickle, _path));
            Assert.Contains("not a readable PyTorch zip checkpoint", exception.Message);
            Assert.False(File.Exists(_path));
        }
        finally
        {
            File.Delete(notPickle);
        }
    }

    public void Dispose() => File.Delete(_path);
}
