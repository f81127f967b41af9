namespace Ghn.Graphs;

/// <summary>
/// Turns an <see cref="ArchitectureGraph"/> into the GHN's <see cref="PrimitiveGraph"/>, following the
/// reference conventions (ppuda/ghn3 <c>graph.py</c>):
/// one node per weight tensor, a conv/linear bias as its own node right after its weight, BatchNorm and
/// LayerNorm as one node carrying the weight shape, activations/dropout/reshapes as plain edges, sums,
/// products and concatenations of two or more distinct inputs as <c>sum</c>/<c>cse</c>/<c>concat</c>.
/// </summary>
internal static class PrimitiveGraphBuilder
{
    public static PrimitiveGraph Build(ArchitectureGraph graph)
    {
        var nodes = new List<Pending> { new(PrimitiveType.Input, null, null, 0) };
        var edges = new List<(int, int)>();
        var sources = new int[graph.Nodes.Count][];
        sources[0] = [0];
        var feedsGate = FindGateSqueezes(graph);
        var parameterNodes = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstReaders = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var id = 1; id < graph.Nodes.Count; id++)
        {
            var node = graph.Nodes[id];
            var inputs = node.Inputs.SelectMany(i => sources[i]).Distinct().ToArray();

            // A parameter has one node, at its first reader. A later reader (a layer called again, a tied weight)
            // adds none: what it computes comes from its inputs and from the first reader's result, as the
            // reference's one autograd leaf per tensor connects both uses.
            if (node.Parameters.Count > 0 && node.Parameters.All(p => firstReaders.ContainsKey(p.Name)))
            {
                sources[id] = [.. inputs.Concat(sources[firstReaders[node.Parameters[0].Name]]).Distinct()];
                continue;
            }

            foreach (var parameter in node.Parameters)
            {
                if (!firstReaders.ContainsKey(parameter.Name))
                {
                    firstReaders[parameter.Name] = id;
                }
            }

            // A layer with a tied weight and a bias of its own: the weight's node is the first reader's.
            int[] Add(PrimitiveType type, string? param, IReadOnlyList<int>? shape, params int[] from)
            {
                if (param is not null && parameterNodes.TryGetValue(param, out var earlier))
                {
                    return [.. from.Append(earlier).Distinct()];
                }

                var index = nodes.Count;
                nodes.Add(new Pending(type, param, shape, id));
                edges.AddRange(from.Select(f => (f, index)));
                if (param is not null)
                {
                    parameterNodes[param] = index;
                }

                return [index];
            }

            var several = inputs.Length > 1;
            sources[id] = OpDefinitions.Of(node.Kind).Primitive switch
            {
                PrimitiveMapping.Input or PrimitiveMapping.None => [],
                // A layer whose weight is computed in forward (functional.linear with another layer's weight, read as
                // a tensor) owns no parameter: a product of activations, the nearest primitive.
                PrimitiveMapping.WeightAndBias when node.Parameters.Count == 0 => several ? Add(PrimitiveType.Cse, null, null, inputs) : inputs,
                PrimitiveMapping.WeightAndBias => AddWeightAndBias(node, inputs, Add),
                PrimitiveMapping.EmbeddingTable => Add(PrimitiveType.PosEnc, node.FindParameter("weight")!.Name, node.FindParameter("weight")!.Shape, inputs),
                PrimitiveMapping.BatchNorm when node.FindParameter("weight") is { } w => Add(PrimitiveType.BatchNorm, w.Name, w.Shape, inputs),
                PrimitiveMapping.LayerNorm when node.FindParameter("weight") is { } w => Add(PrimitiveType.LayerNorm, w.Name, w.Shape, inputs),
                PrimitiveMapping.MaxPool => Add(PrimitiveType.MaxPool, null, PoolShape(node), inputs),
                PrimitiveMapping.AvgPool => Add(PrimitiveType.AvgPool, null, PoolShape(node), inputs),
                PrimitiveMapping.GlobalAverage when IsGlobalAverage(node) && !feedsGate[id] => Add(PrimitiveType.GlobalAvg, null, null, inputs),
                // A sum, product or concatenation of a single distinct input is redundant and is dropped.
                PrimitiveMapping.Sum when several => Add(PrimitiveType.Sum, null, null, inputs),
                PrimitiveMapping.Product when several => Add(PrimitiveType.Cse, null, null, inputs),
                PrimitiveMapping.Concat when several => Add(PrimitiveType.Concat, null, null, inputs),
                PrimitiveMapping.ModelTensor when node.IsPositionEmbedding => Add(PrimitiveType.PosEnc, node.Parameters[0].Name, node.Parameters[0].Shape),
                PrimitiveMapping.ModelTensor => [],
                PrimitiveMapping.ProjectedAttention when node.Attribute("result").AsInt() == 0 => Attention(node, inputs, Add),
                PrimitiveMapping.ProjectedAttention => [],
                PrimitiveMapping.Attention => Add(PrimitiveType.Msa, null, null, inputs),
                _ => inputs,
            };
        }

        // With several results (a policy and a value head), the first is the one whose last layer is the classifier.
        var classifier = FindClassifier(graph, nodes, sources[graph.Output.Inputs[0]]);
        var result = nodes.Select((n, i) => new PrimitiveNode(
            i,
            n.Type,
            n.Param,
            n.Shape,
            n.ArchitectureNode != classifier ? ClassifierRole.None : n.Type == PrimitiveType.Bias ? ClassifierRole.Bias : ClassifierRole.Weight));
        return new PrimitiveGraph(result, edges);
    }

    private static int[] AddWeightAndBias(OpNode node, int[] inputs, Func<PrimitiveType, string?, IReadOnlyList<int>?, int[], int[]> add)
    {
        var weight = node.FindParameter("weight")
            ?? throw new GraphFormatException($"Node {node.Id} ({node.Kind.ToName()}) has no weight parameter.");
        var type = PrimitiveType.Conv;
        if (node.Kind is OpKind.Conv2d or OpKind.ConvTranspose2d && node.Attribute("groups").AsInt() > 1)
        {
            type = node.Attribute("dilation").AsInts().Any(d => d > 1) ? PrimitiveType.DilConv : PrimitiveType.SepConv;
        }

        var output = add(type, weight.Name, weight.Shape, inputs);
        return node.FindParameter("bias") is { } bias ? add(PrimitiveType.Bias, bias.Name, bias.Shape, output) : output;
    }

    /// <summary>As the reference builds attention: the input projection (conv, bias), msa, the output projection (conv, bias).</summary>
    private static int[] Attention(OpNode node, int[] inputs, Func<PrimitiveType, string?, IReadOnlyList<int>?, int[], int[]> add)
    {
        int[] Project(string weightRole, string biasRole, int[] from)
        {
            var weight = node.FindParameter(weightRole)!;
            var output = add(PrimitiveType.Conv, weight.Name, weight.Shape, from);
            return node.FindParameter(biasRole) is { } bias ? add(PrimitiveType.Bias, bias.Name, bias.Shape, output) : output;
        }

        var attended = add(PrimitiveType.Msa, null, null, Project("in_proj_weight", "in_proj_bias", inputs));
        return Project("weight", "bias", attended);
    }

    private static int[] PoolShape(OpNode node)
    {
        var kernel = node.Attribute("kernel").AsInts();
        return [1, 1, kernel[0], kernel.Count > 1 ? kernel[1] : kernel[0]];
    }

    private static bool IsGlobalAverage(OpNode node) => node.Kind == OpKind.AdaptiveAvgPool2d
        ? node.Attribute("output_size").AsInts().All(s => s == 1)
        : node.Attribute("dims").AsInts().Select(d => d < 0 ? d + 4 : d).OrderBy(d => d).SequenceEqual([2, 3]);

    /// <summary>
    /// Marks the nodes from which an elementwise product is reachable. A global average pool there is the
    /// squeeze of a squeeze-and-excitation gate, which the reference folds into the <c>cse</c> node instead of
    /// listing it as <c>glob_avg</c> (only the classifier's global pool is a node).
    /// </summary>
    private static bool[] FindGateSqueezes(ArchitectureGraph graph)
    {
        var reachesProduct = new bool[graph.Nodes.Count];
        for (var id = graph.Nodes.Count - 1; id >= 0; id--)
        {
            var node = graph.Nodes[id];
            foreach (var input in node.Inputs)
            {
                reachesProduct[input] |= reachesProduct[id] || node.Kind == OpKind.Mul;
            }
        }

        return reachesProduct;
    }

    /// <summary>The final classifier is the linear or conv layer whose output is the network's output, through parameter-free ops only.</summary>
    private static int FindClassifier(ArchitectureGraph graph, List<Pending> nodes, int[] outputSources)
    {
        if (outputSources.Length != 1)
        {
            return -1;
        }

        var source = nodes[outputSources[0]];
        return source.Param is not null && graph.Nodes[source.ArchitectureNode].Kind is OpKind.Linear or OpKind.Conv2d ? source.ArchitectureNode : -1;
    }

    private readonly record struct Pending(PrimitiveType Type, string? Param, IReadOnlyList<int>? Shape, int ArchitectureNode);
}
