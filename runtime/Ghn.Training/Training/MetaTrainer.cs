using System.Diagnostics;
using Ghn.Graphs;
using Ghn.Training.Data;
using Ghn.Training.Evaluation;
using Ghn.Training.Sampling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ghn.Training.Training;

/// <summary>
/// Meta-trains a GHN-3 (the reference's <c>Trainer.update</c>): every step samples a meta-batch of training-split
/// architectures, predicts all their parameters in one differentiable forward pass, runs each architecture on
/// its own image batch with the predicted parameters (BatchNorm with batch statistics, as the reference trains),
/// and back-propagates the mean cross-entropy into the GHN with AdamW, a warm-up + cosine schedule and gradient
/// clipping. Every source of randomness is a function of the seed and a position (architectures, batches, the
/// step's torch seed), so a run restored from a checkpoint continues bit-identically. That needs deterministic CPU
/// kernels: creating a trainer switches the process's convolutions to LibTorch's im2col kernels
/// (<see cref="CpuConvolutionKernels.UseIm2ColKernels"/>), because oneDNN's are not on some CPUs.
/// </summary>
public sealed class MetaTrainer : IDisposable
{
    private const int MaxConsecutiveSkips = 10;

    private readonly ArchitectureSampler _architectures;
    private readonly BatchSampler _batches;
    private readonly CosineSchedule _schedule;
    private readonly AdamW _optimizer;
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly IReadOnlyList<SampledArchitecture> _validationArchitectures;
    private readonly ImageSet _validationImages;
    private readonly Normalization _normalization;
    private readonly string _dataSource;
    private int _consecutiveSkips;

    /// <summary>
    /// Starts a new run: a GHN initialised from <see cref="MetaTrainingOptions.Seed"/>, or with the weights of
    /// <see cref="MetaTrainingOptions.InitialCheckpoint"/> when set.
    /// </summary>
    /// <param name="options">The run's settings.</param>
    /// <param name="data">The images; a validation split is held out of its training set.</param>
    /// <exception cref="ArgumentException">
    /// An option is out of range, the data is too small for the batch size, or the initial checkpoint's configuration is
    /// not the one the options describe.
    /// </exception>
    /// <exception cref="FileNotFoundException">The initial checkpoint does not exist.</exception>
    /// <exception cref="Ghn.Checkpoints.CheckpointException">The initial checkpoint is not a valid GHN checkpoint.</exception>
    public MetaTrainer(MetaTrainingOptions options, ImageDataset data)
        : this(options, data, state: null, checkpointDirectory: null)
    {
    }

    private MetaTrainer(MetaTrainingOptions options, ImageDataset data, TrainerState? state, string? checkpointDirectory)
    {
        options.Validate();
        CpuConvolutionKernels.UseIm2ColKernels();
        Options = options;
        var split = ValidationSplit.Create(data.Train, options.ValidationFraction, options.Seed);
        _normalization = Normalization.Of(split.Train);
        _validationImages = split.Validation.Select(Enumerable.Range(0, Math.Min(options.ValidationImages, split.Validation.Count)).ToArray());
        _dataSource = data.Source;
        var task = data.Shape;
        var family = ArchitectureFamily.Get(options.Family);
        _architectures = new ArchitectureSampler(family, ArchitectureSplit.Training, options.Seed, task);
        _validationArchitectures = new ArchitectureSampler(family, ArchitectureSplit.HeldOut, options.Seed, task).Next(options.ValidationArchitectures);
        _batches = new BatchSampler(split.Train, _normalization, options.BatchSize, options.Seed, options.Augment ? Augmentation.Default : null);
        _schedule = new CosineSchedule(options);

        if (state is null)
        {
            manual_seed(options.Seed);
            var config = options.CreateGhnConfig(task.ClassCount);
            Network = options.InitialCheckpoint is null ? new GraphHyperNetwork(config) : LoadInitialNetwork(options.InitialCheckpoint, config);
        }
        else
        {
            Network = GraphHyperNetwork.Load(Path.Combine(checkpointDirectory!, TrainingCheckpoint.GhnFile));
            if (Network.Config.NumClasses != task.ClassCount)
            {
                throw new ArgumentException($"The checkpoint's GHN predicts {Network.Config.NumClasses} classes but the data has {task.ClassCount}; resume with the data the run started with ({state.DataSource}).");
            }
        }

        Network.Task = new MetaTrainingTask(task, data.Source);
        _parameters = Network.parameters().ToArray();
        _optimizer = optim.AdamW(_parameters, options.LearningRate, weight_decay: options.WeightDecay);
        if (state is not null)
        {
            _optimizer.load_state_dict(Path.Combine(checkpointDirectory!, TrainingCheckpoint.OptimizerFile));
            Step = state.Step;
            _architectures.Position = state.ArchitecturePosition;
            _batches.Position = state.BatchPosition;
            ClippedSteps = state.ClippedSteps;
            SkippedSteps = state.SkippedSteps;
            TrainingSeconds = state.TrainingSeconds;
            BestValidationAccuracy = state.BestValidationAccuracy;
            BestStep = state.BestStep;
        }
    }

    /// <summary>The run's settings.</summary>
    public MetaTrainingOptions Options { get; }

    /// <summary>The GHN being trained.</summary>
    public GraphHyperNetwork Network { get; }

    /// <summary>Completed steps.</summary>
    public long Step { get; private set; }

    /// <summary>Whether the schedule is complete.</summary>
    public bool IsComplete => Step >= Options.TotalSteps;

    /// <summary>Steps whose gradient was clipped.</summary>
    public long ClippedSteps { get; private set; }

    /// <summary>Steps skipped because their loss or gradient was not finite.</summary>
    public long SkippedSteps { get; private set; }

    /// <summary>Images seen by the sampled networks so far (each image once per network it was fed to).</summary>
    public long ExamplesSeen => _batches.ImagesDrawn;

    /// <summary>Wall time spent in steps and validations, summed over all sessions of the run.</summary>
    public double TrainingSeconds { get; private set; }

    /// <summary>The best mean validation accuracy so far, NaN before the first validation.</summary>
    public double BestValidationAccuracy { get; private set; } = double.NaN;

    /// <summary>The step of <see cref="BestValidationAccuracy"/>, -1 before the first validation.</summary>
    public long BestStep { get; private set; } = -1;

    /// <summary>The held-out architectures validation evaluates (never sampled for training).</summary>
    public IReadOnlyList<SampledArchitecture> ValidationArchitectures => _validationArchitectures;

    /// <summary>Restores a run from the checkpoint in <paramref name="directory"/> (see <see cref="TrainingCheckpoint"/>).</summary>
    /// <param name="directory">The run's output directory.</param>
    /// <param name="data">The data the run started with.</param>
    /// <exception cref="InvalidDataException">The directory holds no complete checkpoint.</exception>
    public static MetaTrainer Resume(string directory, ImageDataset data)
    {
        var state = TrainingCheckpoint.ReadState(directory);
        return new MetaTrainer(state.Options, data, state, directory);
    }

    private GraphHyperNetwork LoadInitialNetwork(string path, GhnConfig config)
    {
        // A missing or invalid file is already an exception naming it (FileNotFoundException, CheckpointException).
        using var initial = GraphHyperNetwork.Load(path);
        var (found, wanted) = (initial.Config, config);
        // A GHN-3 may grow deeper (its added layers start as the identity); any other difference in the graph network
        // leaves nothing that would carry over.
        var layersCarryOver = found.Layers == wanted.Layers || (wanted.Architecture == GhnArchitecture.Ghn3 && found.Layers < wanted.Layers);
        if (found.Architecture != wanted.Architecture || found.Hid != wanted.Hid || !layersCarryOver || found.Heads != wanted.Heads)
        {
            throw new ArgumentException(
                $"The initial GHN checkpoint '{path}' has the configuration {found.ToJson()}, but this run needs {wanted.ToJson()} (from its preset and data), and its graph network (architecture, hid, layers, heads) differs, so none of it would carry over; start from a checkpoint of the run's graph network (or, for a GHN-3, of fewer layers), or choose the preset it was trained with.");
        }

        var network = new GraphHyperNetwork(config);
        var (copied, total) = network.CopyMatchingWeights(initial);
        Initial = new InitialWeights(found, copied, total);
        return network;
    }

    /// <summary>For a run started from <see cref="MetaTrainingOptions.InitialCheckpoint"/>: what came from it.</summary>
    public InitialWeights? Initial { get; private set; }

    /// <summary>Runs one meta-training step on the next meta-batch of architectures and the next image batches.</summary>
    /// <exception cref="InvalidOperationException">Many steps in a row had a non-finite loss or gradient (the run diverged).</exception>
    public MetaStepResult TrainStep()
    {
        using var scope = NewDisposeScope();
        var graphs = _architectures.Next(Options.MetaBatchSize).Select(a => a.Graph).ToArray();
        var batches = graphs.Select(_ => _batches.Next()).ToArray();
        return Update(graphs, batches);
    }

    /// <summary>
    /// One update of the GHN on <paramref name="graphs"/>, graph i fed <paramref name="batches"/>[i]; advances <see cref="Step"/>.
    /// An update whose loss or gradient is not finite is skipped (<see cref="MetaStepResult.Skipped"/>).
    /// </summary>
    internal MetaStepResult Update(IReadOnlyList<ArchitectureGraph> graphs, IReadOnlyList<ImageBatch> batches)
    {
        var start = Stopwatch.GetTimestamp();
        using var scope = NewDisposeScope();
        // Sampled classifier heads may hold dropout: its masks come from a seed fixed by the step.
        manual_seed(SeedMixing.Mix(Options.Seed, Step));
        var learningRate = _schedule.At(Step);
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        Network.train();
        _optimizer.zero_grad();
        var (objective, crossEntropy, accuracy) = Loss(graphs, batches);
        var gradientNorm = double.NaN;
        var clipped = false;
        if (double.IsFinite(crossEntropy) && float.IsFinite(objective.item<float>()))
        {
            objective.backward();
            // An infinite threshold measures the norm without rescaling anything.
            gradientNorm = nn.utils.clip_grad_norm_(_parameters, Options.GradientClip > 0 ? Options.GradientClip : double.PositiveInfinity);
            clipped = Options.GradientClip > 0 && gradientNorm > Options.GradientClip;
        }

        var skipped = !double.IsFinite(gradientNorm);
        if (skipped)
        {
            // A sampled network whose activations overflow gives a non-finite loss or gradient with a healthy GHN.
            // Like the reference's mixed-precision training, such an update is skipped rather than written into the
            // GHN as NaNs; a run that keeps producing them has diverged.
            _optimizer.zero_grad();
            if (++_consecutiveSkips > MaxConsecutiveSkips)
            {
                throw new InvalidOperationException(
                    $"Meta-training diverged at step {Step}: {_consecutiveSkips} steps in a row had a non-finite loss or gradient. Resume from the last checkpoint with a lower learning rate or stronger gradient clipping.");
            }
        }
        else
        {
            _optimizer.step();
            _consecutiveSkips = 0;
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var result = new MetaStepResult(Step, crossEntropy, accuracy, learningRate, gradientNorm, clipped, skipped, seconds);
        Step++;
        ClippedSteps += clipped ? 1 : 0;
        SkippedSteps += skipped ? 1 : 0;
        TrainingSeconds += seconds;
        return result;
    }

    /// <summary>
    /// The meta-training objective on <paramref name="graphs"/> with the current GHN: predicted parameters, each
    /// graph run on its batch in training mode (BatchNorm with batch statistics), cross-entropy plus GHN-3's
    /// predicted-parameter regularisation, averaged over the graphs. Also the plain mean cross-entropy and the accuracy.
    /// </summary>
    internal (Tensor Objective, double CrossEntropy, double Accuracy) Loss(IReadOnlyList<ArchitectureGraph> graphs, IReadOnlyList<ImageBatch> batches)
    {
        var predictions = Network.PredictDifferentiable(graphs.Select(g => g.ToPrimitiveGraph()).ToArray());
        var objectives = new Tensor[graphs.Count];
        var crossEntropies = new Tensor[graphs.Count];
        long correct = 0, images = 0;
        for (var i = 0; i < graphs.Count; i++)
        {
            var labels = batches[i].Labels.to(Network.Device);
            var logits = new GraphExecutor(graphs[i]).Forward(batches[i].Images.to(Network.Device), DefaultInitialization.WithPredicted(graphs[i], predictions[i], seed: 0, Network.Device), training: true);
            crossEntropies[i] = nn.functional.cross_entropy(logits, labels, label_smoothing: Options.LabelSmoothing);
            objectives[i] = Options.PredictedParameterDecay > 0
                ? crossEntropies[i] + (Options.PredictedParameterDecay * FrobeniusNormSum(predictions[i].Values))
                : crossEntropies[i];
            correct += logits.argmax(1).eq(labels).sum().item<long>();
            images += batches[i].Count;
        }

        return (stack(objectives).mean(), stack(crossEntropies).mean().item<float>(), (double)correct / images);
    }

    /// <summary>
    /// Zero-shot accuracy of the current GHN on the held-out validation architectures (validation images,
    /// BatchNorm with batch statistics); updates <see cref="BestValidationAccuracy"/>.
    /// </summary>
    /// <returns>The accuracy of each validation architecture, in <see cref="ValidationArchitectures"/>' order.</returns>
    public IReadOnlyList<double> Validate()
    {
        var start = Stopwatch.GetTimestamp();
        Network.eval();
        var accuracies = _validationArchitectures.Select(architecture => ZeroShotAccuracy(architecture.Graph, _validationImages)).ToArray();
        var mean = accuracies.Average();
        if (double.IsNaN(BestValidationAccuracy) || mean > BestValidationAccuracy)
        {
            (BestValidationAccuracy, BestStep) = (mean, Step);
        }

        TrainingSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
        return accuracies;
    }

    /// <summary>The sum of the Frobenius norms of <paramref name="tensors"/>.</summary>
    private static Tensor FrobeniusNormSum(IEnumerable<Tensor> tensors) =>
        stack(tensors.Select(t => t.square().sum().sqrt()).ToArray()).sum();

    /// <summary>Zero-shot accuracy of the current GHN's prediction for <paramref name="graph"/> on <paramref name="images"/>.</summary>
    public double ZeroShotAccuracy(ArchitectureGraph graph, ImageSet images)
    {
        using var scope = NewDisposeScope();
        var predicted = Network.Predict(graph.ToPrimitiveGraph());
        return new BatchStatisticsEvaluator(graph).Accuracy(DefaultInitialization.WithPredicted(graph, predicted, seed: 0, Network.Device), images, _normalization);
    }

    /// <summary>Writes the latest checkpoint into <paramref name="directory"/>, and the GHN as the best one when the last validation was the best.</summary>
    public void SaveCheckpoint(string directory)
    {
        TrainingCheckpoint.Write(directory, Network, _optimizer, new TrainerState
        {
            Options = Options,
            Step = Step,
            ArchitecturePosition = _architectures.Position,
            BatchPosition = _batches.Position,
            ClippedSteps = ClippedSteps,
            SkippedSteps = SkippedSteps,
            TrainingSeconds = TrainingSeconds,
            BestValidationAccuracy = BestValidationAccuracy,
            BestStep = BestStep,
            DataSource = _dataSource,
        });
        if (BestStep == Step)
        {
            TrainingCheckpoint.WriteBest(directory, Network);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _optimizer.Dispose();
        Network.Dispose();
    }
}
