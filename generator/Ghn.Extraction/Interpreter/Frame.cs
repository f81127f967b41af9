using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Interpreter;

/// <summary>The state of one method activation: its locals and parameters, <c>this</c>, and its result.</summary>
internal sealed class Frame
{
    private readonly Dictionary<ISymbol, object?> _variables = new(SymbolEqualityComparer.Default);
    private readonly Frame? _enclosing;

    /// <param name="this">The receiver, or null in a static method.</param>
    /// <param name="enclosing">For local functions: the frame whose locals they capture.</param>
    public Frame(object? @this, Frame? enclosing = null)
    {
        This = @this;
        _enclosing = enclosing;
    }

    public object? This { get; }

    /// <summary>The object an object or collection initializer is filling.</summary>
    public object? ImplicitReceiver { get; set; }

    public object? ReturnValue { get; set; }

    /// <summary>The value left of the <c>?.</c> being evaluated.</summary>
    public object? ConditionalReceiver { get; set; }

    public bool TryGet(ISymbol variable, out object? value)
    {
        for (var frame = this; frame is not null; frame = frame._enclosing)
        {
            if (frame._variables.TryGetValue(variable, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Assigns a variable: a captured one in the frame that declared it, a new one here.</summary>
    public void Set(ISymbol variable, object? value)
    {
        for (var frame = this; frame is not null; frame = frame._enclosing)
        {
            if (frame._variables.ContainsKey(variable))
            {
                frame._variables[variable] = value;
                return;
            }
        }

        _variables[variable] = value;
    }

    public void Declare(ISymbol variable, object? value) => _variables[variable] = value;
}
