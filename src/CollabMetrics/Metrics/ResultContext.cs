using System.Text.Json;
using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Impact;

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
    /// <summary>The technology of every slice of the result, or null for all technologies (or for each, see <see cref="ByTechnology"/>).</summary>
    public string? Technology { get; init; }

    /// <summary>
    /// Whether the result has rows per technology (<see cref="SlicedQuery{TQuery}.ByTechnology"/>): its tables then have a
    /// <c>technology</c> column after <c>year</c>, and <see cref="Technology"/> is null.
    /// </summary>
    public bool ByTechnology { get; init; }

    /// <summary>
    /// For citation impact tables, the top percentage, the citation source, the reference-set rule, the ranking and
    /// the impact diagnostics; null for collaboration tables.
    /// </summary>
    public ImpactContext? Impact { get; init; }

    /// <summary>Countries or institutions.</summary>
    public UnitLevel Level => Options.Level;

    /// <summary>The territory policy in force (countries).</summary>
    public TerritoryPolicy Territory => Options.Territory;

    /// <summary>The counting of impact tables: whole, with author-fractional columns named so.</summary>
    private const string ImpactCounting = "whole; *_fractional and top_share author-fractional";

    /// <summary>The same context ranked by another index.</summary>
    internal ResultContext RankedByIndex(CollaborationIndex? index) => this with { RankedBy = index };

    /// <summary>
    /// The context as ordered key-value pairs (the <see cref="ITabularResult.Metadata"/> of result tables): level,
    /// territory, technology_assignment, unknown_authors, technology, counting, link_weighting, ranked_by (when
    /// ranked), groups (when any: their names separated by <c>, </c>, then <c>groups.NAME</c> with the member codes
    /// separated by commas) and the diagnostics as
    /// <c>diagnostics.publications</c> and so on. Names of enum values are those of the library's name tables.
    /// Impact tables (<see cref="Impact"/>) have no link_weighting; they add citation_source, top_percent and
    /// reference_sets after counting, rank by an impact measure, and add
    /// <c>diagnostics.publications_in_impact</c>, <c>diagnostics.publications_without_citation_count</c> and
    /// <c>diagnostics.publications_without_openalex_impact</c>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToMetadata()
    {
        var entries = new List<KeyValuePair<string, string>>
        {
            new("level", Level.ToName()),
            new("territory", Territory.ToName()),
            new("technology_assignment", Options.Technologies.ToName()),
            new("unknown_authors", Options.UnknownAuthors.ToName()),
            new("technology", ByTechnology ? "each" : Technology ?? "all"),
        };
        if (Impact is { } impact)
        {
            entries.Add(new("counting", ImpactCounting));
            entries.Add(new("citation_source", impact.CitationSource.ToName()));
            entries.Add(new("top_percent", impact.TopPercentText));
            entries.Add(new("reference_sets", impact.ReferenceSets));
            if (impact.RankedBy is { } measure)
            {
                entries.Add(new("ranked_by", measure.ToName()));
            }
        }
        else
        {
            entries.Add(new("counting", "whole"));
            entries.Add(new("link_weighting", LinkWeighting.ToName()));
            if (RankedBy is { } index)
            {
                entries.Add(new("ranked_by", index.ToName()));
            }
        }

        if (Options.Groups.Count > 0)
        {
            var names = new string[Options.Groups.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = Options.Groups[i].Name;
            }

            entries.Add(new("groups", string.Join(", ", names)));
            foreach (var group in Options.Groups)
            {
                entries.Add(new("groups." + group.Name, string.Join(",", group.Members)));
            }
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        entries.Add(new("diagnostics.publications", Diagnostics.Publications.ToString(invariant)));
        entries.Add(new("diagnostics.publications_counted", Diagnostics.PublicationsCounted.ToString(invariant)));
        entries.Add(new("diagnostics.publications_without_unit", Diagnostics.PublicationsWithoutUnit.ToString(invariant)));
        entries.Add(new("diagnostics.publications_without_year", Diagnostics.PublicationsWithoutYear.ToString(invariant)));
        entries.Add(new("diagnostics.authors_without_unit", Diagnostics.AuthorsWithoutUnit.ToString(invariant)));
        entries.Add(new("diagnostics.unresolved_affiliations", Diagnostics.UnresolvedAffiliations.ToString(invariant)));
        if (Impact is { } d)
        {
            entries.Add(new("diagnostics.publications_in_impact", d.Diagnostics.PublicationsCounted.ToString(invariant)));
            entries.Add(new("diagnostics.publications_without_citation_count", d.Diagnostics.PublicationsWithoutCitationCount.ToString(invariant)));
            entries.Add(new("diagnostics.publications_without_openalex_impact", d.Diagnostics.PublicationsWithoutOpenAlexImpact.ToString(invariant)));
        }

        return entries.AsReadOnly();
    }

    internal void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("level", Level.ToName());
        writer.WriteString("territory", Territory.ToName());
        writer.WriteString("technology_assignment", Options.Technologies.ToName());
        writer.WriteString("unknown_authors", Options.UnknownAuthors.ToName());
        writer.WriteString("technology", Technology ?? "all");
        if (Impact is { } impact)
        {
            writer.WriteString("counting", ImpactCounting);
            writer.WriteString("citation_source", impact.CitationSource.ToName());
            writer.WriteNumber("top_percent", impact.TopPercent);
            writer.WriteString("reference_sets", impact.ReferenceSets);
            if (impact.RankedBy is { } measure)
            {
                writer.WriteString("ranked_by", measure.ToName());
            }
            else
            {
                writer.WriteNull("ranked_by");
            }
        }
        else
        {
            writer.WriteString("counting", "whole");
            writer.WriteString("link_weighting", LinkWeighting.ToName());
            if (RankedBy is { } index)
            {
                writer.WriteString("ranked_by", index.ToName());
            }
            else
            {
                writer.WriteNull("ranked_by");
            }
        }

        CubeJson.WriteGroups(writer, Options.Groups);
        writer.WriteStartObject("diagnostics");
        writer.WriteNumber("publications", Diagnostics.Publications);
        writer.WriteNumber("publications_counted", Diagnostics.PublicationsCounted);
        writer.WriteNumber("publications_without_unit", Diagnostics.PublicationsWithoutUnit);
        writer.WriteNumber("publications_without_year", Diagnostics.PublicationsWithoutYear);
        writer.WriteNumber("authors_without_unit", Diagnostics.AuthorsWithoutUnit);
        writer.WriteNumber("unresolved_affiliations", Diagnostics.UnresolvedAffiliations);
        if (Impact is { } d)
        {
            writer.WriteNumber("publications_in_impact", d.Diagnostics.PublicationsCounted);
            writer.WriteNumber("publications_without_citation_count", d.Diagnostics.PublicationsWithoutCitationCount);
            writer.WriteNumber("publications_without_openalex_impact", d.Diagnostics.PublicationsWithoutOpenAlexImpact);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
