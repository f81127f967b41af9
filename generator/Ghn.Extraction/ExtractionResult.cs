using System.Collections.Immutable;
using Ghn.Graphs;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction;

/// <summary>The outcome of extracting one model: a graph, or the diagnostics that explain why there is none.</summary>
public sealed class ExtractionResult
{
    /// <summary>Creates a result.</summary>
    public ExtractionResult(ArchitectureGraph? graph, ImmutableArray<Diagnostic> diagnostics)
    {
        Graph = graph;
        Diagnostics = diagnostics;
    }

    /// <summary>The extracted graph, or null when extraction failed.</summary>
    public ArchitectureGraph? Graph { get; }

    /// <summary>Errors (when <see cref="Graph"/> is null) and warnings, each at its exact source location.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }
}
