namespace CollabMetrics.Cli;

/// <summary>The process exit codes of <c>collabmetrics</c>, as docs/cli.md lists them.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug, or an output that could not be written).</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: an unknown command or option, a bad value, a missing input.</summary>
    public const int Usage = 2;

    /// <summary>An input could not be read: a missing file, an unrecognised format, a bad record in strict mode.</summary>
    public const int Input = 3;

    /// <summary>The run was cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
