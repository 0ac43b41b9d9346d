using CollabMetrics.Geography;
using CollabMetrics.IO.Csv;

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

    /// <summary>
    /// Receives progress about every <see cref="ProgressInterval"/> records and once at the end of each input: phase
    /// <c>read</c>, unit <c>bytes</c>, <see cref="WorkProgress.Completed"/> the bytes read of the current
    /// <see cref="WorkProgress.File"/> (compressed bytes for a .gz file), <see cref="WorkProgress.Total"/> its length
    /// (null when unknown) and <see cref="WorkProgress.Records"/> the records read from it. Default none.
    /// </summary>
    public IProgress<WorkProgress>? Progress { get; init; }

    /// <summary>How many records between two progress reports. Default 10,000.</summary>
    public int ProgressInterval { get; init; } = 10_000;

    /// <summary>
    /// Maps the labels a source gives (OpenAlex topics and concepts, Web of Science categories, ...) to technology
    /// labels. Default null: each reader keeps its source's own subject labels, as its documentation says.
    /// </summary>
    public TechnologyMapping? Technologies { get; init; }

    /// <summary>
    /// How many individual problems the <see cref="IngestReport"/> keeps as examples (counts are always complete).
    /// Default 100. The file entry points (<see cref="PublicationReader.ReadFile"/>, <see cref="Corpus.FromFiles"/>)
    /// create their report with this many; every problem, without a limit, goes to <see cref="Rejects"/> when set.
    /// </summary>
    public int MaxIssueSamples
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    } = 100;

    /// <summary>The largest record, field, author list and JSON nesting a reader accepts. Default <see cref="ReadLimits.Default"/>.</summary>
    public ReadLimits Limits
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = ReadLimits.Default;

    /// <summary>
    /// Receives every rejected record and every warning, with its position and raw text (for example a
    /// <see cref="RejectedRecordCsvWriter"/>); default none. Unlike <see cref="IngestReport.Issues"/> it is not
    /// limited to <see cref="MaxIssueSamples"/>.
    /// </summary>
    public IRejectedRecordSink? Rejects { get; init; }

    /// <summary>
    /// In lenient mode, the most records that may be skipped (all files of the read together) before reading stops
    /// with an <see cref="IngestException"/>; default null, no limit. 0 stops at the first bad record, as strict mode
    /// does, but after counting it.
    /// </summary>
    public long? MaxErrors
    {
        get;
        init
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxErrors must be zero or more (null for no limit).");
            }

            field = value;
        }
    }

    /// <summary>
    /// In lenient mode, the largest share of skipped records among the records read (0 to 1) before reading stops
    /// with an <see cref="IngestException"/>; checked once at least 100 records have been read and at the end of
    /// each file. Default null, no limit.
    /// </summary>
    public double? MaxErrorShare
    {
        get;
        init
        {
            if (value is { } share && (double.IsNaN(share) || share < 0 || share > 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxErrorShare must be from 0 to 1 (null for no limit).");
            }

            field = value;
        }
    }

    /// <summary>
    /// Options of the address resolver of the Web of Science and Scopus readers and of the OpenAlex raw affiliation
    /// fallback (extra aliases). Default null: <see cref="CountryResolver.Default"/>, or the options the reader
    /// was constructed with.
    /// </summary>
    public CountryResolverOptions? Resolver { get; init; }

    /// <summary>
    /// OpenAlex: when an authorship has neither <c>countries</c> nor an institution country, resolve its
    /// <c>raw_affiliation_strings</c> with the address resolver; every affiliation found that way is counted in
    /// <see cref="IngestReport.RawAffiliationFallbacks"/>. Default true.
    /// </summary>
    public bool ResolveRawAffiliations { get; init; } = true;

    /// <summary>
    /// Set by callers that keep nothing of an author but the affiliations (a corpus without author ids and record
    /// details, streamed counts): readers may then leave <see cref="Model.Author.Id"/> and <see cref="Model.Author.Name"/> out
    /// (still validating them, so the same records are accepted and rejected).
    /// </summary>
    internal bool AuthorDetailsUnused { get; init; }

    /// <summary>
    /// The size of the blocks the readers that parse on several threads cut an input into (null: their default,
    /// <see cref="Csv.CsvChunkSplitter.DefaultBlockSize"/>): tests make inputs of many chunks with a small one.
    /// </summary>
    internal int? ChunkBytes { get; init; }

    /// <summary>Set by the scheduler of file reads when a thread is left for decompressing a gzip file ahead of its parser (see <see cref="ReadAheadStream"/>).</summary>
    internal bool DecompressAhead { get; init; }

    /// <summary>
    /// How many threads a read uses: a read of several files (<see cref="PublicationReader.ReadFiles"/>,
    /// <see cref="Corpus.FromFiles"/>, <see cref="PublicationFiles"/>) parses up to this many files at once, and a
    /// single large CollabMetrics CSV file is cut into chunks of whole publications parsed on up to this many threads, as
    /// is a single OpenAlex JSON Lines file read into a corpus or a streamed query (on this many threads besides the
    /// caller's, which consumes the records, and the one that cuts the chunks and decompresses a .gz file). The publications, positions, the report and the order of reported problems are the same whatever the number:
    /// files and chunks are handed over in order. Default null: one per processor. 1 reads everything on the caller's
    /// thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int? MaxDegreeOfParallelism
    {
        get;
        init
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxDegreeOfParallelism must be at least 1 (null for one thread per processor).");
            }

            field = value;
        }
    }

    /// <summary>
    /// How the CollabMetrics CSV reader groups rows into publications. Default <see cref="CsvGrouping.Contiguous"/>;
    /// a reader constructed with an explicit grouping keeps its own.
    /// </summary>
    public CsvGrouping CsvGrouping
    {
        get;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Use CsvGrouping.Contiguous or CsvGrouping.InMemory.");
            }

            field = value;
        }
    }
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
