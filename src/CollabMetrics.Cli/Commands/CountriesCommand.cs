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
            + "and international rate, per year, per rolling window or for all years. With --top N, the N countries "
            + "with the most publications over the selection (by --counting), in that order.");
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
        var slices = SliceSettings.Bind(parse, options);
        bool fractional = CommonOptions.ChoiceValue(parse, options.Counting) == "fractional";
        int top = parse.GetValue(options.Top);
        var output = OutputSettings.Bind(parse, options);
        var input = InputSettings.Bind(parse, options, host);
        OutputSettings.CheckNotAnInput(output.OutPath, input, host);

        // Both queries read the same counts: the files are streamed once.
        var table = CorpusLoader.Stream(input, parse, options, host, source =>
        {
            var analysis = source.Countries(input);
            var query = analysis.Units();
            if (top > 0)
            {
                // The top N over the whole selection, by the library's own totals; rows then follow that order.
                var totals = analysis.Units().AllYears().Compute();
                string[] chosen =
                [
                    .. totals
                        .OrderByDescending(r => fractional ? r.FractionalPublications : r.Publications)
                        .ThenBy(r => r.Unit.Code, StringComparer.Ordinal)
                        .Take(top)
                        .Select(r => r.Unit.Code),
                ];
                query = analysis.Units(chosen);
            }

            return slices.Apply(query, input.Years).Compute();
        });
        output.Write(table, host);
        ContextNote.Write(parse, options, host, table.Context);
        return ExitCodes.Success;
    }
}
