using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Modules;

/// <summary>Adds children to Sequential/ModuleList/ModuleDict as TorchSharp names them.</summary>
internal static class ContainerItems
{
    /// <summary>Adds a module (named by position) or a (name, module) pair (named by key).</summary>
    public static void Add(ContainerModule container, object? item, IOperation at)
    {
        switch (item)
        {
            case ModuleInstance module:
                container.Append(module);
                break;
            case TupleValue { Items: [string name, ModuleInstance module] }:
                Add(container, name, module, at);
                break;
            case null:
                throw new ExtractionException(ExtractionDiagnostics.NullValue, at, "A module added to the container");
            default:
                throw new ExtractionException(ExtractionDiagnostics.UnsupportedConstruct, at, $"Adding '{Numeric.Format(item)}' to a {container.Kind}");
        }
    }

    /// <summary>Adds a named child; names are unique within a module, as TorchSharp requires.</summary>
    public static void Add(ModuleInstance container, string name, ModuleInstance module, IOperation at)
    {
        if (container.Components.Any(c => c.Name == name))
        {
            throw new ExtractionException(ExtractionDiagnostics.DuplicateComponentName, at, name);
        }

        container.Components.Add(new Component(name, module));
    }
}
