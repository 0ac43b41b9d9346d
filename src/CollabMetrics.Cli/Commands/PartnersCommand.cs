using System.CommandLine;

namespace CollabMetrics.Cli.Commands;

/// <summary>
/// <c>partners</c>: a focus country's partners per year (or window, or all years) with co-publications, shares and
/// every intensity index, ranked by <c>--index</c>; optionally a chart of the top partners over time.
/// </summary>
internal static class PartnersCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var chart = new Option<string?>("--chart")
        {
            Description = "Also draw the top partners over time for --index, one line per partner, to FILE.svg or FILE.png.",
            HelpName = "FILE",
            Validators = { ChartValidator },
        };
        var command = new Command(
            "partners",
            "A focus country's partners: co-publications, partner share and every intensity index, ranked by --index, "
            + "per year, per rolling window or for all years.");
        InputSettings.AddTo(command, options);
        command.Options.Add(options.Focus);
        command.Options.Add(options.Index);
        command.Options.Add(options.Top);
        SliceSettings.AddTo(command, options);
        OutputSettings.AddTo(command, options);
        command.Options.Add(chart);
        command.SetAction(parse => Run(parse, options, host));
        return command;
    }

    private static void ChartValidator(System.CommandLine.Parsing.OptionResult result)
    {
        var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
        if (value is not null
            && !value.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)
            && !value.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            result.AddError($"--chart: '{value}' must end in .svg or .png.");
        }
    }

    private static int Run(ParseResult parse, CommonOptions options, CliHost host)
    {
        _ = SliceSettings.Bind(parse, options);
        _ = InputSettings.Bind(parse, options, host);
        throw Pending.Part("partners", "metrics");
    }
}
