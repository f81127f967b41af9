using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// Static fields of user types. A type's static initializers run on its first access, in declaration order,
/// as C#'s type initialization does (a field read before its initializer ran reads its default).
/// </summary>
internal sealed class StaticFields(ExtractionContext context)
{
    private readonly Dictionary<IFieldSymbol, object?> _values = new(SymbolEqualityComparer.Default);
    private readonly HashSet<INamedTypeSymbol> _initialized = new(SymbolEqualityComparer.Default);

    public object? Get(IFieldSymbol field, IOperation at)
    {
        if (field.IsConst)
        {
            return Values.Conversions.To(field.ConstantValue, field.Type);
        }

        if (!SourceCode.IsUserType(field.ContainingType))
        {
            return BclMembers.TryReadStaticField(field, out var value)
                ? value
                : throw new ExtractionException(ExtractionDiagnostics.UnsupportedLibraryCall, at, field.ToDisplayString());
        }

        EnsureInitialized(field.ContainingType);
        return _values.TryGetValue(field.OriginalDefinition, out var current) ? current : Construction.DefaultOf(field.Type);
    }

    public void Set(IFieldSymbol field, object? value, IOperation at)
    {
        EnsureInitialized(field.ContainingType);
        _values[field.OriginalDefinition] = value;
    }

    private void EnsureInitialized(INamedTypeSymbol type)
    {
        if (!_initialized.Add(type.OriginalDefinition))
        {
            return;
        }

        var frame = new Frame(null);
        foreach (var (field, value) in context.Source.Layout(type).StaticInitializers)
        {
            _values[field.OriginalDefinition] = context.Evaluator.Evaluate(value, frame);
        }

        if (type.StaticConstructors.FirstOrDefault() is { } cctor && context.Source.Body(cctor)?.Block is { } body)
        {
            context.Statements.Execute(body, frame);
        }
    }
}
