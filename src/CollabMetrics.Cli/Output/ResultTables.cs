using System.Text;
using System.Text.Json;
using CollabMetrics.Metrics;

namespace CollabMetrics.Cli.Output;

/// <summary>Adapts the library's result tables to <see cref="ITabularResult"/>: their own CSV and JSON writers.</summary>
internal static class ResultTables
{
    private static readonly JsonWriterOptions s_indented = new() { Indented = true };

    /// <summary>
    /// The table as a printable result. CSV is the library's; JSON is the <c>rows</c> array of the library's JSON (which
    /// also carries the analysis context), so that the tool prints an array of objects with the CSV's column names.
    /// </summary>
    public static ITabularResult Of<TRow>(ResultTable<TRow> table) =>
        new DelegateResult(table.ToCsv, writer => WriteRows(table.ToJson(), writer));

    /// <summary>Writes the <c>rows</c> array of a library JSON document (or the document itself when it is an array).</summary>
    internal static void WriteRows(string json, TextWriter writer)
    {
        using var document = JsonDocument.Parse(json);
        var rows = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("rows", out var r)
            ? r
            : document.RootElement;
        using var buffer = new MemoryStream();
        using (var output = new Utf8JsonWriter(buffer, s_indented))
        {
            rows.WriteTo(output);
        }

        writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
