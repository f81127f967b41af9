using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Modules;

/// <summary>
/// TorchSharp 0.107's <c>RegisterComponents()</c>: once per module, every instance field that holds a module
/// becomes a child named by the field (<c>&lt;Prop&gt;k__BackingField</c> for an auto-property) unless
/// <c>[ComponentName]</c> renames it. Fields come as its reflection walk lists them: <c>GetFields</c> of the
/// runtime type, then of each base type (so base classes' private fields count too), the first field of each
/// name winning; a name already registered (by <c>register_module</c>) is skipped.
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
            var name = ComponentName(context, field);
            if (module.Components.Any(c => c.Name == name) || module.Tensors.Any(t => t.Name == name))
            {
                continue;
            }

            switch (module.Fields.TryGetValue(field, out var value) ? value : null)
            {
                case ModuleInstance child:
                    ContainerItems.Add(context, module, name, child, at);
                    break;
                case ModelTensor tensor:
                    // A Parameter field becomes a parameter, any other tensor field a (persistent) buffer.
                    AddTensor(module, name, tensor, at);
                    break;
            }
        }
    }

    /// <summary>Registers a parameter or buffer (<c>register_parameter</c>, <c>register_buffer</c>, a tensor field).</summary>
    public static void AddTensor(UserModule module, string name, ModelTensor tensor, IOperation at)
    {
        if (tensor.Shape is null)
        {
            throw new ExtractionException(ExtractionDiagnostics.TensorShapeUnknown, at, name);
        }

        if (module.Components.Any(c => c.Name == name) || module.Tensors.Any(t => t.Name == name))
        {
            throw new ExtractionException(ExtractionDiagnostics.DuplicateComponentName, at, name);
        }

        module.Tensors.Add((name, tensor));
    }

    /// <summary>Reports a model whose fields hold submodules that TorchSharp would never register.</summary>
    public static void Verify(ExtractionContext context, UserModule model)
    {
        if (model.ComponentsRegistered || model.Components.Count > 0)
        {
            return;
        }

        if (RegisteredFields(context, model.Type).Any(f => model.Fields.TryGetValue(f, out var v) && v is ModuleInstance))
        {
            throw new ExtractionException(
                ExtractionDiagnostics.ComponentsNotRegistered,
                model.Type.Locations.FirstOrDefault(),
                model.Type.Name);
        }
    }

    private static IEnumerable<IFieldSymbol> RegisteredFields(ExtractionContext context, INamedTypeSymbol type)
    {
        var levels = new List<INamedTypeSymbol>();
        for (var current = type; SourceCode.IsUserType(current); current = current.BaseType)
        {
            levels.Add(current);
        }

        // GetFields(Public | NonPublic | Instance) on a level lists its own fields, then the non-private ones it inherits.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var level = 0; level < levels.Count; level++)
        {
            for (var declaring = level; declaring < levels.Count; declaring++)
            {
                foreach (var field in context.Source.Layout(levels[declaring]).InstanceFields)
                {
                    if ((declaring == level || field.DeclaredAccessibility != Accessibility.Private) && seen.Add(field.Name))
                    {
                        yield return field.OriginalDefinition;
                    }
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
