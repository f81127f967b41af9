using Ghn.Graphs;

namespace Ghn.Corpus.Tests;

/// <summary>The isomorphism check itself: it accepts renumberings and rejects every kind of difference.</summary>
public sealed class PrimitiveGraphIsomorphismTests
{
    public static TheoryData<string> Fixtures => new(CorpusModels.All.Where(m => m.FixtureGraph is not null).Select(m => m.FixtureGraph!));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_graph_is_isomorphic_to_any_topological_renumbering_of_itself(string fixture)
    {
        var graph = ParityFixtureDirectory.Graph(fixture);
        for (var seed = 0; seed < 5; seed++)
        {
            Assert.Null(PrimitiveGraphIsomorphism.FindDifference(graph, Renumber(graph, new Random(seed))));
        }
    }

    [Fact]
    public void A_relabelled_node_is_reported()
    {
        var graph = ParityFixtureDirectory.Graph("tiny_cnn");
        var changed = new PrimitiveGraph(
            graph.Nodes.Select(n => n.Param == "features.3.weight" ? new PrimitiveNode(n.Id, n.Type, n.Param, [32, 16, 5, 5], n.Classifier) : n),
            graph.Edges);

        var difference = PrimitiveGraphIsomorphism.FindDifference(graph, changed);

        Assert.NotNull(difference);
        Assert.Contains("features.3.weight [32, 16, 3, 3]", difference);
    }

    [Fact]
    public void A_missing_edge_is_reported_with_the_nodes_it_joins()
    {
        var graph = ParityFixtureDirectory.Graph("residual_block");
        var skip = graph.Edges.First(e => graph.Nodes[e.Target].Type == PrimitiveType.Sum);
        var changed = new PrimitiveGraph(graph.Nodes, graph.Edges.Where(e => e != skip));

        var difference = PrimitiveGraphIsomorphism.FindDifference(graph, changed);

        Assert.NotNull(difference);
        Assert.Contains("sum", difference);
    }

    [Fact]
    public void Swapped_edge_targets_are_detected_although_every_node_keeps_its_degrees()
    {
        var graph = ParityFixtureDirectory.Graph("resnet18_narrow");
        // Two edges (a -> b), (c -> d) between distinct nodes, rewired as (a -> d), (c -> b): degrees stay equal.
        var edges = graph.Edges.ToList();
        var (first, second) = (from e in edges
                               from f in edges
                               where e.Source < f.Source && new[] { e.Source, e.Target, f.Source, f.Target }.Distinct().Count() == 4
                                     && e.Source < f.Target && f.Source < e.Target
                                     && !edges.Contains((e.Source, f.Target)) && !edges.Contains((f.Source, e.Target))
                               select (e, f)).First();
        edges.Remove(first);
        edges.Remove(second);
        edges.Add((first.Source, second.Target));
        edges.Add((second.Source, first.Target));

        Assert.NotNull(PrimitiveGraphIsomorphism.FindDifference(graph, new PrimitiveGraph(graph.Nodes, edges)));
    }

    /// <summary>The same graph with ids assigned in a random topological order.</summary>
    private static PrimitiveGraph Renumber(PrimitiveGraph graph, Random random)
    {
        var remainingInputs = new int[graph.Nodes.Count];
        foreach (var (_, target) in graph.Edges)
        {
            remainingInputs[target]++;
        }

        // The input stays node 0; other nodes without inputs (a position embedding) may come anywhere after it.
        var ready = Enumerable.Range(0, graph.Nodes.Count).Where(n => remainingInputs[n] == 0).ToList();
        var order = new List<int>();
        while (ready.Count > 0)
        {
            var next = order.Count == 0 ? 0 : ready[random.Next(ready.Count)];
            ready.Remove(next);
            order.Add(next);
            foreach (var (_, target) in graph.Edges.Where(e => e.Source == next))
            {
                if (--remainingInputs[target] == 0)
                {
                    ready.Add(target);
                }
            }
        }

        var newId = new int[graph.Nodes.Count];
        for (var i = 0; i < order.Count; i++)
        {
            newId[order[i]] = i;
        }

        return new PrimitiveGraph(
            order.Select((old, i) => graph.Nodes[old].WithId(i)),
            graph.Edges.Select(e => (newId[e.Source], newId[e.Target])));
    }
}
