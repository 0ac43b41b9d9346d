using System.CommandLine;
using CollabMetrics.Cli.Charts;
using CollabMetrics.Geography;

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
            Description = "Also draw the top --top partners (those of the last slice) over time for --index, one line per partner, to FILE.svg or FILE.png.",
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
        command.SetAction(parse => Run(parse, options, chart, host));
        return command;
    }

    private static int Run(ParseResult parse, CommonOptions options, Option<string?> chart, CliHost host)
    {
        var slices = SliceSettings.Bind(parse, options);
        var chartPath = parse.GetValue(chart);
        if (chartPath is not null && !slices.ByYear)
        {
            throw new CliUsageException("--chart draws values over time; use it with --by year (the default), not --by all.");
        }

        var index = CommonOptions.IndexValue(parse, options.Index);
        int top = parse.GetValue(options.Top);
        var focus = Country.Parse(parse.GetValue(options.Focus)!);
        var output = OutputSettings.Bind(parse, options);
        var input = InputSettings.Bind(parse, options, host);
        OutputSettings.CheckNotAnInput(output.OutPath, input, host);
        OutputSettings.CheckNotAnInput(chartPath, input, host, "--chart");

        var table = CorpusLoader.Stream(input, parse, options, host, source =>
            slices.Apply(source.Countries(input).Focus(focus).Partners(), input.Years).Rank(index));
        output.Write(table.Top(top), host);
        ContextNote.Write(parse, options, host, table.Context);
        if (chartPath is not null)
        {
            var path = host.ResolvePath(chartPath);
            PartnerChart.Save(path, table, index, PartnerChart.TopPartners(table, index, top > 0 ? top : 10));
            if (!parse.GetValue(options.Quiet))
            {
                host.Error.WriteLine($"collabmetrics: chart written to {chartPath}.");
            }
        }

        return ExitCodes.Success;
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
}
