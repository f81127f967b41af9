using Ghn.Training.Data;
using Ghn.Training.Sampling;
using Ghn.Training.Training;
using static TorchSharp.torch;

namespace Ghn.Training.Tests.Training;

public sealed class MetaTrainerTests : IDisposable
{
    // A small GHN and short steps on the shipped subset, so that a few steps take seconds; MLPs, the cheapest family,
    // because these tests are about the training loop, not the architectures.
    private static readonly MetaTrainingOptions Small = TrainingPresets.FashionMnistTiny.Options with
    {
        Family = ArchitectureFamily.Mlp.Name,
        Hid = 16,
        Heads = 2,
        MetaBatchSize = 2,
        BatchSize = 16,
        TotalSteps = 20,
        WarmupSteps = 0,
        ValidationArchitectures = 2,
        ValidationImages = 64,
    };

    private static readonly ImageDataset Subset = FashionMnist.LoadSubset();

    private readonly string _directory = Directory.CreateTempSubdirectory("ghn-meta-trainer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Saves the GHN of a <see cref="Small"/> run after one step as <paramref name="fileName"/> in the test's directory.</summary>
    private string SaveTrainedGhn(string fileName)
    {
        var path = Path.Combine(_directory, fileName);
        using var trainer = new MetaTrainer(Small, Subset);
        trainer.TrainStep();
        trainer.Network.Save(path);
        return path;
    }

    [Theory]
    [InlineData(GhnArchitecture.Ghn3)]
    [InlineData(GhnArchitecture.Ghn2)]
    public void One_step_lowers_the_loss_on_a_fixed_batch(GhnArchitecture architecture)
    {
        using var trainer = new MetaTrainer(Small with { Architecture = architecture }, Subset);
        Assert.Equal(architecture, trainer.Network.Config.Architecture);
        using var scope = NewDisposeScope();
        var graphs = new ArchitectureSampler(ArchitectureFamily.Get(Small.Family), ArchitectureSplit.Training, seed: 5).Next(2).Select(a => a.Graph).ToArray();
        var normalization = Normalization.Of(Subset.Train);
        var batches = graphs.Select((_, i) => new BatchSampler(Subset.Train, normalization, 32, seed: i).Next()).ToArray();

        (double Objective, double CrossEntropy) Loss()
        {
            using var noGrad = no_grad();
            // The dropout masks of sampled heads that the update draws (its seed is fixed by the step).
            manual_seed(SeedMixing.Mix(Small.Seed, 0));
            var loss = trainer.Loss(graphs, batches);
            return (loss.Objective.item<float>(), loss.CrossEntropy);
        }

        var before = Loss();
        var step = trainer.Update(graphs, batches);
        var after = Loss();

        Assert.True(after.Objective < before.Objective, $"loss {before.Objective} before the step, {after.Objective} after");
        Assert.True(after.CrossEntropy < before.CrossEntropy, $"cross-entropy {before.CrossEntropy} before the step, {after.CrossEntropy} after");
        // The update computes the same loss with autograd on, which may take another kernel path: equal to rounding.
        Assert.Equal(before.CrossEntropy, step.Loss, tolerance: 1e-5);
        Assert.Equal(1, trainer.Step);
    }

    [Fact]
    public void Transformers_train_with_the_tensors_the_GHN_leaves_to_the_model()
    {
        // A class token is a parameter the GHN does not predict: the loss and the validation run it at its default.
        var options = Small with { Family = ArchitectureFamily.TransformerStyle.Name, TotalSteps = 1 };
        using var trainer = new MetaTrainer(options, Subset);
        using var scope = NewDisposeScope();
        var graphs = new ArchitectureSampler(ArchitectureFamily.TransformerStyle, ArchitectureSplit.Training, seed: 1).Next(40)
            .Select(a => a.Graph).Where(g => g.Parameters.Any(p => p.Name == "class_token")).Take(2).ToArray();
        Assert.Equal(2, graphs.Length);
        var normalization = Normalization.Of(Subset.Train);
        var batches = graphs.Select((_, i) => new BatchSampler(Subset.Train, normalization, 16, seed: i).Next()).ToArray();

        var step = trainer.Update(graphs, batches);

        Assert.True(double.IsFinite(step.Loss), $"loss {step.Loss}");
        Assert.All(graphs, g => Assert.InRange(trainer.ZeroShotAccuracy(g, Subset.Test), 0, 1));
    }

    [Fact]
    public void A_resumed_run_continues_bit_identically()
    {
        using var uninterrupted = new MetaTrainer(Small, Subset);
        var losses = new List<double>();
        for (var step = 0; step < 4; step++)
        {
            if (step == 2)
            {
                uninterrupted.SaveCheckpoint(_directory);
            }

            losses.Add(uninterrupted.TrainStep().Loss);
        }

        using var resumed = MetaTrainer.Resume(_directory, Subset);
        Assert.Equal(2, resumed.Step);
        Assert.Equal(losses[2], resumed.TrainStep().Loss);
        Assert.Equal(losses[3], resumed.TrainStep().Loss);

        var expected = uninterrupted.Network.state_dict();
        foreach (var (name, tensor) in resumed.Network.state_dict())
        {
            Assert.True(tensor.equal(expected[name]).all().item<bool>(), $"{name} differs after resuming");
        }
    }

    [Fact]
    public void Resuming_a_directory_without_a_checkpoint_says_so()
    {
        var error = Assert.Throws<InvalidDataException>(() => MetaTrainer.Resume(_directory, Subset));
        Assert.Contains(TrainingCheckpoint.StateFile, error.Message);
    }

    [Fact]
    public void Validation_uses_held_out_architectures_only()
    {
        using var trainer = new MetaTrainer(Small, Subset);

        var accuracies = trainer.Validate();

        Assert.Equal(Small.ValidationArchitectures, accuracies.Count);
        Assert.All(trainer.ValidationArchitectures, a => Assert.Equal(ArchitectureSplit.HeldOut, ArchitectureSplits.Of(a.Graph)));
        Assert.All(accuracies, a => Assert.InRange(a, 0, 1));
        Assert.Equal(accuracies.Average(), trainer.BestValidationAccuracy);
    }

    [Fact]
    public void A_run_initialised_from_a_checkpoint_starts_from_its_weights()
    {
        var path = SaveTrainedGhn("trained.safetensors");

        using var initialised = new MetaTrainer(Small with { InitialCheckpoint = path, Seed = 2 }, Subset);
        using var fresh = new MetaTrainer(Small with { Seed = 2 }, Subset);

        using var checkpoint = GraphHyperNetwork.Load(path);
        var expected = checkpoint.state_dict();
        Assert.Equal(0, initialised.Step);
        Assert.All(initialised.Network.state_dict(), p => Assert.True(p.Value.equal(expected[p.Key]).all().item<bool>(), $"{p.Key} is not the checkpoint's"));
        Assert.Contains(fresh.Network.state_dict(), p => !p.Value.equal(expected[p.Key]).all().item<bool>());
    }

    [Fact]
    public void A_low_rank_run_initialised_from_a_conv_decoder_GHN_takes_its_graph_network_and_trains()
    {
        var path = SaveTrainedGhn("conv.safetensors");

        using var lowRank = new MetaTrainer(Small with { InitialCheckpoint = path, Decoder = GhnDecoder.LowRank, Rank = 4, MaxShape = [64, 256, 3, 3] }, Subset);
        using var initial = GraphHyperNetwork.Load(path);
        var expected = initial.state_dict();
        var tensors = lowRank.Network.state_dict();

        Assert.Equal(GhnDecoder.LowRank, lowRank.Network.Config.Decoder);
        var (from, copied, total) = lowRank.Initial!;
        Assert.Equal(GhnDecoder.Conv, from.Decoder);
        Assert.Equal(tensors.Count, total);
        Assert.Equal(tensors.Count(t => expected.TryGetValue(t.Key, out var e) && e.shape.SequenceEqual(t.Value.shape)), copied);
        Assert.All(tensors.Where(t => t.Key.StartsWith("gnn.", StringComparison.Ordinal)), t => Assert.True(t.Value.equal(expected[t.Key]).all().item<bool>(), $"{t.Key} is not the checkpoint's"));
        Assert.Contains(tensors.Keys, name => name.StartsWith("decoder.", StringComparison.Ordinal) && !expected.ContainsKey(name));
        Assert.True(double.IsFinite(lowRank.TrainStep().Loss));
    }

    [Fact]
    public void A_deeper_run_initialised_from_a_shallower_GHN_starts_from_its_predictions_and_trains()
    {
        var shallowPath = SaveTrainedGhn("shallow.safetensors");

        using var continued = new MetaTrainer(Small with { InitialCheckpoint = shallowPath }, Subset);
        using var deeper = new MetaTrainer(Small with { InitialCheckpoint = shallowPath, Layers = Small.Layers + 2 }, Subset);

        Assert.Equal(Small.Layers + 2, deeper.Network.Config.Layers);
        Assert.Equal(continued.Network.state_dict().Count, deeper.Initial!.Copied);
        Assert.Equal(continued.Validate(), deeper.Validate(), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.True(double.IsFinite(deeper.TrainStep().Loss));

        var deeperPath = Path.Combine(_directory, "deeper.safetensors");
        deeper.Network.Save(deeperPath);
        var error = Assert.Throws<ArgumentException>(() => new MetaTrainer(Small with { InitialCheckpoint = deeperPath }, Subset));
        Assert.Contains("\"layers\":" + (Small.Layers + 2), error.Message);
    }

    [Fact]
    public void An_initial_checkpoint_of_another_configuration_is_rejected_naming_both()
    {
        var path = Path.Combine(_directory, "other.safetensors");
        using (var other = new GraphHyperNetwork(new GhnConfig(hid: 32, layers: 1, heads: 2, maxShape: [8, 8, 3, 3], numClasses: 10)))
        {
            other.Save(path);
        }

        var error = Assert.Throws<ArgumentException>(() => new MetaTrainer(Small with { InitialCheckpoint = path }, Subset));
        Assert.Contains(path, error.Message);
        Assert.Contains("\"hid\":32", error.Message);
        Assert.Contains("\"hid\":16", error.Message);
    }

    [Fact]
    public void A_missing_initial_checkpoint_is_named()
    {
        var path = Path.Combine(_directory, "missing.safetensors");
        var error = Assert.Throws<FileNotFoundException>(() => new MetaTrainer(Small with { InitialCheckpoint = path }, Subset));
        Assert.Contains(path, error.Message);
    }
}
