using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Ghn.Extraction.Tests;

/// <summary>Asserts that extracting a snippet reports one diagnostic at the span marked <c>[|...|]</c>.</summary>
internal static class DiagnosticAssert
{
    /// <param name="markedSource">The snippet with the expected location marked.</param>
    /// <param name="expected">The expected descriptor.</param>
    /// <param name="within">True when the diagnostic only has to lie inside the marked span (budget stops land on any step of a loop).</param>
    /// <param name="torchSharp">Whether the snippet compiles against TorchSharp.</param>
    public static ExtractionResult Reports(string markedSource, DiagnosticDescriptor expected, bool within = false, bool torchSharp = true, bool allowErrors = false, Interpreter.BudgetLimits? limits = null)
    {
        var start = markedSource.IndexOf("[|", StringComparison.Ordinal);
        var end = markedSource.IndexOf("|]", StringComparison.Ordinal) - 2;
        Assert.True(start >= 0 && end >= start, "The snippet must mark the expected location with [| and |].");
        var source = markedSource.Replace("[|", "", StringComparison.Ordinal).Replace("|]", "", StringComparison.Ordinal);
        var offset = torchSharp ? ModelCompiler.Usings.Length : 0;
        var marked = new TextSpan(offset + start, end - start);

        var result = ModelCompiler.Extract(source, allowErrors: allowErrors, torchSharp: torchSharp, limits: limits);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(expected.Id, diagnostic.Id);
        Assert.Equal(expected.DefaultSeverity, diagnostic.Severity);
        Assert.Equal("Model.cs", diagnostic.Location.SourceTree?.FilePath);
        if (within)
        {
            Assert.True(marked.Contains(diagnostic.Location.SourceSpan), $"{diagnostic.Location.SourceSpan} is not within {marked}: {diagnostic}");
        }
        else
        {
            Assert.Equal(marked, diagnostic.Location.SourceSpan);
        }

        // Errors skip the model, and so does GHN007 (information: it waits for the compile errors to be fixed).
        Assert.Equal(diagnostic.Severity == DiagnosticSeverity.Error || diagnostic.Id == ExtractionDiagnostics.CompilationErrors.Id, result.Graph is null);
        return result;
    }
}
