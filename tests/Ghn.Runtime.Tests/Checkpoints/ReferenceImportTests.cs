using Ghn.Cli.Commands.Import;
using Ghn.Checkpoints;
using Ghn.Tests;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Checkpoints;

/// <summary><c>ghn import</c>: the reference trainer's .pt checkpoint becomes a checkpoint that predicts what the safetensors fixture predicts.</summary>
public sealed class ReferenceImportTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ghn-import-{Guid.NewGuid():N}.safetensors");

    [Fact]
    public void TheImportedCheckpointHasTheFixturesWeightsAndPredictions()
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
    public void AGhn2CheckpointOfPpudasTrainerPredictsWhatTheReferenceGhn2Predicts(string model)
    {
        using var ghn = ReferenceCheckpoint.Import(Path.Combine(ParityFixtureDirectory.Ghn2Directory, "ghn2-random.pt"), _path);
        Assert.Equal(GhnArchitecture.Ghn2, ghn.Config.Architecture);

        using var expected = ParityComparison.Expected(ParityFixtureDirectory.Ghn2Directory, model);
        using var scope = NewDisposeScope();
        var worst = ParityComparison.AssertClose(expected.Tensors, ghn.Predict(ParityFixtureDirectory.Graph(model)));
        output.WriteLine($"GHN-2 {model}: max |diff| = {worst:g3}");
    }

    [Fact]
    public void AFileThatIsNotAZipPickleIsRejected()
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
