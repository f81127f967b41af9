namespace Ghn.Extraction.Values;

/// <summary>
/// The result of <c>torch.NewDisposeScope()</c> or <c>torch.no_grad()</c>: memory management and autograd only,
/// so it has no effect on the graph.
/// </summary>
internal sealed class NoEffectScope
{
    public static readonly NoEffectScope Instance = new();

    private NoEffectScope()
    {
    }
}
