using System.CommandLine;
using System.Text;

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
            + "after duplicate removal and the --years and --technology filters. A FILE ending in .gz is compressed.");
        InputSettings.AddTo(command, options);
        command.Options.Add(options.Out);
        command.SetAction(parse => Run(parse, options, host));
        return command;
    }

    private static int Run(ParseResult parse, CommonOptions options, CliHost host)
    {
        var outPath = parse.GetValue(options.Out);
        var input = InputSettings.Bind(parse, options, host, withoutCube: "convert rewrites publications, and a cube holds only counts, not publications. Use --input.");
        OutputSettings.CheckNotAnInput(outPath, input, host);

        // The CSV format carries author ids, not names, addresses or positions.
        var corpus = CorpusLoader.Load(input, parse, options, host, corpusOptions: CorpusLoader.CountsOnly with { KeepAuthorIds = true });
        if (outPath is not null)
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
