namespace Ghn.Graphs;

/// <summary>
/// Computes the output shape of every node of an <see cref="ArchitectureGraph"/> from the input shape and
/// checks on the way that shapes agree: a convolution's input channels match its weight, a linear layer's
/// input features match its weight, normalisation sizes match, sums and products broadcast, concatenations
/// agree off their axis, and no spatial size shrinks below one pixel. The sampler runs it on every node it
/// adds, so a sampled graph is valid by construction; it works on any graph (extracted ones too).
/// </summary>
public static class ShapeInference
{
    /// <summary>The output shape of every node, indexed by node id.</summary>
    /// <param name="graph">The graph to check.</param>
    /// <param name="inputShape">The input's shape including the batch dimension, e.g. <c>[1, 1, 28, 28]</c>.</param>
    /// <exception cref="GraphFormatException">Shapes disagree somewhere; the message names the node and both shapes.</exception>
    public static IReadOnlyList<int[]> Infer(ArchitectureGraph graph, IReadOnlyList<int> inputShape)
    {
        var shapes = new int[graph.Nodes.Count][];
        shapes[0] = inputShape.ToArray();
        for (var id = 1; id < graph.Nodes.Count; id++)
        {
            var node = graph.Nodes[id];
            shapes[id] = InferNode(node, node.Inputs.Select(i => shapes[i]).ToArray());
        }

        return shapes;
    }

    /// <summary>The output shape of <paramref name="node"/> given the shapes of its inputs, in argument order.</summary>
    /// <exception cref="GraphFormatException">The input shapes do not fit the node.</exception>
    public static int[] InferNode(OpNode node, IReadOnlyList<int[]> inputs)
    {
        if (node.Kind is not (OpKind.Input or OpKind.Tensor) && inputs.Count == 0)
        {
            throw ShapeRules.Mismatch(node, "has no inputs");
        }

        return OpDefinitions.Of(node.Kind).Shape(node, inputs);
    }
}
