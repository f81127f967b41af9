using Ghn.Graphs;

namespace Ghn;

/// <summary>
/// What GHN-3 reads from one primitive graph: node types, shape-vocabulary indices and the matrix of
/// directed shortest-path distances (the real edges are distance 1; "virtual edges" connect every other
/// pair joined by a path of at most <see cref="VirtualEdgeCutoff"/> hops; 0 means no path).
/// </summary>
internal sealed class GraphFeatures
{
    /// <summary>The reference's <c>ve_cutoff</c>.</summary>
    public const int VirtualEdgeCutoff = 50;

    private GraphFeatures(PrimitiveGraph graph, long[] types, long[] shapeIndices, long[] distances)
    {
        (Graph, Types, ShapeIndices, Distances) = (graph, types, shapeIndices, distances);
    }

    public PrimitiveGraph Graph { get; }

    public int NodeCount => Types.Length;

    /// <summary>Node type per node (the embedding row).</summary>
    public long[] Types { get; }

    /// <summary>Four shape-vocabulary indices per node, row-major (N, 4).</summary>
    public long[] ShapeIndices { get; }

    /// <summary>Distances (N, N), row-major: [i, j] is the hop count from i to j.</summary>
    public long[] Distances { get; }

    public static GraphFeatures From(PrimitiveGraph graph, ShapeEncoder shapeEncoder, bool virtualEdges)
    {
        var types = graph.Nodes.Select(node => (long)node.Type).ToArray();
        var shapeIndices = graph.Nodes.SelectMany(node => shapeEncoder.Indices(node.Shape)).ToArray();
        return new GraphFeatures(graph, types, shapeIndices, ShortestPaths(graph, virtualEdges ? VirtualEdgeCutoff : 1));
    }

    private static long[] ShortestPaths(PrimitiveGraph graph, int cutoff)
    {
        var n = graph.Nodes.Count;
        var successors = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            successors[i] = [];
        }

        foreach (var (source, target) in graph.Edges)
        {
            successors[source].Add(target);
        }

        var distances = new long[n * n];
        var queue = new Queue<int>();
        for (var source = 0; source < n; source++)
        {
            // Breadth-first search from each node; the diagonal stays 0 (no self-loops).
            queue.Enqueue(source);
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                var hops = node == source ? 0 : distances[(source * n) + node];
                if (hops == cutoff)
                {
                    continue;
                }

                foreach (var next in successors[node])
                {
                    if (next != source && distances[(source * n) + next] == 0)
                    {
                        distances[(source * n) + next] = hops + 1;
                        queue.Enqueue(next);
                    }
                }
            }
        }

        return distances;
    }
}
