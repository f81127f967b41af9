namespace Ghn.Extraction.Interpreter;

/// <summary>How a statement ended: normally or by a jump that enclosing statements must honour.</summary>
internal enum Completion
{
    Normal,
    Break,
    Continue,
    Return,
}
