using System.CommandLine;
using System.Text;
using CollabMetrics.Cli.Output;

namespace CollabMetrics.Cli.Commands;

/// <summary><c>convert</c>: any supported input to CollabMetrics CSV, or to the same long format as a Parquet file.</summary>
internal static class ConvertCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions options, CliHost host)
    {
        var to = CommonOptions.Choice("--to", "The output format: csv (CollabMetrics CSV) or parquet (the same columns, typed; needs --out FILE).", "csv", "csv", "parquet");
        var command = new Command(
            "convert",
            "Converts the inputs (any supported format, mixed) to one CollabMetrics CSV file (one row per authorship), "
            + "or with --to parquet to a Parquet file of the same columns, after duplicate removal and the --years and "
            + "--technology filters. A CSV FILE ending in .gz is compressed.");
        InputSettings.AddTo(command, options);
        command.Options.Add(to);
        command.Options.Add(options.Out);
        command.SetAction(parse => Run(parse, options, to, host));
        return command;
    }

    private static int Run(ParseResult parse, CommonOptions options, Option<string> to, CliHost host)
    {
        var outPath = parse.GetValue(options.Out);
        bool parquet = string.Equals(CommonOptions.ChoiceValue(parse, to), "parquet", StringComparison.OrdinalIgnoreCase);
        if (parquet)
        {
            ResultWriter.CheckParquetFile(outPath, "--to parquet");
        }

        var input = InputSettings.Bind(parse, options, host, withoutCube: "convert rewrites publications, and a cube holds only counts, not publications. Use --input.");
        OutputSettings.CheckNotAnInput(outPath, input, host);

        // The CSV format carries author ids, not names, addresses or positions.
        var corpus = CorpusLoader.Load(input, parse, options, host, corpusOptions: CorpusLoader.CountsOnly with { KeepAuthorIds = true });
        if (parquet)
        {
            ResultWriter.WriteBinaryFile(stream => CorpusParquet.Write(corpus, stream, cancellationToken: host.CancellationToken), outPath!, host);
        }
        else if (outPath is not null)
        {
            var path = host.ResolvePath(outPath);
            try
            {
                corpus.ToCsvFile(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.Failure, $"--out: cannot write '{outPath}': {ex.Message}", ex);
            }
        }
        else if (host.OpenStandardOutput is { } open)
        {
            host.Out.Flush();
            using var stdout = open();
            corpus.ToCsv(stdout);
        }
        else
        {
            using var buffer = new MemoryStream();
            corpus.ToCsv(buffer);
            host.Out.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            host.Out.Flush();
        }

        return ExitCodes.Success;
    }
}
