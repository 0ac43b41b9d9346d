using System.CommandLine;

namespace CollabMetrics.Cli.Commands;

/// <summary><c>convert</c>: any supported input to CollabMetrics CSV.</summary>
internal static class ConvertCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var command = new Command(
            "convert",
            "Converts the inputs (any supported format, mixed) to one CollabMetrics CSV file (one row per authorship), "
            + "after duplicate removal and the --years and --technology filters.");
        InputSettings.AddTo(command, options);
        command.Options.Add(options.Out);
        command.SetAction(parse => Run(parse, options, host));
        return command;
    }

    private static int Run(ParseResult parse, CommonOptions options, CliHost host)
    {
        _ = InputSettings.Bind(parse, options, host);
        throw Pending.Part("convert", "readers");
    }
}
