using Ghn.Extraction.Values;

namespace Ghn.Extraction.Modules;

/// <summary>
/// TorchSharp's walks over a constructed module: <c>children()</c>, <c>named_modules()</c>,
/// <c>named_parameters()</c> and <c>apply(fn)</c>, as constructors use them to initialise weights.
/// </summary>
internal static class ModuleTree
{
    /// <summary><c>named_children()</c>: the registered submodules.</summary>
    public static IEnumerable<(string Name, ModuleInstance Module)> Children(ModuleInstance module) =>
        module.Components.Select(c => (c.Name, c.Module));

    /// <summary><c>named_modules()</c>: every descendant with its dotted path (TorchSharp leaves out the module itself).</summary>
    public static IEnumerable<(string Name, ModuleInstance Module)> Descendants(ModuleInstance module)
    {
        foreach (var (name, child) in Children(module))
        {
            yield return (name, child);
        }

        foreach (var (name, child) in Children(module))
        {
            foreach (var (path, descendant) in Descendants(child))
            {
                yield return (name + "." + path, descendant);
            }
        }
    }

    /// <summary><c>named_parameters()</c>: the layers' parameters with their dotted names.</summary>
    public static IEnumerable<(string Name, ParameterValue Parameter)> Parameters(ModuleInstance module)
    {
        var layers = new List<(string Path, ModuleInstance Module)> { ("", module) };
        layers.AddRange(Descendants(module));
        foreach (var (path, layer) in layers)
        {
            if (layer is LayerModule { Spec: var spec } owner)
            {
                foreach (var parameter in spec.Parameters)
                {
                    yield return (path.Length == 0 ? parameter.Role : path + "." + parameter.Role, owner.Tensor(parameter.Role));
                }
            }
        }
    }

    /// <summary><c>apply(fn)</c>'s order: each child's subtree first, then the module itself.</summary>
    public static IEnumerable<ModuleInstance> PostOrder(ModuleInstance module)
    {
        foreach (var (_, child) in Children(module))
        {
            foreach (var descendant in PostOrder(child))
            {
                yield return descendant;
            }
        }

        yield return module;
    }

    /// <summary>The shape of a layer's tensor.</summary>
    public static int[] Shape(ParameterValue tensor) =>
        tensor.Owner.Spec.Parameters.Concat(tensor.Owner.Spec.Buffers).First(t => t.Role == tensor.Role).Shape;

    /// <summary>A layer's tensor named <paramref name="role"/> (<c>conv.bias</c>), or null when it has none, as in TorchSharp.</summary>
    public static ParameterValue? Tensor(LayerModule layer, string role) =>
        layer.Spec.Parameters.Concat(layer.Spec.Buffers).Any(t => t.Role == role) ? layer.Tensor(role) : null;
}
