namespace Ghn.Extraction.Values;

/// <summary>
/// A module's <c>training</c> flag in forward: known only when the graph runs, so it may select dropout's
/// behaviour (<c>functional.dropout(x, p, training)</c>) but not a branch.
/// </summary>
internal sealed class TrainingMode
{
    public static readonly TrainingMode Instance = new();

    private TrainingMode()
    {
    }
}
