using System.Text.Json;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;

namespace CollabMetrics.Metrics;

/// <summary>
/// What a result was computed with: the aggregation options (level, territory policy, technology assignment,
/// unknown authors, groups), the link weighting, the ranking index, and the diagnostics of the corpus
/// (publications without a unit, unresolved affiliations). Every result table carries one.
/// </summary>
/// <remarks>Counts of publications and co-publications are whole counts; F and E of unit tables are author-fractional and equal-split.</remarks>
/// <param name="Options">The options the counts were aggregated with.</param>
/// <param name="LinkWeighting">The weighting of pair weights (<see cref="PairRow.Weight"/>).</param>
/// <param name="RankedBy">The index partners are ranked by, or null when the table is not ranked.</param>
/// <param name="Diagnostics">The diagnostics of the aggregated corpus.</param>
public sealed record ResultContext(
    AggregationOptions Options,
    LinkWeighting LinkWeighting,
    CollaborationIndex? RankedBy,
    CubeDiagnostics Diagnostics)
{
    /// <summary>The technology of every slice of the result, or null for all technologies.</summary>
    public string? Technology { get; init; }

    /// <summary>Countries or institutions.</summary>
    public UnitLevel Level => Options.Level;

    /// <summary>The territory policy in force (countries).</summary>
    public TerritoryPolicy Territory => Options.Territory;

    /// <summary>The same context ranked by another index.</summary>
    internal ResultContext RankedByIndex(CollaborationIndex? index) => this with { RankedBy = index };

    internal void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("level", Level == UnitLevel.Country ? "country" : "institution");
        writer.WriteString("territory", Territory.ToShortName());
        writer.WriteString("technology_assignment", Options.Technologies == TechnologyAssignment.Whole ? "whole" : "fractional");
        writer.WriteString("unknown_authors", Options.UnknownAuthors == UnknownAuthorPolicy.Exclude ? "exclude" : "unknown_unit");
        writer.WriteString("technology", Technology ?? "all");
        writer.WriteString("counting", "whole");
        writer.WriteString("link_weighting", LinkWeightingName(LinkWeighting));
        if (RankedBy is { } index)
        {
            writer.WriteString("ranked_by", index.ToName());
        }
        else
        {
            writer.WriteNull("ranked_by");
        }

        CubeJson.WriteGroups(writer, Options.Groups);
        writer.WriteStartObject("diagnostics");
        writer.WriteNumber("publications", Diagnostics.Publications);
        writer.WriteNumber("publications_counted", Diagnostics.PublicationsCounted);
        writer.WriteNumber("publications_without_unit", Diagnostics.PublicationsWithoutUnit);
        writer.WriteNumber("publications_without_year", Diagnostics.PublicationsWithoutYear);
        writer.WriteNumber("authors_without_unit", Diagnostics.AuthorsWithoutUnit);
        writer.WriteNumber("unresolved_affiliations", Diagnostics.UnresolvedAffiliations);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>snake_case name of a link weighting, as the command line spells it.</summary>
    internal static string LinkWeightingName(LinkWeighting weighting) => weighting switch
    {
        LinkWeighting.Full => "full",
        LinkWeighting.CountrySet => "country_set",
        LinkWeighting.Author => "author",
        LinkWeighting.AuthorRefined => "author_refined",
        _ => throw new ArgumentOutOfRangeException(nameof(weighting), weighting, "Unknown link weighting."),
    };
}
