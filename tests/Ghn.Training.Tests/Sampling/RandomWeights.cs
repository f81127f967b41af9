using Ghn.Graphs;
using static TorchSharp.torch;

namespace Ghn.Training.Tests.Sampling;

/// <summary>Random parameters and fresh buffers for a graph, as a TorchSharp module would hold them before training.</summary>
internal static class RandomWeights
{
    public static Dictionary<string, Tensor> For(ArchitectureGraph graph, int seed)
    {
        using var generator = new Generator((ulong)seed);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var parameter in graph.Parameters)
        {
            var shape = parameter.Shape.Select(d => (long)d).ToArray();
            tensors[parameter.Name] = parameter.Role switch
            {
                // He-style scaling keeps activations finite through deep BatchNorm-free stacks.
                "weight" when shape.Length > 1 => randn(shape, generator: generator) * Math.Sqrt(2.0 / shape.Skip(1).Aggregate(1L, (n, d) => n * d)),
                "weight" => ones(shape),
                _ => zeros(shape),
            };
        }

        foreach (var buffer in graph.Buffers)
        {
            var shape = buffer.Shape.Select(d => (long)d).ToArray();
            tensors[buffer.Name] = buffer.Role switch
            {
                "running_var" => ones(shape),
                "num_batches_tracked" => zeros(shape, ScalarType.Int64),
                _ => zeros(shape),
            };
        }

        return tensors;
    }
}
