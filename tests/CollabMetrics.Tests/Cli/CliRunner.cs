using CollabMetrics.Cli;

namespace CollabMetrics.Tests.Cli;

/// <summary>Runs the command-line tool in-process and captures what it writes.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args) => RunIn(Environment.CurrentDirectory, args);

    public static CliResult RunIn(string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, new CliHost(output, error) { WorkingDirectory = workingDirectory });
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

/// <summary>The exit code and the two streams of one run.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Err)
{
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
