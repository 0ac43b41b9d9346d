using System.Globalization;
using System.Net;
using System.Text;
using CollabMetrics.IO;
using Microsoft.DotNet.Interactive.Formatting;

namespace CollabMetrics.Interactive;

/// <summary>
/// Registers the HTML formatters of CollabMetrics types with .NET Interactive: ingest reports as a summary,
/// result tables (every <see cref="ITabularResult"/>: partner, unit and pair tables, time series, bootstrap
/// intervals) as HTML tables with a chart for time series and rankings. The package's kernel extension calls
/// <see cref="Register"/> when the package is loaded into a notebook; call it yourself in any other host.
/// </summary>
/// <example>
/// <code>
/// NotebookFormatters.Register();
/// string html = report.ToDisplayString("text/html");
/// </code>
/// </example>
public static class NotebookFormatters
{
    private const int MaxUnresolvedShown = 10;
    private const int MaxIssuesShown = 10;
    private static readonly Lock s_gate = new();
    private static bool s_registered;

    /// <summary>Registers the formatters (once; later calls do nothing).</summary>
    public static void Register()
    {
        lock (s_gate)
        {
            if (s_registered)
            {
                return;
            }

            Formatter.Register<IngestReport>((report, writer) => writer.Write(ToHtml(report)), HtmlFormatter.MimeType);
            Formatter.Register<ITabularResult>((table, writer) => writer.Write(ToHtml(table)), HtmlFormatter.MimeType);
            s_registered = true;
        }
    }

    /// <summary>The HTML summary of an ingest report, as the notebook shows it.</summary>
    /// <param name="report">The report.</param>
    /// <returns>An HTML fragment.</returns>
    public static string ToHtml(IngestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder("<div class=\"collabmetrics-ingest\"><table><tbody>");
        Row(html, "Files", report.Files.Count == 0 ? "(none)" : string.Join(", ", report.Files.Select(Path.GetFileName)));
        Row(html, "Records read", Count(report.RecordsRead));
        Row(html, "Accepted", Count(report.Accepted));
        Row(html, "Skipped", Count(report.SkippedTotal));
        foreach (var (reason, count) in report.Skipped.OrderBy(kv => kv.Key))
        {
            Row(html, "&#160;&#160;" + Escape(reason.ToString()), Count(count), encodeLabel: false);
        }

        Row(html, "Duplicate ids merged", Count(report.DuplicateIds));
        Row(html, "Merged by DOI", Count(report.DuplicateDois));
        Row(html, "Merge conflicts", Count(report.MergeConflicts));
        Row(html, "Without any country", Count(report.PublicationsWithoutCountry));
        Row(html, "Without a year", Count(report.PublicationsWithoutYear));
        var unresolved = report.UnresolvedAffiliations;
        Row(html, "Unresolved affiliations", $"{Count(unresolved.Sum(u => u.Count))} ({Count(unresolved.Count)} distinct)");
        html.Append("</tbody></table>");
        if (unresolved.Count > 0)
        {
            html.Append("<p>Most frequent unresolved affiliations:</p><ul>");
            foreach (var u in unresolved.OrderByDescending(u => u.Count).ThenBy(u => u.Text, StringComparer.Ordinal).Take(MaxUnresolvedShown))
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{Escape(u.Text)} ({Count(u.Count)})</li>");
            }

            html.Append("</ul>");
        }

        var issues = report.Issues;
        if (issues.Count > 0)
        {
            html.Append("<p>First issues:</p><ul>");
            foreach (var issue in issues.Take(MaxIssuesShown))
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{Escape(issue.ToString())}</li>");
            }

            html.Append("</ul>");
        }

        return html.Append("</div>").ToString();
    }

    /// <summary>
    /// The HTML of a result table, as the notebook shows it: what it was computed with, a line chart when it is a
    /// time series (two or more single years), a bar chart when it is a ranking of one slice, then its rows (the
    /// first 200). Undefined values are empty cells. Read through the tabular contract, so every result table
    /// (partners, units, pairs, time series, bootstrap intervals and any later one) renders the same way.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <returns>An HTML fragment.</returns>
    public static string ToHtml(ITabularResult table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return ResultHtml.Render(table.GetType().Name, TabularData.From(table));
    }

    /// <summary>A number as the formatters show it: integers with thousands separators, others to 4 significant decimals, NaN empty.</summary>
    internal static string FormatNumber(double value)
    {
        if (double.IsNaN(value))
        {
            return "";
        }

        return value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString(Math.Abs(value) >= 1 ? "#,0.####" : "0.####", CultureInfo.InvariantCulture);
    }

    private static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder html, string label, string value, bool encodeLabel = true) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><th style=\"text-align:left\">{(encodeLabel ? Escape(label) : label)}</th><td style=\"text-align:right\">{Escape(value)}</td></tr>");

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
