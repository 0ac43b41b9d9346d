using System.CommandLine;
using CollabMetrics.Cli.Output;

namespace CollabMetrics.Cli.Commands;

/// <summary><c>inspect</c>: the ingest report of the inputs.</summary>
internal static class InspectCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var command = new Command(
            "inspect",
            "Reads the inputs and reports what was read, accepted, skipped (by reason, with examples naming file, line "
            + "and field), merged as duplicates, left out by the document filter (retracted, paratext, over --max-authors), "
            + "whose author lists the source cut short, and which affiliations could not be resolved to a country.");
        InputSettings.AddTo(command, options, withFilters: false);
        OutputSettings.AddTo(command, options);
        command.SetAction(parse => Run(parse, options, host));
        return command;
    }

    private static int Run(ParseResult parse, CommonOptions options, CliHost host)
    {
        var output = OutputSettings.Bind(parse, options);
        if (output.Format == OutputFormat.Csv)
        {
            throw new CliUsageException("--output: inspect prints the report as text (table) or JSON (json), not CSV.");
        }

        var input = InputSettings.Bind(parse, options, host, withoutCube: "inspect reports how input files were read (records, skips, duplicates); a cube holds only counts. Use --input.");
        OutputSettings.CheckNotAnInput(output.OutPath, input, host);

        // The report needs no corpus: the files are streamed, duplicates found by hashed ids and DOIs.
        var report = CorpusLoader.Stream(input, parse, options, host, source => source.Inspect(), applyFilters: false);
        ResultWriter.WriteText(
            writer =>
            {
                if (output.Format == OutputFormat.Json)
                {
                    IngestReportWriter.WriteJson(report, writer);
                }
                else
                {
                    IngestReportWriter.WriteText(report, writer);
                }
            },
            output.OutPath,
            host);
        return ExitCodes.Success;
    }
}
