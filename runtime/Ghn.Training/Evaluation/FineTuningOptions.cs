namespace Ghn.Training.Evaluation;

/// <summary>How to fine-tune a network from given initial parameters.</summary>
/// <param name="Steps">SGD steps.</param>
/// <param name="EvaluationInterval">Steps between points of the accuracy curve (step 0 and the last step are always evaluated).</param>
/// <param name="BatchSize">Training images per step.</param>
/// <param name="LearningRate">SGD's learning rate.</param>
/// <param name="Momentum">SGD's momentum.</param>
/// <param name="Seed">Fixes the data order and augmentation, so both initialisations see the same batches.</param>
public sealed record FineTuningOptions(int Steps, int EvaluationInterval, int BatchSize = 64, double LearningRate = 0.01, double Momentum = 0.9, int Seed = 1);
