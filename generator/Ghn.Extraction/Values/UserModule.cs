using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Values;

/// <summary>An instance of a user's module class; its forward is evaluated from source.</summary>
internal sealed class UserModule : ModuleInstance, IObjectState
{
    public UserModule(INamedTypeSymbol type)
    {
        Type = type;
        RuntimeType = type;
    }

    public INamedTypeSymbol Type { get; }

    public Dictionary<ISymbol, object?> Fields { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Its own registered parameters and buffers (tensor fields, <c>register_parameter</c>, <c>register_buffer</c>), in registration order.</summary>
    public List<(string Name, ModelTensor Tensor)> Tensors { get; } = [];

    /// <summary>True once <c>RegisterComponents()</c> ran: TorchSharp registers fields only once.</summary>
    public bool ComponentsRegistered { get; set; }

    public override string Description => Type.Name;
}
