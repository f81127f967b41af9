using Ghn.Graphs;
using static TorchSharp.torch;

namespace Ghn.Initialization;

/// <summary>
/// Copies predicted parameters into a module by name, after checking that they are exactly the architecture's
/// predicted parameters with the module's shapes. The module's other parameters (of a module forward never calls, a
/// tensor forward reads directly) keep their values. Used by <see cref="GhnInitializer"/> for embedded weights and by
/// the GHN for weights it has just predicted.
/// </summary>
public static class PredictedParameters
{
    /// <summary>Checks <paramref name="values"/> against <paramref name="architecture"/> and <paramref name="module"/>, then copies them.</summary>
    /// <param name="module">The module to initialise.</param>
    /// <param name="architecture">Its architecture graph, whose <see cref="ArchitectureGraph.PredictedParameters"/> are expected.</param>
    /// <param name="values">The predicted tensors by parameter name.</param>
    /// <param name="source">What the values are, for messages: "The weights embedded for Models.Net".</param>
    /// <param name="remedy">What to do when they do not fit, appended to the message.</param>
    /// <exception cref="InvalidOperationException">A parameter is not predicted, not in the module or not in the architecture, or has another shape; the message names each.</exception>
    public static void Copy(nn.Module module, ArchitectureGraph architecture, IReadOnlyDictionary<string, Tensor> values, string source, string remedy)
    {
        var expected = architecture.PredictedParameters.Select(p => p.Name).ToList();
        var targets = module.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
        var problems = new List<string>();
        Describe(problems, "not predicted", expected.Where(name => !values.ContainsKey(name)));
        Describe(problems, "not in the module", expected.Where(name => !targets.ContainsKey(name)));
        Describe(problems, "not in the architecture", values.Keys.Except(expected, StringComparer.Ordinal));
        problems.AddRange(expected
            .Where(name => values.ContainsKey(name) && targets.ContainsKey(name) && !values[name].shape.SequenceEqual(targets[name].shape))
            .Select(name => $"\"{name}\" is [{string.Join(", ", targets[name].shape)}] in the module but [{string.Join(", ", values[name].shape)}] predicted"));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{source} do not fit the parameters of {module.GetName()}: {string.Join("; ", problems)}. {remedy}");
        }

        using var noGrad = no_grad();
        foreach (var name in expected)
        {
            targets[name].copy_(values[name]);
        }
    }

    private static void Describe(List<string> problems, string what, IEnumerable<string> names)
    {
        var list = names.Select(name => $"\"{name}\"").ToList();
        if (list.Count > 0)
        {
            problems.Add($"{what}: {string.Join(", ", list)}");
        }
    }
}
