namespace Ghn.Training.Training;

/// <summary>A named, documented meta-training configuration (<c>ghn train --preset NAME</c>).</summary>
/// <param name="Name">The name the CLI takes.</param>
/// <param name="Description">What the preset is for.</param>
/// <param name="Options">The settings.</param>
public sealed record TrainingPreset(string Name, string Description, MetaTrainingOptions Options);
