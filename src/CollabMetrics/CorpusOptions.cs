namespace CollabMetrics;

/// <summary>How a <see cref="CorpusBuilder"/> builds a corpus. Immutable; change with <c>with</c>.</summary>
public sealed record CorpusOptions
{
    /// <summary>All defaults.</summary>
    public static CorpusOptions Default { get; } = new();

    /// <summary>
    /// Drop a publication whose (source, id) was already added, and report it. Default true. Turning it off saves
    /// the temporary index (about 50 bytes a publication while building) when the input is known to be unique.
    /// </summary>
    public bool DetectDuplicateIds { get; init; } = true;

    /// <summary>
    /// Merge a publication whose DOI was already added (from any source) into the first one, and report it. An empty
    /// or missing DOI never matches. Default true.
    /// </summary>
    public bool MergeByDoi { get; init; } = true;

    /// <summary>Keep author ids (needed for author-level graphs; 4 more bytes an affiliation). Default true.</summary>
    public bool KeepAuthorIds { get; init; } = true;

    /// <summary>Keep DOIs (8 bytes a publication plus the strings). Default true.</summary>
    public bool KeepDois { get; init; } = true;

    /// <summary>How many individual problems the corpus's <see cref="IO.IngestReport"/> keeps as examples. Default 100.</summary>
    public int MaxIssueSamples { get; init; } = 100;
}
