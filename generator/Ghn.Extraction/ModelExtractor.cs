using System.Collections.Immutable;
using Ghn.Extraction.Forward;
using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Model;
using Ghn.Extraction.Modules;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction;

/// <summary>
/// Extracts the architecture graph of a TorchSharp model from C# source: it evaluates the model's constructor
/// with concrete values and traces its forward with symbolic tensors, without loading TorchSharp or running
/// user code.
/// </summary>
public static class ModelExtractor
{
    /// <summary>
    /// Extracts the graph of <paramref name="modelType"/>, constructed with the arguments of its
    /// <c>[Ghn.GhnInit(...)]</c> attribute (or its constructor parameters' defaults). Never throws, except
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <param name="modelType">A class derived from <c>torch.nn.Module&lt;Tensor, Tensor&gt;</c>.</param>
    /// <param name="compilation">The compilation that contains the model's source and references TorchSharp.</param>
    /// <param name="cancellationToken">Stops extraction.</param>
    /// <returns>The graph, or no graph and an error diagnostic at the exact location of the cause.</returns>
    public static ExtractionResult Extract(INamedTypeSymbol modelType, Compilation compilation, CancellationToken cancellationToken = default) =>
        Extract(modelType, compilation, BudgetLimits.Default, cancellationToken);

    /// <summary>Extracts with explicit work limits (tests exercise each limit deterministically).</summary>
    internal static ExtractionResult Extract(INamedTypeSymbol modelType, Compilation compilation, BudgetLimits limits, CancellationToken cancellationToken)
    {
        var location = modelType.Locations.FirstOrDefault();
        ExtractionContext? context = null;
        try
        {
            var torch = TorchSharpSymbols.Find(compilation)
                ?? throw new ExtractionException(ExtractionDiagnostics.TorchSharpNotReferenced, location, modelType.Name);
            if (!torch.IsModule(modelType) || modelType.IsAbstract)
            {
                throw new ExtractionException(ExtractionDiagnostics.NotAModule, location, modelType.Name);
            }

            context = new ExtractionContext(compilation, torch, limits, cancellationToken);
            var (values, inputShape, attributeLocation) = InitArguments.Read(modelType);
            var (constructor, arguments) = ConstructorSelection.Select(modelType, values, attributeLocation);
            var root = (UserModule)context.Construction.Construct(modelType, constructor, arguments, at: null);
            Registration.Verify(context, root);
            var graph = ForwardTracer.Trace(context, root, inputShape);
            return new ExtractionResult(graph, [.. context.Warnings], context.Source.FilesRead);
        }
        catch (ExtractionException e)
        {
            return Failure([.. context?.Errors ?? [], e.Diagnostic]);
        }
        catch (UnknownReachedException) when (context is { Errors.Count: > 0 })
        {
            return Failure([.. context.Errors]);
        }
        catch (CompilationErrorException)
        {
            return Failure([Diagnostic.Create(ExtractionDiagnostics.CompilationErrors, location, modelType.Name)]);
        }
        catch (InsufficientExecutionStackException)
        {
            // Deeply nested expressions within one method exhaust the stack without a call to count.
            return Failure([Diagnostic.Create(ExtractionDiagnostics.RecursionTooDeep, location, limits.MaxCallDepth)]);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // The extractor must never take the compiler down: its own bugs become a diagnostic too.
            return Failure([Diagnostic.Create(ExtractionDiagnostics.InternalError, location, modelType.Name, $"{e.GetType().Name}: {e.Message}")]);
        }

        // A failed extraction depends on what it read before it stopped, and on the model's own declaration.
        ExtractionResult Failure(ImmutableArray<Diagnostic> diagnostics) =>
            new(null, diagnostics, () => [.. (context?.Source.FilesRead() ?? []).Union(DeclaringFiles(modelType), StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal)]);
    }

    private static IEnumerable<string> DeclaringFiles(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Select(r => r.SyntaxTree.FilePath).Where(path => path.Length > 0);
}
