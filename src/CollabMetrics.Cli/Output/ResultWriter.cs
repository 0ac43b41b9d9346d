using System.Text.Json;

namespace CollabMetrics.Cli.Output;

/// <summary>
/// Writes a result to standard output or to <c>--out FILE</c>, in the <c>--output</c> format, through the library's
/// tabular contract: CSV by the library's writer, a JSON array of objects with the same column names, or an aligned
/// table for people.
/// </summary>
internal static class ResultWriter
{
    private static readonly JsonWriterOptions s_indented = new() { Indented = true };

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

            file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
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
                result.ToCsv(writer);
                break;
            case OutputFormat.Json:
                WriteJsonArray(result, writer);
                writer.WriteLine();
                break;
            default:
                AlignedTable.Render(result, writer);
                break;
        }
    }

    /// <summary>Writes the rows as a JSON array of objects named by the columns; undefined values are null.</summary>
    internal static void WriteJsonArray(ITabularResult result, TextWriter writer)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_indented))
        {
            json.WriteStartArray();
            result.WriteRows(new JsonRowSink(json, result.Columns));
            json.WriteEndArray();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private sealed class JsonRowSink(Utf8JsonWriter json, IReadOnlyList<TableColumn> columns) : ITableSink
    {
        private readonly JsonEncodedText[] _names = [.. columns.Select(c => JsonEncodedText.Encode(c.Name))];
        private int _column;

        public void BeginRow()
        {
            _column = 0;
            json.WriteStartObject();
        }

        public void WriteText(string? value)
        {
            if (value is null)
            {
                json.WriteNull(_names[_column++]);
            }
            else
            {
                json.WriteString(_names[_column++], value);
            }
        }

        public void WriteInteger(long? value)
        {
            if (value is { } v)
            {
                json.WriteNumber(_names[_column++], v);
            }
            else
            {
                json.WriteNull(_names[_column++]);
            }
        }

        public void WriteNumber(double value)
        {
            if (double.IsFinite(value))
            {
                json.WriteNumber(_names[_column++], value);
            }
            else
            {
                json.WriteNull(_names[_column++]);
            }
        }

        public void EndRow() => json.WriteEndObject();
    }
}
