namespace Ghn.Extraction.Interpreter;

/// <summary>The limits of one extraction's <see cref="Budget"/>.</summary>
/// <param name="MaxSteps">Evaluation steps (one per operation evaluated or statement executed).</param>
/// <param name="MaxCallDepth">Nested user-code calls.</param>
/// <param name="MaxGraphNodes">Ops in the traced graph.</param>
/// <param name="MaxMilliseconds">
/// Wall-clock time: only a safety net for steps that are unexpectedly slow. It is set well above what the step
/// budget takes, so that whether a model extracts never depends on how loaded the machine is.
/// </param>
internal sealed record BudgetLimits(int MaxSteps, int MaxCallDepth, int MaxGraphNodes, int MaxMilliseconds)
{
    /// <summary>
    /// Far above what a ResNet-152 or DenseNet-264 needs (a ResNet-50 takes a few tens of thousands of steps
    /// and under 200 ops), yet reached within a second by an endless loop on an idle machine.
    /// </summary>
    public static readonly BudgetLimits Default = new(MaxSteps: 1_000_000, MaxCallDepth: 256, MaxGraphNodes: 20_000, MaxMilliseconds: 10_000);
}
