namespace Ghn.Generator.Model;

/// <summary>An extracted architecture graph, reduced to what the generated code embeds.</summary>
/// <param name="Json">The graph as <c>ghn-architecture-graph/1</c> JSON (one node per line).</param>
/// <param name="ContentHash">The graph's content hash, quoted in the generated documentation.</param>
internal sealed record ArchitectureSpec(string Json, string ContentHash);
