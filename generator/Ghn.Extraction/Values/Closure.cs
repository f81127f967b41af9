using Ghn.Extraction.Interpreter;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Values;

/// <summary>
/// A delegate: a lambda with the frame whose variables it captures, or a method group of user code with the
/// receiver it was taken from (LINQ selectors, <c>Func</c> locals, <c>module.apply(InitWeights)</c>).
/// </summary>
internal sealed class Closure
{
    public Closure(IAnonymousFunctionOperation function, Frame frame)
    {
        Function = function;
        Frame = frame;
        Parameters = function.Symbol.Parameters;
    }

    public Closure(IMethodSymbol method, object? receiver, Frame frame)
    {
        Method = method;
        Receiver = receiver;
        Frame = frame;
        Parameters = method.Parameters;
    }

    /// <summary>The lambda, or null for a method group.</summary>
    public IAnonymousFunctionOperation? Function { get; }

    /// <summary>The method of a method group, or null for a lambda.</summary>
    public IMethodSymbol? Method { get; }

    /// <summary>The instance a method group was taken from.</summary>
    public object? Receiver { get; }

    public Frame Frame { get; }

    public System.Collections.Immutable.ImmutableArray<IParameterSymbol> Parameters { get; }
}
