using Ghn.Graphs;
using static TorchSharp.torch;

namespace Ghn.Training.Evaluation;

/// <summary>
/// The parameters a freshly constructed TorchSharp model holds, for any <see cref="ArchitectureGraph"/>: the
/// baseline predicted parameters are compared with. Conv and linear weights and biases are uniform in
/// ±1/√fan_in (TorchSharp's <c>reset_parameters</c>: kaiming_uniform with a = √5), norm weights 1, biases 0.
/// </summary>
public static class DefaultInitialization
{
    /// <summary>
    /// What a model holds after <c>ApplyGhnInit()</c>: the <paramref name="predicted"/> parameters, and its own default
    /// initialisation for those the GHN does not predict (a class token, recurrent weights), drawn on
    /// <paramref name="device"/> when given (the predicted ones' device), else on the CPU.
    /// </summary>
    public static Dictionary<string, Tensor> WithPredicted(ArchitectureGraph graph, IReadOnlyDictionary<string, Tensor> predicted, int seed, Device? device = null)
    {
        // Only the parameters the GHN left out are drawn: a predicted ResNet-18 would otherwise draw 11 M values to discard.
        var parameters = Create(graph, seed, parameter => !predicted.ContainsKey(parameter.Name));
        if (device is not null)
        {
            foreach (var name in parameters.Keys.ToArray())
            {
                parameters[name] = parameters[name].to(device);
            }
        }

        foreach (var (name, value) in predicted)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    /// <summary>Seeded default parameters for every parameter of <paramref name="graph"/>, keyed by name.</summary>
    public static Dictionary<string, Tensor> For(ArchitectureGraph graph, int seed) => Create(graph, seed, _ => true);

    private static Dictionary<string, Tensor> Create(ArchitectureGraph graph, int seed, Func<TensorSpec, bool> include)
    {
        using var generator = new Generator((ulong)seed);
        var parameters = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            var weight = node.FindParameter("weight");
            var fanIn = weight is null ? 1 : weight.Shape.Skip(1).Aggregate(1L, (n, d) => n * d);
            var uniform = node.Kind is OpKind.Conv2d or OpKind.Linear;
            foreach (var parameter in node.Parameters.Where(include))
            {
                var shape = parameter.Shape.Select(d => (long)d).ToArray();
                parameters[parameter.Name] = uniform
                    ? rand(shape, generator: generator).mul_(2).sub_(1).div_(Math.Sqrt(fanIn))
                    : parameter.Role == "weight" ? ones(shape) : zeros(shape);
            }
        }

        return parameters;
    }
}
