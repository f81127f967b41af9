namespace Ghn.Training.Training;

/// <summary>
/// The part of a meta-training checkpoint besides the GHN's weights and the optimiser's moments: the options
/// and every position a resumed run needs to draw exactly the architectures, images and random numbers the
/// uninterrupted run would have drawn, plus running totals for reports. Stored as JSON.
/// </summary>
public sealed record TrainerState
{
    /// <summary>The run's options.</summary>
    public required MetaTrainingOptions Options { get; init; }

    /// <summary>Completed steps; the schedule and the per-step random seed follow from it.</summary>
    public required long Step { get; init; }

    /// <summary>The architecture sampler's position.</summary>
    public required long ArchitecturePosition { get; init; }

    /// <summary>The image batch sampler's position.</summary>
    public required long BatchPosition { get; init; }

    /// <summary>Steps whose gradient was clipped.</summary>
    public required long ClippedSteps { get; init; }

    /// <summary>Steps skipped because their loss or gradient was not finite.</summary>
    public required long SkippedSteps { get; init; }

    /// <summary>Wall time spent in training steps and validations so far.</summary>
    public required double TrainingSeconds { get; init; }

    /// <summary>The best mean validation accuracy so far (NaN before the first validation).</summary>
    public required double BestValidationAccuracy { get; init; }

    /// <summary>The step after which the best validation accuracy was measured (-1 before the first validation).</summary>
    public required long BestStep { get; init; }

    /// <summary>Where the training data came from (for the log; a resumed run warns if it differs).</summary>
    public required string DataSource { get; init; }
}
