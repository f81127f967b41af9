using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Modules;

/// <summary>
/// TorchSharp's <c>RegisterComponents()</c>: every instance field of the runtime type (declared fields first,
/// then inherited non-private ones, in declaration order) that holds a module becomes a child named by the
/// field (<c>&lt;Prop&gt;k__BackingField</c> for an auto-property) unless <c>[ComponentName]</c> renames it.
/// </summary>
internal static class Registration
{
    public static void RegisterComponents(ExtractionContext context, UserModule module, IOperation at)
    {
        if (module.ComponentsRegistered)
        {
            return;
        }

        module.ComponentsRegistered = true;
        foreach (var field in RegisteredFields(context, module.Type))
        {
            switch (module.Fields.TryGetValue(field, out var value) ? value : null)
            {
                case ModuleInstance child:
                    ContainerItems.Add(module, ComponentName(context, field), child, at);
                    break;
                case SymbolicTensor:
                    throw new ExtractionException(ExtractionDiagnostics.TensorInConstructor, at, field.Name);
            }
        }
    }

    /// <summary>Reports a module whose fields hold submodules that TorchSharp would never register.</summary>
    public static void Verify(ExtractionContext context, UserModule module)
    {
        if (module.ComponentsRegistered || module.Components.Count > 0)
        {
            return;
        }

        if (RegisteredFields(context, module.Type).Any(f => module.Fields.TryGetValue(f, out var v) && v is ModuleInstance))
        {
            throw new ExtractionException(
                ExtractionDiagnostics.ComponentsNotRegistered,
                module.Type.Locations.FirstOrDefault(),
                module.Type.Name);
        }
    }

    private static IEnumerable<IFieldSymbol> RegisteredFields(ExtractionContext context, INamedTypeSymbol type)
    {
        for (var current = type; SourceCode.IsUserType(current); current = current.BaseType)
        {
            var inherited = !SymbolEqualityComparer.Default.Equals(current, type);
            foreach (var field in context.Source.Layout(current).InstanceFields)
            {
                if (!inherited || field.DeclaredAccessibility != Accessibility.Private)
                {
                    yield return field.OriginalDefinition;
                }
            }
        }
    }

    private static string ComponentName(ExtractionContext context, IFieldSymbol field)
    {
        var attribute = field.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, context.Torch.ComponentName));
        var name = attribute?.NamedArguments.FirstOrDefault(n => n.Key == "Name").Value.Value as string;
        return name ?? field.Name;
    }
}
