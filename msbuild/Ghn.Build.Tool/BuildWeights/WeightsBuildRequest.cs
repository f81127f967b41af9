using Ghn.Build.Tool.Projects;
using Ghn.Import;

namespace Ghn.Build.Tool.BuildWeights;

/// <summary>Everything <c>ghn build-weights</c> was asked to do.</summary>
/// <param name="Project">The compilation to read the models from.</param>
/// <param name="CheckpointPath">The GHN checkpoint that predicts the weights: a path or a hub id (see <see cref="CheckpointLocation"/>).</param>
/// <param name="CheckpointSha256">The SHA-256 the checkpoint file must have, or null.</param>
/// <param name="Device">Where the GHN runs.</param>
/// <param name="OutputDirectory">Where the per-model files go (the build embeds every file there).</param>
/// <param name="TreatFailuresAsErrors">Whether a model without predicted weights fails the build.</param>
/// <param name="DependencyFile">Where to write the source files the models' extraction read (one path per line), or null.</param>
internal sealed record WeightsBuildRequest(
    ProjectInputs Project,
    string CheckpointPath,
    string? CheckpointSha256,
    GhnDevice Device,
    string OutputDirectory,
    bool TreatFailuresAsErrors,
    string? DependencyFile = null);
