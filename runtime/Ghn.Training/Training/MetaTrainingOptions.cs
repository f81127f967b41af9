using Ghn.Training.Sampling;

namespace Ghn.Training.Training;

/// <summary>
/// Everything that determines a meta-training run: the GHN's size, the architecture and data distributions,
/// the optimiser and schedule, and the bookkeeping intervals. Stored in every checkpoint, so a resumed run
/// continues with exactly the settings it started with. <see cref="TrainingPresets"/> names the tuned ones.
/// </summary>
public sealed record MetaTrainingOptions
{
    /// <summary>GHN <c>hid</c>: the node embedding size.</summary>
    public int Hid { get; init; } = 64;

    /// <summary>Which hypernetwork to train: GHN-3 (Graphormer layers, <see cref="Layers"/> and <see cref="Heads"/>) or GHN-2 (a gated graph network).</summary>
    public GhnArchitecture Architecture { get; init; } = GhnArchitecture.Ghn3;

    /// <summary>GHN Graphormer layers.</summary>
    public int Layers { get; init; } = 3;

    /// <summary>GHN attention heads per layer.</summary>
    public int Heads { get; init; } = 8;

    /// <summary>GHN <c>max_shape</c> (out, in, height, width); larger tensors are tiled.</summary>
    public int[] MaxShape { get; init; } = [64, 64, 7, 7];

    /// <summary>The GHN's weight decoder: the reference's conv decoder, or a low-rank one of rank <see cref="Rank"/> (GHN-3 only).</summary>
    public GhnDecoder Decoder { get; init; } = GhnDecoder.Conv;

    /// <summary>The rank of a low-rank decoder's factors; 0 for the conv decoder.</summary>
    public int Rank { get; init; }

    /// <summary>The architecture family meta-training samples from (its training split only).</summary>
    public string Family { get; init; } = ArchitectureFamily.Mixed.Name;

    /// <summary>Architectures per meta-batch; their losses are averaged into one update.</summary>
    public int MetaBatchSize { get; init; } = 4;

    /// <summary>Images per architecture and step (each architecture of a meta-batch gets its own batch).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Whether training images are shifted and flipped (<see cref="Data.Augmentation.Default"/>).</summary>
    public bool Augment { get; init; } = true;

    /// <summary>Steps of the schedule: the run ends there and the cosine decay reaches zero there.</summary>
    public int TotalSteps { get; init; } = 3000;

    /// <summary>Steps of linear warm-up from <see cref="WarmupStartFactor"/>·lr to lr.</summary>
    public int WarmupSteps { get; init; } = 50;

    /// <summary>The learning rate at the start of warm-up, as a fraction of <see cref="LearningRate"/>.</summary>
    public double WarmupStartFactor { get; init; } = 0.01;

    /// <summary>AdamW's peak learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>AdamW's decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-2;

    /// <summary>The gradient norm above which gradients are rescaled (0: no clipping).</summary>
    public double GradientClip { get; init; } = 5;

    /// <summary>Label smoothing of the cross-entropy.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>
    /// Weight of GHN-3's predicted-parameter regularisation (the reference's 3e-5): this factor times the sum of
    /// the Frobenius norms of every predicted tensor is added to each architecture's loss.
    /// </summary>
    public double PredictedParameterDecay { get; init; } = 3e-5;

    /// <summary>Fraction of every class of the training set held out for validation.</summary>
    public double ValidationFraction { get; init; } = 1.0 / 12;

    /// <summary>Held-out architectures evaluated at every validation.</summary>
    public int ValidationArchitectures { get; init; } = 12;

    /// <summary>Validation images each of those architectures is evaluated on.</summary>
    public int ValidationImages { get; init; } = 1024;

    /// <summary>Steps between validations (and best-checkpoint updates).</summary>
    public int ValidationInterval { get; init; } = 100;

    /// <summary>Steps between checkpoints of the latest state.</summary>
    public int CheckpointInterval { get; init; } = 25;

    /// <summary>Fixes the architectures, the data order, the augmentation and the GHN's initialisation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// A GHN checkpoint whose weights start a new run instead of a random initialisation (continued training, or a
    /// GHN adapted to other data); null for a random start. The optimizer and schedule start afresh. A checkpoint of
    /// another decoder, <c>max_shape</c> or class count but the same graph network (architecture, hid, layers, heads)
    /// gives the tensors whose names and shapes agree; the others start from the initialisation.
    /// </summary>
    public string? InitialCheckpoint { get; init; }

    /// <summary>The GHN configuration these options describe, for <paramref name="classCount"/> classes.</summary>
    public GhnConfig CreateGhnConfig(int classCount) => Architecture == GhnArchitecture.Ghn3
        ? new(Hid, Layers, Heads, MaxShape, classCount, decoder: Decoder, rank: Rank)
        : new(Hid, layers: 1, heads: 0, MaxShape, classCount, architecture: GhnArchitecture.Ghn2);

    /// <summary>Checks the options; the message of the exception names the option and the fix.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        Require(MetaBatchSize > 0, nameof(MetaBatchSize), "must be positive");
        Require(BatchSize > 1, nameof(BatchSize), "must be at least 2 (BatchNorm needs batch statistics)");
        Require(TotalSteps > 0, nameof(TotalSteps), "must be positive");
        Require(WarmupSteps >= 0 && WarmupSteps < TotalSteps, nameof(WarmupSteps), "must be non-negative and below TotalSteps");
        Require(LearningRate > 0, nameof(LearningRate), "must be positive");
        Require(GradientClip >= 0, nameof(GradientClip), "must be non-negative (0 disables clipping)");
        Require(ValidationArchitectures > 0 && ValidationImages > 0, nameof(ValidationArchitectures), "and ValidationImages must be positive");
        Require(ValidationInterval > 0 && CheckpointInterval > 0, nameof(ValidationInterval), "and CheckpointInterval must be positive");
        ArchitectureFamily.Get(Family);
        // GhnConfig checks the GHN's own settings (hid, heads, max_shape) and names the offending key.
        _ = CreateGhnConfig(10);
    }

    private static void Require(bool condition, string option, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Meta-training option {option} {message}.", option);
        }
    }
}
