using Ghn.Extraction.Interpreter;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Values;

/// <summary>A lambda and the frame whose variables it captures (for LINQ selectors and Func locals).</summary>
internal sealed class Closure(IAnonymousFunctionOperation function, Frame frame)
{
    public IAnonymousFunctionOperation Function { get; } = function;

    public Frame Frame { get; } = frame;
}
