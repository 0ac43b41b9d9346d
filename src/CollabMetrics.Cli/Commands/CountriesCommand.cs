using System.CommandLine;

namespace CollabMetrics.Cli.Commands;

/// <summary><c>countries</c>: per country and slice, whole, fractional and equal-split output, international output and rate.</summary>
internal static class CountriesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var command = new Command(
            "countries",
            "Each country's publications (whole, author-fractional and equal-split counts), international publications "
            + "and international rate, per year, per rolling window or for all years; the top --top by --counting.");
        InputSettings.AddTo(command, options);
        command.Options.Add(options.Counting);
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
        throw Pending.Part("countries", "metrics");
    }
}
