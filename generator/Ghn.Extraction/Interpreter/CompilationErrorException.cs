namespace Ghn.Extraction.Interpreter;

/// <summary>
/// Thrown when evaluation meets code the compiler already rejected: the compiler reports the cause, so
/// extraction adds only one informational diagnostic.
/// </summary>
internal sealed class CompilationErrorException : Exception
{
    public CompilationErrorException()
        : base("The evaluated code has compile errors.")
    {
    }
}
