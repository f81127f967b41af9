using Ghn.Graphs;
using static TorchSharp.torch;

namespace Ghn.Training.Tests.Sampling;

/// <summary>Seeded random parameters and fresh buffers for a graph, as a newly constructed TorchSharp model holds them.</summary>
internal static class RandomWeights
{
    /// <summary>
    /// Conv and linear weights and biases uniform in ±1/√fan_in (what TorchSharp's <c>reset_parameters</c> gives,
    /// kaiming_uniform with a = √5), norm weights 1 and biases 0, running mean 0 and variance 1.
    /// </summary>
    public static Dictionary<string, Tensor> For(ArchitectureGraph graph, int seed)
    {
        using var generator = new Generator((ulong)seed);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var node in graph.Nodes)
        {
            var weight = node.FindParameter("weight");
            var fanIn = weight is null ? 1 : weight.Shape.Skip(1).Aggregate(1L, (n, d) => n * d);
            var convolutional = node.Kind is OpKind.Conv2d or OpKind.Linear;
            foreach (var parameter in node.Parameters)
            {
                var shape = Shape(parameter);
                tensors[parameter.Name] = convolutional
                    ? (rand(shape, generator: generator) * 2 - 1) / Math.Sqrt(fanIn)
                    : parameter.Role == "weight" ? ones(shape) : zeros(shape);
            }

            foreach (var buffer in node.Buffers)
            {
                tensors[buffer.Name] = buffer.Role switch
                {
                    "running_var" => ones(Shape(buffer)),
                    "num_batches_tracked" => zeros(Shape(buffer), ScalarType.Int64),
                    _ => zeros(Shape(buffer)),
                };
            }
        }

        return tensors;
    }

    /// <summary>A seeded standard-normal input batch.</summary>
    public static Tensor Input(int batchSize, int seed)
    {
        using var generator = new Generator((ulong)seed);
        return randn([batchSize, 1, 28, 28], generator: generator);
    }

    private static long[] Shape(TensorSpec spec) => spec.Shape.Select(d => (long)d).ToArray();
}
