using System.CommandLine;
using System.Globalization;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Metrics;

namespace CollabMetrics.Cli.Commands;

/// <summary>
/// The note on standard error that says under which policies a table was computed and what it counted (the CSV
/// has no room for it): territory, link weighting, publications counted and left out.
/// </summary>
internal static class ContextNote
{
    /// <summary>Writes the note for a result table unless <c>--quiet</c>.</summary>
    public static void Write(ParseResult parse, CommonOptions options, CliHost host, ResultContext context, bool withLinks = false) =>
        Write(parse, options, host, context.Territory, context.Diagnostics, withLinks ? context.LinkWeighting : null);

    /// <summary>Writes the note unless <c>--quiet</c>.</summary>
    public static void Write(ParseResult parse, CommonOptions options, CliHost host, TerritoryPolicy territory, CubeDiagnostics d, LinkWeighting? links = null)
    {
        if (parse.GetValue(options.Quiet))
        {
            return;
        }

        host.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"collabmetrics: territory {territory.ToName()}{(links is { } l ? ", links " + l.ToName() : string.Empty)}; {d.PublicationsCounted:N0} of {d.Publications:N0} publications counted ({d.PublicationsWithoutUnit:N0} without a country, {d.PublicationsWithoutYear:N0} without a year)."));
    }
}
