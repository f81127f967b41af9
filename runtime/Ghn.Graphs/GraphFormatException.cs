namespace Ghn.Graphs;

/// <summary>Thrown when graph JSON is malformed or describes an invalid graph; the message names the offending part.</summary>
public sealed class GraphFormatException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong.</summary>
    public GraphFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message that says what is wrong and the error that revealed it.</summary>
    public GraphFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
