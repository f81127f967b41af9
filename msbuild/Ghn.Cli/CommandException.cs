namespace Ghn.Cli;

/// <summary>An error the user can fix; the CLI prints its message (no stack trace) and exits with code 1.</summary>
internal sealed class CommandException(string message) : Exception(message)
{
    /// <summary>Runs a command body, turning a <see cref="CommandException"/> into a message on stderr and exit code 1.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CommandException e)
        {
            Console.Error.WriteLine("ghn: " + e.Message);
            return 1;
        }
    }
}
