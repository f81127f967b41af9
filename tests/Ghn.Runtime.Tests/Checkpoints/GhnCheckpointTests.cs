using Ghn.Checkpoints;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Checkpoints;

/// <summary>Save/Load of GHN checkpoints and the errors for files that do not fit.</summary>
public sealed class GhnCheckpointTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ghn-ckpt-{Guid.NewGuid():N}.safetensors");

    [Fact]
    public void Save_then_load_gives_identical_weights_and_predictions()
    {
        using var scope = NewDisposeScope();
        using var original = GraphHyperNetwork.Load(ParityFixtureDirectory.RandomGhnCheckpoint, GhnDevice.Cpu);
        original.Save(_path);
        using var reloaded = GraphHyperNetwork.Load(_path, GhnDevice.Cpu);

        Assert.Equal(original.Config.ToJson(), reloaded.Config.ToJson());
        Assert.Equal(904_868, reloaded.ParameterCount);
        var graph = ParityFixtureDirectory.Graph("resnet18_narrow");
        var before = original.Predict(graph);
        var after = reloaded.Predict(graph);
        Assert.All(before, pair => Assert.True(pair.Value.allclose(after[pair.Key], rtol: 0, atol: 0), pair.Key));
    }

    [Fact]
    public void The_meta_training_task_is_saved_with_the_GHN_and_a_reference_checkpoint_has_none()
    {
        using var scope = NewDisposeScope();
        using var ghn = GraphHyperNetwork.Load(ParityFixtureDirectory.RandomGhnCheckpoint, GhnDevice.Cpu);
        Assert.Null(ghn.Task);

        ghn.Task = new MetaTrainingTask(new TaskShape(3, 32, 32, 10), "images/ (an image folder)");
        ghn.Save(_path);
        using var reloaded = GraphHyperNetwork.Load(_path, GhnDevice.Cpu);

        Assert.Equal(ghn.Task, reloaded.Task);
        Assert.Equal("3×32×32 images, 10 classes (images/ (an image folder))", reloaded.Task!.ToString());
    }

    [Fact]
    public void A_new_GHN_has_the_reference_state_dict_names_and_shapes()
    {
        var listing = File.ReadAllLines(Path.Combine(ParityFixtureDirectory.Ghn3Directory, "state-dict.txt"))
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
        var config = GhnConfig.FromJson(SafetensorsFile.ReadHeader(ParityFixtureDirectory.RandomGhnCheckpoint).Metadata["ghn_config"]);
        using var ghn = new GraphHyperNetwork(config, GhnDevice.Cpu);
        var actual = ghn.state_dict().ToDictionary(p => p.Key, p => "[" + string.Join(", ", p.Value.shape) + "]");
        Assert.Equal(listing.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [Fact]
    public void A_missing_tensor_is_named() =>
        AssertRejected(tensors => tensors.Remove("gnn.1.ln2.bias"), "\"gnn.1.ln2.bias\" is missing");

    [Fact]
    public void An_extra_tensor_is_named() =>
        AssertRejected(tensors => tensors["gnn.3.ln1.weight"] = ones(64), "unexpected tensor \"gnn.3.ln1.weight\"");

    [Fact]
    public void A_mis_shaped_tensor_is_named() =>
        AssertRejected(tensors => tensors["embed.weight"] = ones(16, 64), "\"embed.weight\" has shape [16, 64] but ghn_config implies [15, 32]");

    [Fact]
    public void An_unknown_config_key_is_named() =>
        AssertRejected(_ => { }, "unknown key \"dropout\"", config => config.Replace("\"hid\"", "\"dropout\":0.1,\"hid\""));

    [Fact]
    public void Another_architecture_is_rejected() =>
        AssertRejected(_ => { }, "expected \"ghn3\" or \"ghn2\"", config => config.Replace("\"ghn3\"", "\"ghn4\""));

    [Fact]
    public void A_missing_config_is_explained()
    {
        using (var scope = NewDisposeScope())
        {
            SafetensorsFile.Write(_path, new Dictionary<string, Tensor> { ["embed.weight"] = ones(15, 64) });
        }

        var exception = Assert.Throws<CheckpointException>(() => GraphHyperNetwork.Load(_path, GhnDevice.Cpu));
        Assert.Contains("ghn_config", exception.Message);
        Assert.Contains("ghn import", exception.Message);
    }

    [Fact]
    public void A_truncated_checkpoint_is_reported()
    {
        var bytes = File.ReadAllBytes(ParityFixtureDirectory.RandomGhnCheckpoint);
        File.WriteAllBytes(_path, bytes[..(bytes.Length / 2)]);
        var exception = Assert.Throws<CheckpointException>(() => GraphHyperNetwork.Load(_path, GhnDevice.Cpu));
        Assert.Contains("truncated", exception.Message);
    }

    public void Dispose() => File.Delete(_path);

    private void AssertRejected(Action<Dictionary<string, Tensor>> editTensors, string message, Func<string, string>? editConfig = null)
    {
        using (var scope = NewDisposeScope())
        {
            using var fixture = SafetensorsFile.Read(ParityFixtureDirectory.RandomGhnCheckpoint);
            var tensors = fixture.Tensors.ToDictionary(p => p.Key, p => p.Value);
            editTensors(tensors);
            var config = fixture.Metadata["ghn_config"];
            SafetensorsFile.Write(_path, tensors, new Dictionary<string, string> { ["ghn_config"] = editConfig?.Invoke(config) ?? config });
        }

        var exception = Assert.Throws<CheckpointException>(() => GraphHyperNetwork.Load(_path, GhnDevice.Cpu));
        Assert.Contains(message, exception.Message);
        Assert.Contains(_path, exception.Message);
    }
}
