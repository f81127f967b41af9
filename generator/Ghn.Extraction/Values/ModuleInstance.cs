using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Values;

/// <summary>
/// A module built by the evaluated constructor. <see cref="Components"/> are its registered submodules in
/// registration order, which is the order of TorchSharp's <c>named_parameters()</c>.
/// </summary>
internal abstract class ModuleInstance
{
    public List<Component> Components { get; } = [];

    /// <summary>The module's runtime type (<c>Conv2d</c>, <c>Sequential</c>, a user class), for type tests.</summary>
    public ITypeSymbol? RuntimeType { get; set; }

    /// <summary>Where the module was created, for diagnostics about it.</summary>
    public Location? Origin { get; set; }

    /// <summary>How the module reads in messages: its type or factory name.</summary>
    public abstract string Description { get; }

    public override string ToString() => Description;
}

/// <summary>A registered submodule and its name segment.</summary>
internal readonly record struct Component(string Name, ModuleInstance Module);
