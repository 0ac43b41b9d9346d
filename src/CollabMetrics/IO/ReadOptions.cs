namespace CollabMetrics.IO;

/// <summary>Options for reading publication files. Immutable; change with <c>with</c>.</summary>
/// <example>
/// <code>
/// var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };
/// </code>
/// </example>
public sealed record ReadOptions
{
    /// <summary>Strict, lenient, and every default as documented on each property.</summary>
    public static ReadOptions Default { get; } = new();

    /// <summary>
    /// What a bad record does. Default <see cref="ErrorMode.Strict"/>: the first bad record throws an
    /// <see cref="IngestException"/> naming the file, line or record, field and reason.
    /// </summary>
    public ErrorMode ErrorMode { get; init; } = ErrorMode.Strict;

    /// <summary>The format of the input; default <see cref="PublicationFormat.Auto"/> detects it from the content.</summary>
    public PublicationFormat Format { get; init; } = PublicationFormat.Auto;

    /// <summary>Receives progress (records and bytes read) about every <see cref="ProgressInterval"/> records. Default none.</summary>
    public IProgress<ReadProgress>? Progress { get; init; }

    /// <summary>How many records between two progress reports. Default 10,000.</summary>
    public int ProgressInterval { get; init; } = 10_000;

    /// <summary>
    /// Maps the labels a source gives (OpenAlex topics and concepts, Web of Science categories, ...) to technology
    /// labels. Default null: each reader keeps its source's own subject labels, as its documentation says.
    /// </summary>
    public TechnologyMapping? Technologies { get; init; }

    /// <summary>How many individual problems the <see cref="IngestReport"/> keeps as examples (counts are always complete). Default 100.</summary>
    public int MaxIssueSamples { get; init; } = 100;
}

/// <summary>What a reader does with a bad record.</summary>
public enum ErrorMode
{
    /// <summary>Throw an <see cref="IngestException"/> at the first bad record.</summary>
    Strict = 0,

    /// <summary>Skip bad records and count them by reason in the <see cref="IngestReport"/>.</summary>
    Lenient = 1,
}

/// <summary>An input format.</summary>
public enum PublicationFormat
{
    /// <summary>Detect from the content.</summary>
    Auto = 0,

    /// <summary>OpenAlex works: an API response (<c>{"results": [...]}</c>), a JSON array of works, or JSON Lines.</summary>
    OpenAlex = 1,

    /// <summary>Web of Science plain text (FN/VR header, PT...ER records).</summary>
    WebOfScience = 2,

    /// <summary>Web of Science tab-delimited (UTF-8 with BOM, field tags as column names).</summary>
    WebOfScienceTab = 3,

    /// <summary>Scopus CSV export.</summary>
    Scopus = 4,

    /// <summary>The CollabMetrics CSV format (one row per authorship).</summary>
    CollabMetricsCsv = 5,
}

/// <summary>Progress of a read.</summary>
/// <param name="File">The file being read, or null.</param>
/// <param name="Records">Records read so far in this file.</param>
/// <param name="Bytes">Bytes read so far (compressed bytes for a .gz file).</param>
/// <param name="TotalBytes">The file's length, or null when unknown.</param>
public readonly record struct ReadProgress(string? File, long Records, long Bytes, long? TotalBytes);
