using Ghn.Graphs;

namespace Ghn;

/// <summary>One tensor to predict from a parameter node: its name and shape, and how to take it from the decoded block.</summary>
/// <param name="Name">The network's parameter name.</param>
/// <param name="Shape">The parameter's shape.</param>
/// <param name="VectorIndex">For 1-D tensors, which of <c>decoder_1d</c>'s two vectors: 0 for weights, 1 for biases.</param>
/// <param name="IsWeight">Weight (true) or bias (false); decides the normalisation of 1-D tensors.</param>
internal readonly record struct PredictedTensor(string Name, IReadOnlyList<int> Shape, int VectorIndex, bool IsWeight);

/// <summary>A parameter node of one graph in a batch, with its row in the node embeddings.</summary>
internal sealed record ParameterSlot(int Graph, long Row, PrimitiveNode Node)
{
    /// <summary>
    /// The tensors this node stands for. A BatchNorm or LayerNorm node also yields its bias, which is not a
    /// node of the graph: named like the weight with <c>.bias</c>, taken from <c>decoder_1d</c>'s second vector.
    /// </summary>
    public IEnumerable<PredictedTensor> Tensors()
    {
        var name = Node.Param!;
        var shape = Node.Shape!;
        if (Node.Type == PrimitiveType.Bias)
        {
            yield return new PredictedTensor(name, shape, 1, false);
            yield break;
        }

        yield return new PredictedTensor(name, shape, 0, true);
        if (shape.Count == 1 && Node.Type is PrimitiveType.BatchNorm or PrimitiveType.LayerNorm)
        {
            const string weightSuffix = ".weight";
            if (!name.EndsWith(weightSuffix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Node {Node}: a norm node's parameter must end with \"{weightSuffix}\" so that its bias can be named.");
            }

            yield return new PredictedTensor(name[..^weightSuffix.Length] + ".bias", shape, 1, false);
        }
    }
}

/// <summary>The reference's <c>_map_net_params</c>: parameter nodes of all graphs of a batch, grouped by decoder key.</summary>
internal static class ParameterMapping
{
    public static IReadOnlyDictionary<ParameterGroupKey, List<ParameterSlot>> Group(GraphBatch batch, IReadOnlyList<int> maxShape, bool wideLinearPositions)
    {
        var groups = new Dictionary<ParameterGroupKey, List<ParameterSlot>>();
        for (var g = 0; g < batch.Graphs.Count; g++)
        {
            foreach (var node in batch.Graphs[g].Graph.Nodes)
            {
                if (node.Param is null)
                {
                    continue;
                }

                if (node.Shape is null)
                {
                    throw new ArgumentException($"Node {node} owns parameter \"{node.Param}\" but has no shape; the GHN needs it to predict the tensor.");
                }

                var key = ParameterGroupKey.For(node, maxShape, wideLinearPositions);
                if (!groups.TryGetValue(key, out var slots))
                {
                    groups[key] = slots = [];
                }

                slots.Add(new ParameterSlot(g, batch.Row(g, node.Id), node));
            }
        }

        return groups;
    }
}
