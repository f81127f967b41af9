namespace Ghn.Training.Training;

/// <summary>What one meta-training step measured.</summary>
/// <param name="Step">The step's number (0 for the first).</param>
/// <param name="Loss">Cross-entropy averaged over the meta-batch's architectures (without the predicted-parameter regularisation).</param>
/// <param name="Accuracy">Training accuracy over all images of the meta-batch.</param>
/// <param name="LearningRate">The learning rate the step used.</param>
/// <param name="GradientNorm">The gradient norm before clipping.</param>
/// <param name="Clipped">Whether the gradient was rescaled to the clipping threshold.</param>
/// <param name="Skipped">Whether the update was skipped because the loss or the gradient was not finite.</param>
/// <param name="Seconds">Wall time of the step.</param>
public sealed record MetaStepResult(long Step, double Loss, double Accuracy, double LearningRate, double GradientNorm, bool Clipped, bool Skipped, double Seconds);
