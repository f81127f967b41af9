using Ghn.Checkpoints;
using Ghn.Graphs;

namespace Ghn.Cli.Commands;

/// <summary>Turns the expected failures of a command (bad files, bad arguments) into one line on stderr and exit code 1.</summary>
internal static class CommandErrors
{
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception exception) when (exception is CheckpointException or GraphFormatException or IOException or InvalidDataException
                                              or InvalidOperationException or ArgumentException or NotSupportedException or CommandException)
        {
            Console.Error.WriteLine($"error: {exception.Message}");
            return 1;
        }
    }
}
