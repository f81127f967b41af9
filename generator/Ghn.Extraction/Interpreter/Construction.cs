using Ghn.Extraction.Modules;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// Creates objects: user classes by running their constructors from source (field initializers, then the
/// base(...) chain, then the body, or a this(...) chain), and the few library types with value semantics.
/// </summary>
internal sealed class Construction(ExtractionContext context)
{
    public object? Create(IObjectCreationOperation operation, Frame frame)
    {
        if (operation.Constructor is not { } constructor || operation.Type is not INamedTypeSymbol type)
        {
            throw new CompilationErrorException();
        }

        var arguments = Arguments.Evaluate(constructor, operation, operation.Arguments, a => context.Evaluator.Evaluate(a, frame));
        var instance = SourceCode.IsUserType(type)
            ? Construct(type, constructor, arguments.Values, operation)
            : context.TorchCalls.IsTorchSharp(type)
                ? context.TorchCalls.Create(arguments, type)
                : context.Library.Create(arguments);

        if (operation.Initializer is { } initializer)
        {
            var previous = frame.ImplicitReceiver;
            frame.ImplicitReceiver = instance;
            foreach (var member in initializer.Initializers)
            {
                context.Evaluator.Evaluate(member, frame);
            }

            frame.ImplicitReceiver = previous;
        }

        return instance;
    }

    /// <summary>Constructs a user class with evaluated constructor arguments.</summary>
    public object Construct(INamedTypeSymbol type, IMethodSymbol constructor, IReadOnlyList<object?> arguments, IOperation? at)
    {
        IObjectState instance = context.Torch.IsModule(type)
            ? new UserModule(type) { Origin = at?.Syntax.GetLocation() }
            : new ObjectInstance(type);
        Run(instance, constructor, arguments, at);
        return instance;
    }

    /// <summary>The value of a variable or field nobody assigned yet.</summary>
    public static object? DefaultOf(ITypeSymbol? type) => type switch
    {
        null => null,
        { TypeKind: TypeKind.Enum } => new EnumValue(type, 0),
        { SpecialType: SpecialType.System_Boolean } => false,
        { SpecialType: SpecialType.System_String } => null,
        INamedTypeSymbol { IsTupleType: true } tuple => new TupleValue([.. tuple.TupleElements.Select(e => DefaultOf(e.Type))]),
        _ when type.SpecialType is >= SpecialType.System_Char and <= SpecialType.System_Double => Conversions.To(0, type),
        INamedTypeSymbol { TypeKind: TypeKind.Struct, OriginalDefinition.SpecialType: not SpecialType.System_Nullable_T } s when SourceCode.IsUserType(s) => new ObjectInstance(s),
        _ => null,
    };

    private void Run(IObjectState instance, IMethodSymbol constructor, IReadOnlyList<object?> arguments, IOperation? at)
    {
        using var depth = context.Budget.EnterCall(at);
        var frame = new Frame(instance);
        var body = constructor.IsImplicitlyDeclared ? null : context.Source.Body(constructor);
        var parameters = constructor.OriginalDefinition.Parameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            var value = Conversions.To(arguments[i], parameters[i].Type);
            frame.Declare(parameters[i], value);
            if (body?.IsPrimaryConstructor == true)
            {
                // Members may read primary-constructor parameters after construction.
                instance.Fields[parameters[i]] = value;
            }
        }

        var initializer = body?.ConstructorInitializer;
        var chainsToThis = initializer is not null
            && SymbolEqualityComparer.Default.Equals(initializer.TargetMethod.ContainingType.OriginalDefinition, constructor.ContainingType.OriginalDefinition);
        if (!chainsToThis)
        {
            if (body?.IsPrimaryConstructor == true && constructor.ContainingType.IsRecord)
            {
                InitializePositionalProperties(instance, constructor, frame);
            }

            foreach (var (field, value) in context.Source.Layout(constructor.ContainingType).InstanceInitializers)
            {
                instance.Fields[field.OriginalDefinition] = context.Evaluator.Evaluate(value, frame);
            }
        }

        if (initializer is not null)
        {
            RunChained(instance, initializer, frame);
        }
        else if (constructor.ContainingType.BaseType is { } userBase && SourceCode.IsUserType(userBase))
        {
            var parameterless = userBase.InstanceConstructors.FirstOrDefault(c => c.Parameters.All(p => p.IsOptional))
                ?? throw new CompilationErrorException();
            Run(instance, parameterless, [.. parameterless.Parameters.Select(p => p.HasExplicitDefaultValue ? p.ExplicitDefaultValue : null)], at);
        }

        if (body?.Block is { } block)
        {
            context.Statements.Execute(block, frame);
        }
    }

    /// <summary>A record's positional properties start with the values of their primary-constructor parameters.</summary>
    private void InitializePositionalProperties(IObjectState instance, IMethodSymbol constructor, Frame frame)
    {
        var backingFields = context.Source.Layout(constructor.ContainingType).BackingFields;
        foreach (var parameter in constructor.OriginalDefinition.Parameters)
        {
            var property = constructor.ContainingType.OriginalDefinition.GetMembers(parameter.Name).OfType<IPropertySymbol>()
                .FirstOrDefault(p => p.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax));
            if (property is not null && backingFields.TryGetValue(property, out var backing) && frame.TryGet(parameter, out var value))
            {
                instance.Fields[backing] = value;
            }
        }
    }

    /// <summary>A this(...) or base(...) call; base constructors of TorchSharp modules only name the module.</summary>
    private void RunChained(IObjectState instance, IInvocationOperation initializer, Frame frame)
    {
        var target = initializer.TargetMethod;
        if (!SourceCode.HasSource(target) && !target.IsImplicitlyDeclared)
        {
            return;
        }

        var arguments = Arguments.Evaluate(target, initializer, initializer.Arguments, a => context.Evaluator.Evaluate(a, frame));
        Run(instance, target, arguments.Values, initializer);
    }
}
