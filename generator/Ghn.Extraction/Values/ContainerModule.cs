namespace Ghn.Extraction.Values;

/// <summary>What a <see cref="ContainerModule"/> is.</summary>
internal enum ContainerKind
{
    /// <summary><c>Sequential</c>: calling it calls its children in order.</summary>
    Sequential,

    /// <summary><c>ModuleList</c>: indexed, enumerated, not callable.</summary>
    ModuleList,

    /// <summary><c>ModuleDict</c>: keyed, enumerated, not callable.</summary>
    ModuleDict,
}

/// <summary>A TorchSharp container module; its children are its components.</summary>
internal sealed class ContainerModule(ContainerKind kind) : ModuleInstance
{
    public ContainerKind Kind { get; } = kind;

    public override string Description => Kind.ToString();
}
