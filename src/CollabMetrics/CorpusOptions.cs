namespace CollabMetrics;

/// <summary>How a <see cref="CorpusBuilder"/> builds a corpus. Immutable; change with <c>with</c>.</summary>
/// <example>
/// <code>
/// // The smallest corpus that still counts countries, institutions, years and technologies:
/// var compact = CorpusOptions.Default with { KeepRecordDetails = false, KeepAuthorIds = false, KeepDois = false };
/// </code>
/// </example>
public sealed record CorpusOptions
{
    /// <summary>All defaults.</summary>
    public static CorpusOptions Default { get; } = new();

    /// <summary>
    /// Treat records with the same source and id as one publication, merged by the merge rule (as for
    /// <see cref="MergeByDoi"/>), and report them as duplicate ids. Default true. Turning it off saves the temporary
    /// hash index (11 to 23 bytes a publication while building) when the input is known to be unique.
    /// </summary>
    public bool DetectDuplicateIds { get; init; } = true;

    /// <summary>
    /// Treat records with the same normalized DOI (from any source) as one publication and merge them by a fixed
    /// rule that does not depend on the order of the input: the union of the countries resolved per author position,
    /// the other fields from the record of the highest-priority source (docs/formats.md, "Duplicates and the merge
    /// rule"). Merges and conflicting records are counted in the report. An empty or missing DOI never matches.
    /// Default true.
    /// </summary>
    public bool MergeByDoi { get; init; } = true;

    /// <summary>
    /// Keep an author key per author position: the id the source gives, else a name key ("LAST, F"); author-level
    /// graphs need them. About 4 bytes an author position plus 4 a publication and the distinct keys. Default true.
    /// </summary>
    public bool KeepAuthorIds { get; init; } = true;

    /// <summary>Keep DOIs (front-coded in a UTF-8 pool: a few bytes a publication). Default true.</summary>
    public bool KeepDois { get; init; } = true;

    /// <summary>
    /// Keep what the readers read beyond what is counted: author names, affiliation addresses, and each
    /// publication's position (file, line, record), so that <see cref="Corpus.Publications"/> gives them back.
    /// Turn it off for memory (about 4 bytes an author and an affiliation plus 20 a publication, and the distinct
    /// names and addresses). Default true.
    /// </summary>
    public bool KeepRecordDetails { get; init; } = true;

    /// <summary>
    /// Which publications the corpus leaves out (and counts in <see cref="IO.IngestReport.Excluded"/>), decided after
    /// duplicates are merged: a work is retracted or paratext when any of its records says so. Default
    /// <see cref="DocumentFilter.Default"/>: retracted works and paratext are left out; <see cref="DocumentFilter.None"/>
    /// keeps everything.
    /// </summary>
    public DocumentFilter Documents
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = DocumentFilter.Default;

    /// <summary>How many individual problems the corpus's <see cref="IO.IngestReport"/> keeps as examples. Default 100.</summary>
    public int MaxIssueSamples { get; init; } = 100;
}
