namespace Ghn.Checkpoints;

/// <summary>
/// A checkpoint or safetensors file that cannot be used: truncated, malformed, with an unknown configuration,
/// or with tensors that do not match the network. The message names the file and the offending tensor or field.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
