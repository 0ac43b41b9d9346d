using CollabMetrics.Model;

namespace CollabMetrics.IO.Csv;

/// <summary>
/// Reads the CollabMetrics CSV format: the library's own tidy format, one row per authorship affiliation, as
/// <see cref="Corpus.ToCsvFile(string)"/> writes it (see docs/formats.md for every column).
/// </summary>
/// <remarks>
/// <para>
/// Required columns: <c>publication_id</c>, <c>year</c>, <c>author_position</c>, <c>country</c>; optional:
/// <c>source</c>, <c>doi</c>, <c>author_id</c>, <c>corresponding</c>, <c>institution_id</c>,
/// <c>institution_name</c>, <c>technologies</c> (<c>;</c>-separated), <c>citations</c>. Column names are
/// matched ignoring case and order; other columns are ignored. A file without a required column is rejected
/// as a whole (<see cref="SkipReason.MissingRequiredField"/>).
/// </para>
/// <para>
/// Rows are grouped into publications by <c>publication_id</c>. With <see cref="CsvGrouping.Contiguous"/> (the
/// default) a publication's rows must follow each other, as the writer produces them: the file is streamed and
/// memory holds one publication plus the ids already read: a 64-bit hash of each (8 to 11 bytes a publication) when
/// the input is a file read by its path (<see cref="PublicationReader.ReadFile"/>, <see cref="PublicationReader.ReadFiles"/>),
/// which is read again up to a hash met twice to tell a repeated id from two ids with one hash; each id's UTF-8
/// (about 25 bytes) from a stream, which cannot be read again. A publication whose rows reappear later is reported
/// (<see cref="SkipReason.Inconsistent"/>). With <see cref="CsvGrouping.InMemory"/> rows may be in any order:
/// all rows are held in memory (several hundred bytes a row) and the publications come out at the end of the
/// file, in order of first appearance.
/// </para>
/// <para>
/// A publication is one record: its position is the line of its first row and its number among publications.
/// A bad row (wrong number of fields, invalid UTF-8, a year that is not a whole number in 1000-2999, an unknown
/// country code, rows of one publication that disagree) throws in strict mode and, in lenient mode, skips the
/// whole publication it belongs to.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var stream = File.OpenRead("corpus.csv");
/// Corpus corpus = Corpus.Build(new CollabMetricsCsvReader().Read(stream, "corpus.csv"));
/// </code>
/// </example>
public sealed class CollabMetricsCsvReader : PublicationReader
{
    private readonly bool _fromOptions;

    /// <summary>
    /// A reader that groups rows as <see cref="ReadOptions.CsvGrouping"/> says (default
    /// <see cref="CsvGrouping.Contiguous"/>: each publication's rows together).
    /// </summary>
    public CollabMetricsCsvReader()
    {
        Grouping = CsvGrouping.Contiguous;
        _fromOptions = true;
    }

    /// <summary>A reader with the given grouping of rows into publications.</summary>
    /// <param name="grouping">How rows are grouped; see <see cref="CsvGrouping"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grouping"/> is not defined.</exception>
    public CollabMetricsCsvReader(CsvGrouping grouping)
    {
        if (!Enum.IsDefined(grouping))
        {
            throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Use CsvGrouping.Contiguous or CsvGrouping.InMemory.");
        }

        Grouping = grouping;
    }

    /// <summary>How rows are grouped into publications (<see cref="ReadOptions.CsvGrouping"/> wins when this reader was created without a grouping).</summary>
    public CsvGrouping Grouping { get; }

    /// <inheritdoc/>
    public override PublicationFormat Format => PublicationFormat.CollabMetricsCsv;

    /// <inheritdoc/>
    protected override IEnumerable<Publication> ReadCore(Stream stream, ReadContext context)
    {
        using var records = OpenCursor(stream, context, RecordNeeds.All);
        while (records.MoveNext())
        {
            yield return records.Batch.ToPublication(records.Index);
        }
    }

    /// <inheritdoc/>
    internal override RecordCursor OpenCursor(Stream stream, ReadContext context, RecordNeeds needs, bool keepBatches = false) =>
        keepBatches
            ? new CsvRecordCursor(stream, context, _fromOptions ? context.Options.CsvGrouping : Grouping, needs, workers: 1, blockSize: CsvChunkSplitter.BlockFor(context.Length, context.Options.ChunkBytes ?? CsvChunkSplitter.DefaultBlockSize), keepBatches: true)
            : new CsvRecordCursor(stream, context, _fromOptions ? context.Options.CsvGrouping : Grouping, needs, blockSize: CsvChunkSplitter.BlockFor(context.Length, context.Options.ChunkBytes ?? CsvChunkSplitter.DefaultBlockSize));
}

/// <summary>How <see cref="CollabMetricsCsvReader"/> groups rows into publications.</summary>
public enum CsvGrouping
{
    /// <summary>
    /// Each publication's rows follow each other (as <see cref="Corpus.ToCsvFile(string)"/> writes them). Streamed:
    /// memory for one publication plus the ids read (a hash of each from a file). A publication whose rows reappear
    /// after another publication's is an error (strict) or skipped and counted as <see cref="SkipReason.Inconsistent"/> (lenient).
    /// </summary>
    Contiguous = 0,

    /// <summary>
    /// Rows may be in any order. Every row is held in memory until the end of the file, then the publications
    /// come out in order of first appearance: memory grows with the file (several hundred bytes a row).
    /// </summary>
    InMemory = 1,
}
