using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// Several graphs as dense, zero-padded tensors so that one forward pass serves them all: node types and
/// shape indices (B, N), (B, N, 4), distances (B, N, N), and the mask of real nodes (B, N).
/// </summary>
internal sealed class GraphBatch
{
    public GraphBatch(IReadOnlyList<GraphFeatures> graphs, Device device)
    {
        Graphs = graphs;
        MaxNodes = graphs.Max(g => g.NodeCount);
        var (b, m) = ((long)graphs.Count, (long)MaxNodes);
        var types = new long[b * m];
        var shapes = new long[b * m * 4];
        var distances = new long[b * m * m];
        var mask = new bool[b * m];
        for (var g = 0; g < graphs.Count; g++)
        {
            var graph = graphs[g];
            var n = graph.NodeCount;
            Array.Copy(graph.Types, 0, types, g * m, n);
            Array.Copy(graph.ShapeIndices, 0, shapes, g * m * 4, n * 4);
            for (var i = 0; i < n; i++)
            {
                Array.Copy(graph.Distances, i * n, distances, (g * m * m) + (i * m), n);
                mask[(g * m) + i] = true;
            }
        }

        NodeTypes = tensor(types, [b, m], device: device);
        ShapeIndices = tensor(shapes, [b, m, 4], device: device);
        Distances = tensor(distances, [b, m, m], device: device);
        NodeMask = tensor(mask, [b, m], device: device);
    }

    public IReadOnlyList<GraphFeatures> Graphs { get; }

    public int MaxNodes { get; }

    public Tensor NodeTypes { get; }

    public Tensor ShapeIndices { get; }

    public Tensor Distances { get; }

    public Tensor NodeMask { get; }

    /// <summary>Row of node <paramref name="node"/> of graph <paramref name="graph"/> in the flattened (B·N, C) embeddings.</summary>
    public long Row(int graph, int node) => ((long)graph * MaxNodes) + node;
}
