using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using System.CommandLine.Help;
using CollabMetrics.Cli.Commands;
using CollabMetrics.IO;

namespace CollabMetrics.Cli;

/// <summary>
/// The <c>collabmetrics</c> command line: parses arguments, runs one command, and turns every failure into a
/// one-line message and an exit code (<see cref="ExitCodes"/>). Callable in-process, which is how the tests run it.
/// </summary>
internal static class CliApp
{
    /// <summary>The tool's name in messages and help.</summary>
    public const string Name = "collabmetrics";

    /// <summary>Runs the tool with results on <paramref name="out"/> and messages on <paramref name="err"/>.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter @out, TextWriter err) => Run(args, new CliHost(@out, err));

    /// <summary>Runs the tool on <paramref name="host"/>.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        var root = BuildRootCommand(host, args);
        var parse = root.Parse(args);
        bool verbose = args.Contains("--verbose", StringComparer.Ordinal) || args.Contains("-v", StringComparer.Ordinal);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            return UsageError(host, parse, first.Message);
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = host.Out,
                Error = host.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (CliUsageException ex)
        {
            return UsageError(host, parse, ex.Message);
        }
        catch (Exception ex) when (Unwrap(ex) is OperationCanceledException && host.CancellationToken.IsCancellationRequested)
        {
            host.Error.WriteLine($"{Name}: cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            var (code, message) = Describe(Unwrap(ex));
            host.Error.WriteLine($"{Name}: error: {message}");
            if (verbose)
            {
                host.Error.WriteLine(ex.ToString());
            }
            else if (code == ExitCodes.Failure)
            {
                host.Error.WriteLine("Run again with --verbose for the details.");
            }

            return code;
        }
    }

    /// <summary>Builds the command tree; every command writes through <paramref name="host"/>.</summary>
    internal static Command BuildRootCommand(CliHost host) => BuildRootCommand(host, only: null, withCommands: true);

    /// <summary>
    /// Builds as much of the command tree as <paramref name="args"/> can reach, which parses them exactly as the whole
    /// tree does: when the first argument names a command, the root with that command alone (a command's own tokens
    /// never reach its siblings); for <c>--version</c> alone, the root without commands; otherwise the whole tree (root
    /// help, suggestions for a mistyped command). Start-up then creates one command's options, not every command's.
    /// </summary>
    internal static Command BuildRootCommand(CliHost host, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 1 && string.Equals(args[0], "--version", StringComparison.Ordinal))
        {
            return BuildRootCommand(host, only: null, withCommands: false);
        }

        return args.Length > 0 && CommandCatalog.Names.Contains(args[0], StringComparer.Ordinal)
            ? BuildRootCommand(host, only: args[0], withCommands: true)
            : BuildRootCommand(host);
    }

    private static Command BuildRootCommand(CliHost host, string? only, bool withCommands)
    {
        var options = new CommonOptions();
        var root = new Command(
            Name,
            "Research-collaboration metrics (partner shares, intensity indices, rankings, graphs) from OpenAlex, "
            + "Web of Science, Scopus and CollabMetrics CSV exports. Results go to standard output (or --out), "
            + "progress and messages to standard error. Exit codes: 0 success, 1 failure, 2 usage error, 3 input error.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption { Action = new VersionAction(host) });
        root.Options.Add(options.Quiet);
        root.Options.Add(options.Verbose);
        if (!withCommands)
        {
            return root;
        }

        if (only is not null)
        {
            root.Subcommands.Add(CommandCatalog.CreateOne(only, options, host)
                ?? throw new ArgumentException($"No command is named '{only}'.", nameof(only)));
            return root;
        }

        foreach (var command in CommandCatalog.Create(options, host))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>The tool's version: the informational version of this assembly (with the commit when built from git).</summary>
    internal static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliApp).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    private static int UsageError(CliHost host, ParseResult parse, string message)
    {
        var commandPath = CommandPath(parse);
        host.Error.WriteLine($"{Name}: {OneLine(message)}");
        host.Error.WriteLine($"Try '{commandPath} --help'.");
        return ExitCodes.Usage;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            ex = aggregate.InnerExceptions[0];
        }

        return ex;
    }

    private static (int Code, string Message) Describe(Exception ex) => ex switch
    {
        CliException cli => (cli.ExitCode, OneLine(cli.Message)),
        IngestException ingest => (ExitCodes.Input, OneLine(ingest.Message)),
        FileNotFoundException notFound => (ExitCodes.Input, $"{notFound.FileName ?? "file"}: not found."),
        DirectoryNotFoundException dir => (ExitCodes.Input, OneLine(dir.Message)),
        InvalidDataException data => (ExitCodes.Input, OneLine(data.Message)),
        UnauthorizedAccessException access => (ExitCodes.Input, OneLine(access.Message)),
        _ => (ExitCodes.Failure, OneLine($"{ex.GetType().Name}: {ex.Message}")),
    };

    /// <summary>Folds a message onto one line.</summary>
    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private sealed class VersionAction(CliHost host) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            host.Out.WriteLine(Version);
            return ExitCodes.Success;
        }
    }
}
