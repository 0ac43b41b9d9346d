using System.CommandLine;

namespace CollabMetrics.Cli.Commands;

/// <summary><c>graph</c>: the country co-authorship graph, exported for network tools.</summary>
internal static class GraphCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var command = new Command(
            "graph",
            "The country co-authorship graph of the selected publications (nodes: countries; edges weighted by --links), "
            + "exported for network tools.");
        InputSettings.AddTo(command, options);
        command.Options.Add(options.Links);
        command.Options.Add(options.Counting);
        command.Options.Add(options.Out);
        command.SetAction(parse => Run(parse, options, host));
        return command;
    }

    private static int Run(ParseResult parse, CommonOptions options, CliHost host)
    {
        _ = InputSettings.Bind(parse, options, host);
        throw Pending.Part("graph", "graph");
    }
}
