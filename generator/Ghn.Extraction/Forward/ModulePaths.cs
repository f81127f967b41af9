using Ghn.Extraction.Values;

namespace Ghn.Extraction.Forward;

/// <summary>
/// The dotted path of every registered module (<c>layer1.0.conv1</c>), the prefix of its parameter names in
/// <c>named_parameters()</c>. Modules are keyed by identity.
/// </summary>
internal static class ModulePaths
{
    public static Dictionary<ModuleInstance, string> Compute(ModuleInstance root)
    {
        var paths = new Dictionary<ModuleInstance, string> { [root] = "" };
        Visit(root, "", paths);
        return paths;
    }

    private static void Visit(ModuleInstance module, string prefix, Dictionary<ModuleInstance, string> paths)
    {
        foreach (var component in module.Components)
        {
            if (paths.ContainsKey(component.Module))
            {
                continue;
            }

            var path = prefix + component.Name;
            paths[component.Module] = path;
            Visit(component.Module, path + ".", paths);
        }
    }
}
