using CollabMetrics.Geography;

namespace CollabMetrics.Model;

/// <summary>
/// One publication as a source describes it: what every reader produces and what a
/// <see cref="CorpusBuilder"/> consumes.
/// </summary>
/// <remarks>
/// A publication is a plain immutable record. The corpus does not keep these objects: it stores their
/// countries, institutions, years and labels in compact arrays, so a publication read back from a corpus keeps
/// id, source, position, year, DOI, authors (name, id, corresponding flag) and affiliations (institution, address
/// and country), technologies and citations, unless <see cref="CorpusOptions"/> drops some of them for memory.
/// </remarks>
public sealed record Publication
{
    /// <summary>The id as the source gives it (an OpenAlex work id, a Web of Science UT, a Scopus EID, ...).</summary>
    public required string Id { get; init; }

    /// <summary>Where the record comes from.</summary>
    public PublicationSource Source { get; init; }

    /// <summary>The file and the line or record number it was read from, for error messages and provenance.</summary>
    public SourcePosition Position { get; init; }

    /// <summary>The DOI, normalized by the reader to lower case without a resolver prefix; null when absent.</summary>
    public string? Doi { get; init; }

    /// <summary>The publication year, or null when the source gives none.</summary>
    public int? Year { get; init; }

    /// <summary>
    /// OpenAlex's field-weighted citation impact (<c>fwci</c>): the work's citations over the citations expected of
    /// works of its year, type and subfield, as OpenAlex computes it; null when the source gives none.
    /// </summary>
    public double? Fwci { get; init; }

    /// <summary>OpenAlex's <c>citation_normalized_percentile</c> of the work, or null when the source gives none.</summary>
    public CitationPercentile? CitationPercentile { get; init; }

    /// <summary>The authors in byline order.</summary>
    public IReadOnlyList<Author> Authors { get; init; } = [];

    /// <summary>
    /// Technology or field labels; a publication may have several (multi-label). They are a set: a publication read from
    /// a corpus has each label once, in the order of the corpus's technology list (the order labels were first seen).
    /// </summary>
    public IReadOnlyList<string> Technologies { get; init; } = [];

    /// <summary>The citation count the source reports, or null.</summary>
    public int? Citations { get; init; }

    /// <summary>The document type, normalised across sources (see <see cref="Model.DocumentType"/>); <see cref="DocumentType.Unknown"/> when the source gives none.</summary>
    public DocumentType DocumentType { get; init; }

    /// <summary>Whether the source says the work was retracted (OpenAlex <c>is_retracted</c>, WoS <c>Retracted Publication</c>, Scopus <c>Retracted</c>).</summary>
    public bool IsRetracted { get; init; }

    /// <summary>Whether the source says the work is paratext: front matter, a table of contents, a cover (OpenAlex <c>is_paratext</c>, or type <c>paratext</c>).</summary>
    public bool IsParatext { get; init; }

    /// <summary>Whether the source cut the author list short (OpenAlex <c>is_authors_truncated</c>): the authors given are the first ones only.</summary>
    public bool AuthorsTruncated { get; init; }

    /// <summary>The distinct resolved countries of all authors' affiliations, in code order.</summary>
    public IReadOnlyList<Country> Countries
    {
        get
        {
            var set = new SortedSet<Country>();
            foreach (var author in Authors)
            {
                foreach (var affiliation in author.Affiliations)
                {
                    if (affiliation.Country.IsKnown)
                    {
                        set.Add(affiliation.Country);
                    }
                }
            }

            return [.. set];
        }
    }
}

/// <summary>One author of a publication.</summary>
public sealed record Author
{
    /// <summary>The author's name as the source spells it, or null.</summary>
    public string? Name { get; init; }

    /// <summary>A source identifier of the author (OpenAlex author id, Scopus author id, ORCID), or null.</summary>
    public string? Id { get; init; }

    /// <summary>The author's affiliations for this publication; empty when the source gives none.</summary>
    public IReadOnlyList<Affiliation> Affiliations { get; init; } = [];

    /// <summary>Whether the source names this author as the corresponding (reprint) author.</summary>
    public bool IsCorresponding { get; init; }
}

/// <summary>One affiliation of an author on a publication.</summary>
public sealed record Affiliation
{
    /// <summary>The institution's id in its source (an OpenAlex institution id, a ROR id, ...), or null.</summary>
    public string? InstitutionId { get; init; }

    /// <summary>The institution's name, or null.</summary>
    public string? InstitutionName { get; init; }

    /// <summary>The raw address text the country was resolved from, or null.</summary>
    public string? Address { get; init; }

    /// <summary>The resolved country, or <see cref="Country.Unknown"/>.</summary>
    public Country Country { get; init; }
}

/// <summary>Where a publication was read from.</summary>
/// <param name="File">The file name, or null for a stream without a name.</param>
/// <param name="Line">The 1-based line the record starts on, or 0 when the format has no lines (JSON arrays).</param>
/// <param name="Record">The 1-based record number within the file.</param>
public readonly record struct SourcePosition(string? File, long Line, long Record)
{
    /// <summary>
    /// What is known, for messages: "file, line N" where the record has a line, else "file, record N"; the file alone
    /// for a problem of the whole file (no line, no record), and "(no position)" when nothing is known.
    /// </summary>
    public override string ToString()
    {
        string? where = Line > 0 ? $"line {Line}" : Record > 0 ? $"record {Record}" : null;
        return (File, where) switch
        {
            (null, null) => "(no position)",
            (null, _) => where,
            (_, null) => File,
            _ => $"{File}, {where}",
        };
    }
}

/// <summary>The source a publication was read from.</summary>
public enum PublicationSource
{
    /// <summary>Not known (built in code).</summary>
    Unknown = 0,

    /// <summary>OpenAlex works (API responses or snapshot JSON Lines).</summary>
    OpenAlex = 1,

    /// <summary>Web of Science plain-text or tab-delimited export.</summary>
    WebOfScience = 2,

    /// <summary>Scopus CSV export.</summary>
    Scopus = 3,

    /// <summary>The CollabMetrics CSV format.</summary>
    CollabMetricsCsv = 4,

    /// <summary>The synthetic corpus generator.</summary>
    Synthetic = 5,
}
