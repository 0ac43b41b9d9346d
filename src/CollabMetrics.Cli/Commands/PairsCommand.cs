using System.CommandLine;

namespace CollabMetrics.Cli.Commands;

/// <summary><c>pairs</c>: country pairs with their co-publications and link weight, per slice.</summary>
internal static class PairsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var command = new Command(
            "pairs",
            "Country pairs (country_a < country_b) with their co-publications and link weight by --links, per year, "
            + "per rolling window or for all years; the top --top by weight.");
        InputSettings.AddTo(command, options);
        command.Options.Add(options.Links);
        command.Options.Add(options.Top);
        SliceSettings.AddTo(command, options);
        OutputSettings.AddTo(command, options);
        command.SetAction(parse => Run(parse, options, host));
        return command;
    }

    private static int Run(ParseResult parse, CommonOptions options, CliHost host)
    {
        _ = SliceSettings.Bind(parse, options);
        _ = InputSettings.Bind(parse, options, host);
        throw Pending.Part("pairs", "aggregation");
    }
}
