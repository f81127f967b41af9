using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// Routes a call: module calls trace the module, user methods run from source (with virtual dispatch),
/// TorchSharp and library methods go to their models of those APIs.
/// </summary>
internal sealed class CallDispatcher(ExtractionContext context)
{
    public object? Invoke(IInvocationOperation operation, Frame frame)
    {
        var method = operation.TargetMethod;
        if (LibraryTypes.IsWithoutEffectOnTheModel(method))
        {
            return null;
        }

        var receiver = operation.Instance is null ? null : context.Evaluator.Evaluate(operation.Instance, frame);
        if (receiver is UnknownValue)
        {
            return receiver;
        }

        if (receiver is null && operation.Instance is not null && !LibraryTypes.IsNullable(operation.Instance.Type))
        {
            throw new ExtractionException(ExtractionDiagnostics.NullValue, operation.Instance, $"'{operation.Instance.Syntax}'");
        }
        if (receiver is ModuleInstance module && method.Name is "forward" or "call" && operation.Arguments.Length >= 1)
        {
            // Optional inputs left out (an LSTM's initial state) are not inputs.
            var inputs = operation.Arguments.Where(a => a.ArgumentKind != ArgumentKind.DefaultValue).Select(a => context.Evaluator.Evaluate(a.Value, frame)).ToArray();
            return context.Forward is { } trace
                ? trace.Modules.Call(module, inputs, operation)
                : throw new ExtractionException(ExtractionDiagnostics.UnsupportedConstruct, operation, "Calling a module outside forward");
        }

        var arguments = Arguments.Evaluate(method, operation, operation.Arguments, a => context.Evaluator.Evaluate(a, frame));
        if (receiver is Closure closure && method.MethodKind == MethodKind.DelegateInvoke)
        {
            return InvokeClosure(closure, arguments.Values, operation);
        }

        if (SourceCode.HasSource(method))
        {
            var enclosing = method.MethodKind == MethodKind.LocalFunction ? frame : null;
            return InvokeUserMethod(method, receiver, arguments.Values, operation, enclosing);
        }

        if (UnknownValue.Any(null, arguments.Values))
        {
            return UnknownValue.Instance;
        }

        if (context.TorchCalls.IsTorchSharp(method))
        {
            return Recoverable(() => context.TorchCalls.Invoke(arguments, receiver));
        }

        var result = Recoverable(() => context.Library.Invoke(arguments, receiver));
        if (result is not OutResult outResult)
        {
            return result;
        }

        var outArguments = operation.Arguments.Where(a => a.Parameter?.RefKind == RefKind.Out).OrderBy(a => a.Parameter!.Ordinal).ToList();
        for (var i = 0; i < outArguments.Count; i++)
        {
            Assignments.Store(context, outArguments[i].Value, Conversions.To(outResult.OutValues[i], outArguments[i].Parameter!.Type), frame);
        }

        return outResult.Value;
    }

    /// <summary>
    /// A library or TorchSharp call the extractor does not model is reported and its result is unknown, so that
    /// evaluation finds the model's other unsupported constructs in the same build.
    /// </summary>
    private object? Recoverable(Func<object?> call)
    {
        try
        {
            return call();
        }
        catch (ExtractionException e) when (e.Diagnostic.Id == ExtractionDiagnostics.UnsupportedTorchApi.Id || e.Diagnostic.Id == ExtractionDiagnostics.UnsupportedLibraryCall.Id)
        {
            return context.Recover(e);
        }
    }

    /// <summary>Runs a method of user code with evaluated arguments and returns its result.</summary>
    public object? InvokeUserMethod(IMethodSymbol method, object? receiver, IReadOnlyList<object?> arguments, IOperation? at, Frame? enclosing = null)
    {
        method = Dispatch(method, receiver);
        var body = context.Source.Body(method)?.Block
            ?? throw new ExtractionException(ExtractionDiagnostics.UnsupportedLibraryCall, at, method.ToDisplayString());
        using var depth = context.Budget.EnterCall(at);
        // A local function sees the `this` of the method that declares it.
        var frame = new Frame(method.IsStatic ? null : receiver ?? enclosing?.This, enclosing);
        var parameters = method.OriginalDefinition.Parameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            frame.Declare(parameters[i], Conversions.To(arguments[i], method.Parameters[i].Type));
        }

        context.Statements.Execute(body, frame);
        return frame.ReturnValue;
    }

    /// <summary>Runs a delegate with evaluated arguments; a lambda sees the variables of the frame that created it.</summary>
    public object? InvokeClosure(Closure closure, IReadOnlyList<object?> arguments, IOperation at)
    {
        if (closure.Function is null)
        {
            return InvokeUserMethod(closure.Method!, closure.Receiver, arguments, at);
        }

        using var depth = context.Budget.EnterCall(at);
        var frame = new Frame(closure.Frame.This, closure.Frame);
        var parameters = closure.Parameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            frame.Declare(parameters[i], Conversions.To(arguments[i], parameters[i].Type));
        }

        context.Statements.Execute(closure.Function.Body, frame);
        return frame.ReturnValue;
    }

    /// <summary>The override of a virtual method in the receiver's runtime type.</summary>
    private static IMethodSymbol Dispatch(IMethodSymbol method, object? receiver)
    {
        if (!(method.IsVirtual || method.IsAbstract || method.IsOverride) || receiver is not IObjectState state)
        {
            return method;
        }

        if (method.ContainingType.TypeKind == TypeKind.Interface)
        {
            return state.Type.FindImplementationForInterfaceMember(method) as IMethodSymbol ?? method;
        }

        for (var type = state.Type; type is not null; type = type.BaseType)
        {
            foreach (var candidate in type.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                for (var overridden = candidate; overridden is not null; overridden = overridden.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method.OriginalDefinition))
                    {
                        return candidate;
                    }
                }
            }
        }

        return method;
    }
}
