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
            "Every pair of countries that co-authored (country_a < country_b), with co-publications and link weight by "
            + "--links, per year, per rolling window or for all years.");
        InputSettings.AddTo(command, options);
        command.Options.Add(options.Links);
        SliceSettings.AddTo(command, options);
        OutputSettings.AddTo(command, options);
        command.SetAction(parse => Run(parse, options, host));
        return command;
    }

    private static int Run(ParseResult parse, CommonOptions options, CliHost host)
    {
        var slices = SliceSettings.Bind(parse, options);
        var links = AnalysisSettings.ParseLinks(CommonOptions.ChoiceValue(parse, options.Links));
        var output = OutputSettings.Bind(parse, options);
        var input = InputSettings.Bind(parse, options, host);
        OutputSettings.CheckNotAnInput(output.OutPath, input, host);

        // One table needs no corpus: the files are streamed into just the counts it reads.
        var table = CorpusLoader.Stream(input, parse, options, host, source =>
            slices.Apply(source.Countries(input, links).Pairs(), input.Years).Compute());
        output.Write(table, host);
        ContextNote.Write(parse, options, host, table.Context, withLinks: true);
        return ExitCodes.Success;
    }
}
