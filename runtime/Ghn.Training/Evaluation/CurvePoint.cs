namespace Ghn.Training.Evaluation;

/// <summary>One point of a fine-tuning curve.</summary>
/// <param name="Step">SGD steps taken.</param>
/// <param name="Accuracy">Test accuracy after them.</param>
public readonly record struct CurvePoint(int Step, double Accuracy);
