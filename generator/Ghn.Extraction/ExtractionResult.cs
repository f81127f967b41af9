using System.Collections.Immutable;
using Ghn.Graphs;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction;

/// <summary>The outcome of extracting one model: a graph, or the diagnostics that explain why there is none.</summary>
public sealed class ExtractionResult
{
    private readonly Lazy<IReadOnlyList<string>> _sourceFiles;

    /// <summary>Creates a result.</summary>
    /// <param name="graph">The extracted graph, or null.</param>
    /// <param name="diagnostics">Errors (when there is no graph) and warnings.</param>
    /// <param name="sourceFiles">Computes <see cref="SourceFiles"/> when it is first asked for.</param>
    public ExtractionResult(ArchitectureGraph? graph, ImmutableArray<Diagnostic> diagnostics, Func<IReadOnlyList<string>> sourceFiles)
    {
        Graph = graph;
        Diagnostics = diagnostics;
        _sourceFiles = new Lazy<IReadOnlyList<string>>(sourceFiles);
    }

    /// <summary>The extracted graph, or null when extraction failed.</summary>
    public ArchitectureGraph? Graph { get; }

    /// <summary>Errors (when <see cref="Graph"/> is null) and warnings, each at its exact source location.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// The source files the result depends on (sorted full paths): an edit to any other file of the compilation
    /// leaves it as it is. Computed on first use, since only the build's dependency file needs it.
    /// </summary>
    public IReadOnlyList<string> SourceFiles => _sourceFiles.Value;
}
