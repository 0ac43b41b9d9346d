namespace CollabMetrics.Cli.Commands;

/// <summary>Reports a command whose library part is not in this build yet.</summary>
internal static class Pending
{
    /// <summary>The failure to throw.</summary>
    public static CliException Part(string command, string part) =>
        new(ExitCodes.Failure, $"'{command}' is not available in this build yet (it needs the library's {part} part).");
}
