namespace CollabMetrics.Cli;

/// <summary>
/// Where a run of the tool writes and what it knows about its console: results go to <see cref="Out"/>, messages
/// and progress to <see cref="Error"/>. Tests pass string writers; <see cref="Program"/> passes the console.
/// </summary>
/// <param name="Out">Standard output: results.</param>
/// <param name="Error">Standard error: progress, warnings and errors.</param>
internal sealed record CliHost(TextWriter Out, TextWriter Error)
{
    /// <summary>Whether standard error is an interactive terminal; the progress bar is drawn only then. Default false.</summary>
    public bool IsErrorTerminal { get; init; }

    /// <summary>Cancels long work (Ctrl+C). Default none.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>The directory relative paths are resolved against. Default the process's current directory.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>
    /// Opens standard output as a byte stream for large binary-safe writes (<c>convert</c>), or null to write
    /// through <see cref="Out"/>. Default null.
    /// </summary>
    public Func<Stream>? OpenStandardOutput { get; init; }

    /// <summary>
    /// A path given on the command line, resolved against <see cref="WorkingDirectory"/>; kept as given when that is
    /// the process's directory, so that messages name files as the user typed them.
    /// </summary>
    public string ResolvePath(string path) =>
        Path.IsPathRooted(path) || string.Equals(Path.GetFullPath(WorkingDirectory), Environment.CurrentDirectory, StringComparison.Ordinal)
            ? path
            : Path.GetFullPath(path, WorkingDirectory);
}
