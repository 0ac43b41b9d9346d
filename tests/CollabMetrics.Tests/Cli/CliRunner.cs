using System.Diagnostics;
using CollabMetrics.Cli;

namespace CollabMetrics.Tests.Cli;

/// <summary>Runs the command-line tool in-process and captures what it writes.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args) => RunIn(Environment.CurrentDirectory, args);

    /// <summary>Runs the built tool as a process (<c>dotnet CollabMetrics.Cli.dll ...</c>), as a user or a scheduler does.</summary>
    public static CliResult RunProcess(params string[] args) => RunProcessWithInput(null, args);

    /// <summary>Runs the built tool as a process with <paramref name="input"/> on its standard input (none when null).</summary>
    public static CliResult RunProcessWithInput(byte[]? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CollabMetrics.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill();
            throw new TimeoutException("collabmetrics did not finish in 120 s.");
        }

        return new CliResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

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
