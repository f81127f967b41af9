using System.Collections.Concurrent;
using Ghn.Extraction;
using Ghn.Graphs;

namespace Ghn.Corpus.Tests;

/// <summary>Extracts each corpus model once from the corpus compilation and shares the graph between tests.</summary>
internal static class CorpusExtraction
{
    private static readonly ConcurrentDictionary<string, Lazy<ExtractionResult>> Results = new();

    /// <summary>The extraction of <paramref name="model"/>: its graph or none, and its diagnostics.</summary>
    public static ExtractionResult Result(CorpusModel model) => Results.GetOrAdd(
        model.Name,
        _ => new Lazy<ExtractionResult>(() => ModelExtractor.Extract(CorpusCompilation.ModelSymbol(model), CorpusCompilation.Compilation, CancellationToken.None))).Value;

    /// <summary>The extracted graph of <paramref name="model"/>; fails the test with the extractor's diagnostics when there is none.</summary>
    public static ArchitectureGraph Graph(CorpusModel model)
    {
        var result = Result(model);
        Assert.True(
            result.Graph is not null,
            $"Extraction of {model.ModelType.Name} ({model.SourceFile}) failed:\n" + string.Join("\n", result.Diagnostics.Select(d => d.ToString())));
        return result.Graph!;
    }
}
