namespace Ghn.Training.Training;

/// <summary>What a run started from another GHN's checkpoint took from it.</summary>
/// <param name="Config">The initial GHN's configuration (its decoder may differ from the run's, which then decodes the same tensors its own way).</param>
/// <param name="Copied">How many of the run's GHN tensors came from it: all unless the decoder's tensors, <c>max_shape</c> or class count differ.</param>
/// <param name="Total">How many tensors the run's GHN has.</param>
public sealed record InitialWeights(GhnConfig Config, int Copied, int Total);
