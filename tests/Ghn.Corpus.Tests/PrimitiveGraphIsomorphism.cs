using System.Text;
using Ghn.Graphs;

namespace Ghn.Corpus.Tests;

/// <summary>
/// Decides whether two primitive graphs are isomorphic as labelled DAGs (label: type, param, shape, classifier
/// role; ids ignored), and otherwise says where they differ. Colour refinement (1-WL over in- and out-neighbours,
/// run on both graphs with shared colours) narrows every node to the nodes of the other graph with the same
/// neighbourhood; a backtracking search over those candidates then checks every edge, so a reported match is
/// always a true isomorphism.
/// </summary>
internal static class PrimitiveGraphIsomorphism
{
    private const int SearchBudget = 1_000_000;

    /// <summary>Null when the graphs are isomorphic; otherwise a description of the first difference found.</summary>
    public static string? FindDifference(PrimitiveGraph expected, PrimitiveGraph actual)
    {
        var reference = new Adjacency(expected);
        var candidate = new Adjacency(actual);

        var labelDifference = CompareLabels(reference, candidate);
        if (labelDifference is not null)
        {
            return labelDifference;
        }

        if (expected.Edges.Count != actual.Edges.Count)
        {
            return $"The reference has {expected.Edges.Count} edges, the extracted graph {actual.Edges.Count}.\n" + DescribeFirstStructuralDifference(reference, candidate);
        }

        var (referenceColours, candidateColours, refinementDifference) = Refine(reference, candidate);
        if (refinementDifference is not null)
        {
            return refinementDifference;
        }

        var budget = SearchBudget;
        var mapping = Enumerable.Repeat(-1, reference.Count).ToArray();
        var used = new bool[candidate.Count];
        return Match(0, reference, candidate, referenceColours, candidateColours, mapping, used, ref budget)
            ? null
            : budget <= 0
                ? "The search for an isomorphism ran out of budget; the graphs are too symmetric for this check."
                : "Every node has a counterpart with the same neighbourhood, but no edge-preserving one-to-one matching exists.";
    }

    private static string? CompareLabels(Adjacency reference, Adjacency candidate)
    {
        var expected = reference.Labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var actual = candidate.Labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var differences = expected.Keys.Union(actual.Keys)
            .Select(label => (label, expected: expected.GetValueOrDefault(label), actual: actual.GetValueOrDefault(label)))
            .Where(d => d.expected != d.actual)
            .Select(d => $"  '{d.label}': reference {d.expected}, extracted {d.actual}")
            .ToArray();
        return differences.Length == 0
            ? null
            : $"The node labels differ ({reference.Count} reference nodes, {candidate.Count} extracted):\n" + string.Join("\n", differences);
    }

    /// <summary>Refines colours round by round; the first round whose colour counts differ pinpoints the nodes whose neighbourhoods differ.</summary>
    private static (int[] Reference, int[] Candidate, string? Difference) Refine(Adjacency reference, Adjacency candidate)
    {
        var palette = new Dictionary<string, int>(StringComparer.Ordinal);
        int Colour(string signature) => palette.TryGetValue(signature, out var c) ? c : palette[signature] = palette.Count;

        var referenceColours = reference.Labels.Select(Colour).ToArray();
        var candidateColours = candidate.Labels.Select(Colour).ToArray();
        for (var round = 0; round < reference.Count; round++)
        {
            var nextReference = Step(reference, referenceColours, Colour);
            var nextCandidate = Step(candidate, candidateColours, Colour);
            var difference = CompareColours(reference, nextReference, candidate, nextCandidate);
            if (difference is not null)
            {
                return (nextReference, nextCandidate, difference);
            }

            var stable = nextReference.Distinct().Count() == referenceColours.Distinct().Count();
            referenceColours = nextReference;
            candidateColours = nextCandidate;
            if (stable)
            {
                break;
            }
        }

        return (referenceColours, candidateColours, null);
    }

    private static int[] Step(Adjacency graph, int[] colours, Func<string, int> colour) =>
        Enumerable.Range(0, graph.Count).Select(i => colour(
            $"{colours[i]}|in:{string.Join(",", graph.Predecessors[i].Select(p => colours[p]).OrderBy(c => c))}" +
            $"|out:{string.Join(",", graph.Successors[i].Select(s => colours[s]).OrderBy(c => c))}")).ToArray();

    private static string? CompareColours(Adjacency reference, int[] referenceColours, Adjacency candidate, int[] candidateColours)
    {
        var referenceCounts = referenceColours.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var candidateCounts = candidateColours.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        bool Unmatched(int colour) => referenceCounts.GetValueOrDefault(colour) != candidateCounts.GetValueOrDefault(colour);

        var referenceNodes = Enumerable.Range(0, reference.Count).Where(i => Unmatched(referenceColours[i])).ToArray();
        if (referenceNodes.Length == 0)
        {
            return null;
        }

        var candidateNodes = Enumerable.Range(0, candidate.Count).Where(i => Unmatched(candidateColours[i])).ToArray();
        var text = new StringBuilder("The graphs are wired differently around these nodes (same labels, different neighbours):\n");
        foreach (var node in referenceNodes)
        {
            text.Append("  reference ").Append(reference.Describe(node)).Append('\n');
            foreach (var twin in candidateNodes.Where(c => candidate.Labels[c] == reference.Labels[node]))
            {
                text.Append("  extracted ").Append(candidate.Describe(twin)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string DescribeFirstStructuralDifference(Adjacency reference, Adjacency candidate)
    {
        var (_, _, difference) = Refine(reference, candidate);
        return difference ?? "";
    }

    private static bool Match(
        int node, Adjacency reference, Adjacency candidate, int[] referenceColours, int[] candidateColours, int[] mapping, bool[] used, ref int budget)
    {
        if (node == reference.Count)
        {
            return true;
        }

        for (var target = 0; target < candidate.Count; target++)
        {
            if (used[target] || candidateColours[target] != referenceColours[node] || --budget <= 0 || !Consistent(node, target, reference, candidate, mapping))
            {
                continue;
            }

            mapping[node] = target;
            used[target] = true;
            if (Match(node + 1, reference, candidate, referenceColours, candidateColours, mapping, used, ref budget))
            {
                return true;
            }

            mapping[node] = -1;
            used[target] = false;
        }

        return false;
    }

    /// <summary>Mapping <paramref name="node"/> to <paramref name="target"/> keeps every edge to an already mapped node, in both graphs.</summary>
    private static bool Consistent(int node, int target, Adjacency reference, Adjacency candidate, int[] mapping)
    {
        // Reference ids are mapped in increasing (topological) order, so mapped neighbours are predecessors.
        var mappedPredecessors = reference.Predecessors[node].Where(p => mapping[p] >= 0).Select(p => mapping[p]).ToHashSet();
        var mappedTargets = mapping.Where(m => m >= 0).ToHashSet();
        return candidate.Predecessors[target].Where(mappedTargets.Contains).ToHashSet().SetEquals(mappedPredecessors)
            && candidate.Successors[target].Where(mappedTargets.Contains).All(s => reference.Successors[node].Any(r => mapping[r] == s));
    }

    private sealed class Adjacency
    {
        public Adjacency(PrimitiveGraph graph)
        {
            Count = graph.Nodes.Count;
            Labels = graph.Nodes.Select(Label).ToArray();
            Predecessors = new List<int>[Count];
            Successors = new List<int>[Count];
            for (var i = 0; i < Count; i++)
            {
                Predecessors[i] = [];
                Successors[i] = [];
            }

            foreach (var (source, target) in graph.Edges)
            {
                Successors[source].Add(target);
                Predecessors[target].Add(source);
            }
        }

        public int Count { get; }

        public string[] Labels { get; }

        public List<int>[] Predecessors { get; }

        public List<int>[] Successors { get; }

        public string Describe(int node) =>
            $"node {node} {Labels[node]}: inputs [{string.Join("; ", Predecessors[node].Select(p => Labels[p]))}], " +
            $"outputs [{string.Join("; ", Successors[node].Select(s => Labels[s]))}]";

        private static string Label(PrimitiveNode node) =>
            node.Type.ToName()
            + (node.Param is null ? "" : " " + node.Param)
            + (node.Shape is null ? "" : " [" + string.Join(", ", RecordedShape(node)) + "]")
            + (node.Classifier == ClassifierRole.None ? "" : " classifier " + node.Classifier.ToString().ToLowerInvariant());

        // The reference's graph files record a position embedding in the 4-D view its GHN encodes.
        private static IReadOnlyList<int> RecordedShape(PrimitiveNode node) =>
            node.Type == PrimitiveType.PosEnc && ReferenceShape.IsPositionEmbedding(node.Shape!) ? ReferenceShape.To4D(node.Shape!) : node.Shape!;
    }
}
