using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// Ends the evaluation of a model with one diagnostic. The evaluator unwinds with it instead of returning
/// error values, because any failure anywhere skips the whole model.
/// </summary>
internal sealed class ExtractionException : Exception
{
    public ExtractionException(DiagnosticDescriptor descriptor, IOperation? at, params object?[] messageArgs)
        : this(descriptor, at?.Syntax.GetLocation(), messageArgs)
    {
    }

    public ExtractionException(DiagnosticDescriptor descriptor, Location? location, params object?[] messageArgs)
        : base(descriptor.Id)
    {
        Diagnostic = Diagnostic.Create(descriptor, location ?? Location.None, messageArgs);
    }

    public Diagnostic Diagnostic { get; }
}
