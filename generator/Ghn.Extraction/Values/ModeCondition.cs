namespace Ghn.Extraction.Values;

/// <summary>
/// A condition on a module's <c>training</c> flag in forward (<c>training == false</c>, <c>!training</c>): the graph is
/// one for both modes, so a branch on it follows evaluation mode, the architecture that is shipped and evaluated.
/// </summary>
internal sealed class ModeCondition(bool inEvaluation)
{
    /// <summary>The condition's value in evaluation mode.</summary>
    public bool InEvaluation { get; } = inEvaluation;

    /// <summary>Whether <paramref name="value"/> depends on the training flag; then <paramref name="inEvaluation"/> is its value in evaluation mode.</summary>
    public static bool TryGet(object? value, out bool inEvaluation)
    {
        (var known, inEvaluation) = value switch
        {
            TrainingMode => (true, false),
            ModeCondition condition => (true, condition.InEvaluation),
            _ => (false, false),
        };
        return known;
    }
}
