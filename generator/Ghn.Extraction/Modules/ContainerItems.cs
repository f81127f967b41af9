using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Modules;

/// <summary>Adds children to modules and containers as TorchSharp's <c>register_module</c> names and registers them.</summary>
internal static class ContainerItems
{
    /// <summary>Adds a module (named by position) or a (name, module) pair (named by key).</summary>
    public static void Add(ExtractionContext context, ContainerModule container, object? item, IOperation at)
    {
        switch (item)
        {
            case ModuleInstance module:
                Add(context, container, container.Components.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module, at);
                break;
            case TupleValue { Items: [string name, ModuleInstance module] }:
                Add(context, container, name, module, at);
                break;
            case UnknownValue:
                break;
            case null:
                throw new ExtractionException(ExtractionDiagnostics.NullValue, at, "A module added to the container");
            default:
                throw new ExtractionException(ExtractionDiagnostics.UnsupportedConstruct, at, $"Adding '{Numeric.Format(item)}' to a {container.Kind}");
        }
    }

    /// <summary>
    /// Adds a named child; names are unique within a module, as TorchSharp requires. Like <c>register_module</c>,
    /// this registers the child's own fields, so a submodule need not call <c>RegisterComponents()</c> itself.
    /// </summary>
    public static void Add(ExtractionContext context, ModuleInstance container, string name, ModuleInstance module, IOperation at)
    {
        if (container.Components.Any(c => c.Name == name))
        {
            throw new ExtractionException(ExtractionDiagnostics.DuplicateComponentName, at, name);
        }

        if (module is UserModule user)
        {
            Registration.RegisterComponents(context, user, at);
        }

        container.Components.Add(new Component(name, module));
    }
}
