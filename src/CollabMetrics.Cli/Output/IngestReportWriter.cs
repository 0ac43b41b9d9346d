using System.Globalization;
using System.Text.Json;
using CollabMetrics.IO;

namespace CollabMetrics.Cli.Output;

/// <summary>Writes an <see cref="IngestReport"/> for <c>inspect</c>: readable text, or one JSON object.</summary>
internal static class IngestReportWriter
{
    /// <summary>How many unresolved affiliation texts the text form lists.</summary>
    public const int UnresolvedShown = 20;

    private static readonly JsonWriterOptions s_json = new() { Indented = true };

    /// <summary>The report as text: the library's summary, then the files, problem examples and unresolved affiliations.</summary>
    public static void WriteText(IngestReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        var files = report.Files;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Files: {files.Count}"));
        foreach (var file in files)
        {
            writer.WriteLine($"  {file}");
        }

        writer.Write(report.ToString());
        var issues = report.Issues;
        if (issues.Count > 0)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Problems (first {issues.Count}):"));
            foreach (var issue in issues)
            {
                writer.WriteLine($"  {issue}");
            }
        }

        var unresolved = report.UnresolvedAffiliations;
        if (unresolved.Count > 0)
        {
            int shown = Math.Min(unresolved.Count, UnresolvedShown);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Unresolved affiliations, most frequent first ({shown} of {unresolved.Count}):"));
            int width = unresolved[0].Count.ToString(CultureInfo.InvariantCulture).Length;
            for (int i = 0; i < shown; i++)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {unresolved[i].Count.ToString(CultureInfo.InvariantCulture).PadLeft(width)}  {unresolved[i].Text}"));
            }
        }
    }

    /// <summary>The report as one JSON object with snake_case names; every unresolved affiliation is listed.</summary>
    public static void WriteJson(IngestReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_json))
        {
            json.WriteStartObject();
            json.WriteStartArray("files");
            foreach (var file in report.Files)
            {
                json.WriteStringValue(file);
            }

            json.WriteEndArray();
            json.WriteNumber("records_read", report.RecordsRead);
            json.WriteNumber("bytes_read", report.BytesRead);
            json.WriteNumber("accepted", report.Accepted);
            json.WriteNumber("skipped", report.SkippedTotal);
            json.WriteStartObject("skipped_by_reason");
            foreach (var (reason, count) in report.Skipped.OrderBy(kv => kv.Key))
            {
                json.WriteNumber(SnakeCase(reason.ToString()), count);
            }

            json.WriteEndObject();
            json.WriteNumber("excluded", report.ExcludedTotal);
            json.WriteStartObject("excluded_by_reason");
            foreach (var (reason, count) in report.Excluded.OrderBy(kv => kv.Key))
            {
                json.WriteNumber(SnakeCase(reason.ToString()), count);
            }

            json.WriteEndObject();
            json.WriteNumber("authors_truncated", report.AuthorsTruncated);
            json.WriteNumber("duplicate_ids", report.DuplicateIds);
            json.WriteNumber("merged_by_doi", report.DuplicateDois);
            json.WriteNumber("merge_conflicts", report.MergeConflicts);
            json.WriteNumber("publications_without_country", report.PublicationsWithoutCountry);
            json.WriteNumber("publications_without_year", report.PublicationsWithoutYear);
            json.WriteNumber("raw_affiliation_fallbacks", report.RawAffiliationFallbacks);
            json.WriteNumber("warnings", report.Warnings);
            json.WriteNumber("repeated_header_rows", report.RepeatedHeaderRows);
            json.WriteStartArray("unknown_columns");
            foreach (var column in report.UnknownColumns)
            {
                json.WriteStringValue(column);
            }

            json.WriteEndArray();
            json.WriteStartArray("unresolved_affiliations");
            foreach (var u in report.UnresolvedAffiliations)
            {
                json.WriteStartObject();
                json.WriteString("text", u.Text);
                json.WriteNumber("count", u.Count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("issues");
            foreach (var issue in report.Issues)
            {
                json.WriteStartObject();
                json.WriteString("file", issue.Position.File);
                WriteNumberOrNull(json, "line", issue.Position.Line);
                WriteNumberOrNull(json, "record", issue.Position.Record);
                json.WriteString("field", issue.Field);
                json.WriteString("kind", SnakeCase(issue.Kind.ToString()));
                json.WriteString("reason", issue.Reason is { } reason ? SnakeCase(reason.ToString()) : null);
                json.WriteString("message", issue.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, long value)
    {
        if (value > 0)
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>"MissingRequiredField" to "missing_required_field".</summary>
    internal static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
