using System.Text;

namespace CollabMetrics.Cli.Output;

/// <summary>Writes a result to standard output or to <c>--out FILE</c>, in the <c>--output</c> format.</summary>
internal static class ResultWriter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Parses an <c>--output</c> value.</summary>
    public static OutputFormat ParseFormat(string value) => value.ToLowerInvariant() switch
    {
        "csv" => OutputFormat.Csv,
        "json" => OutputFormat.Json,
        _ => OutputFormat.Table,
    };

    /// <summary>Writes <paramref name="result"/> to <paramref name="outPath"/> (a file) or, when null, to <paramref name="host"/>'s output.</summary>
    public static void Write(ITabularResult result, OutputFormat format, string? outPath, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(result);
        WriteText(writer => WriteFormatted(result, format, writer), outPath, host);
    }

    /// <summary>Runs <paramref name="write"/> on the output file (created or replaced) or on standard output.</summary>
    public static void WriteText(Action<TextWriter> write, string? outPath, CliHost host)
    {
        if (outPath is null)
        {
            write(host.Out);
            host.Out.Flush();
            return;
        }

        var path = host.ResolvePath(outPath);
        StreamWriter file;
        try
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            file = new StreamWriter(path, append: false, s_utf8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Failure, $"--out: cannot write '{outPath}': {ex.Message}", ex);
        }

        using (file)
        {
            write(file);
        }
    }

    /// <summary>Writes <paramref name="result"/> in <paramref name="format"/>.</summary>
    public static void WriteFormatted(ITabularResult result, OutputFormat format, TextWriter writer)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                result.WriteCsv(writer);
                break;
            case OutputFormat.Json:
                result.WriteJson(writer);
                writer.WriteLine();
                break;
            default:
                var csv = new StringWriter();
                result.WriteCsv(csv);
                AlignedTable.Render(csv.ToString(), writer);
                break;
        }
    }
}
