namespace Ghn.Extraction.Values;

/// <summary>The result of <c>torch.NewDisposeScope()</c>: memory management only, so it has no effect on the graph.</summary>
internal sealed class DisposeScopeValue
{
    public static readonly DisposeScopeValue Instance = new();

    private DisposeScopeValue()
    {
    }
}
