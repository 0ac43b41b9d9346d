namespace CollabMetrics.Cli;

/// <summary>A failure the tool reports in one line and maps to an exit code, without a stack trace.</summary>
internal class CliException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CliException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException) => ExitCode = exitCode;

    /// <summary>The process exit code, one of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }
}

/// <summary>The command line asks for something impossible (exit code 2); the message says what to change.</summary>
internal sealed class CliUsageException(string message) : CliException(ExitCodes.Usage, message);

/// <summary>An input cannot be read (exit code 3); the message names the file and, when known, line and field.</summary>
internal sealed class CliInputException(string message, Exception? innerException = null)
    : CliException(ExitCodes.Input, message, innerException);
