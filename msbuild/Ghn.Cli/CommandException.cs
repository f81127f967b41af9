namespace Ghn.Cli;

/// <summary>An error the user can fix; <see cref="Commands.CommandErrors"/> prints its message (no stack trace) and exits with code 1.</summary>
internal sealed class CommandException(string message) : Exception(message);
