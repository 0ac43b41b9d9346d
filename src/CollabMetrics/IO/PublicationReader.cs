using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CollabMetrics.Model;

namespace CollabMetrics.IO;

/// <summary>
/// Reads publications of one format from a stream, one record at a time, without holding the input in memory.
/// Every format's reader derives from this class, so they share streaming, strict and lenient modes, progress
/// and the <see cref="IngestReport"/>.
/// </summary>
/// <remarks>
/// Implementations override <see cref="ReadCore"/> and report problems through <see cref="ReadContext.Fail(CollabMetrics.Model.SourcePosition, string, SkipReason, string)"/>,
/// which throws in strict mode and counts the problem in lenient mode. Readers are stateless and thread-safe:
/// one instance can read many streams at once.
/// </remarks>
public abstract partial class PublicationReader
{
    /// <summary>The format this reader reads.</summary>
    public abstract PublicationFormat Format { get; }

    /// <summary>
    /// Reads the publications of <paramref name="stream"/> lazily, in input order. The stream is read once, as the
    /// sequence is enumerated; it is not disposed.
    /// </summary>
    /// <remarks>
    /// This is the reader of one stream already in its format: it neither decompresses gzip nor checks the format,
    /// and a stream with no publication gives an empty sequence (the report counts what was found and skipped). The
    /// entry points <see cref="ReadStream"/>, <see cref="ReadFile"/> and <see cref="ReadFiles"/> (and the corpus and
    /// <see cref="PublicationFiles"/> built on them) decompress gzip, detect the format, and throw an
    /// <see cref="IngestException"/> naming the input when no publication at all could be read.
    /// </remarks>
    /// <param name="stream">The input, positioned at its start; decompressed already.</param>
    /// <param name="fileName">The name used in messages and <see cref="SourcePosition"/>, or null.</param>
    /// <param name="options">Options; default <see cref="ReadOptions.Default"/> (strict).</param>
    /// <param name="report">Receives counts and problems; default a new report nobody reads.</param>
    /// <param name="cancellationToken">Stops the read between records.</param>
    /// <exception cref="IngestException">In strict mode, at the first bad record.</exception>
    public IEnumerable<Publication> Read(
        Stream stream,
        string? fileName = null,
        ReadOptions? options = null,
        IngestReport? report = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream cannot be read.", nameof(stream));
        }

        options ??= ReadOptions.Default;
        return ReadInternal(stream, fileName, options, report ?? new IngestReport(options.MaxIssueSamples), stream, cancellationToken);
    }

    /// <summary>Reads <paramref name="stream"/>, taking byte progress from <paramref name="progressSource"/> (the file before decompression).</summary>
    internal IEnumerable<Publication> ReadInternal(
        Stream stream,
        string? fileName,
        ReadOptions options,
        IngestReport report,
        Stream progressSource,
        CancellationToken cancellationToken)
    {
        var context = new ReadContext(fileName, options, report, progressSource, cancellationToken);
        if (fileName is not null)
        {
            context.Report.AddFile(fileName);
        }

        return ReadCore(stream, context);
    }

    /// <summary>Reads <paramref name="stream"/> with a context prepared by the caller (the file entry points).</summary>
    internal IEnumerable<Publication> ReadWith(Stream stream, ReadContext context) => ReadCore(stream, context);

    /// <summary>
    /// Reads <paramref name="stream"/> as records (see <see cref="RecordCursor"/>) for the corpus builder and the
    /// streamed aggregation. Readers with a fast path decode straight into record batches; the others' publications
    /// are written into batches one at a time. With <paramref name="keepBatches"/>, a batch handed out is never reused
    /// (the records are held after the cursor moves on, by a reader of several files at once), and the input is parsed
    /// on one thread (the files are the parallelism).
    /// </summary>
    internal virtual RecordCursor OpenCursor(Stream stream, ReadContext context, RecordNeeds needs, bool keepBatches = false) =>
        new PublicationCursor(ReadCore(stream, context), context.FileName, keepBatches);

    /// <summary>
    /// Reads the publications of <paramref name="stream"/> asynchronously: parsing runs on a worker thread and
    /// hands records over through a bounded buffer, so the caller never blocks on I/O.
    /// </summary>
    /// <inheritdoc cref="Read" path="/param"/>
    /// <exception cref="IngestException">In strict mode, at the first bad record.</exception>
    public IAsyncEnumerable<Publication> ReadAsync(
        Stream stream,
        string? fileName = null,
        ReadOptions? options = null,
        IngestReport? report = null,
        CancellationToken cancellationToken = default)
    {
        var publications = Read(stream, fileName, options, report, cancellationToken);
        return Pump(publications, cancellationToken);
    }

    /// <summary>Parses the stream. Called once per <see cref="Read"/>, lazily.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="context">File name, options, report, cancellation, and the <see cref="ReadContext.Fail(CollabMetrics.Model.SourcePosition, string, SkipReason, string)"/> helper.</param>
    protected abstract IEnumerable<Publication> ReadCore(Stream stream, ReadContext context);

    internal static async IAsyncEnumerable<Publication> Pump(
        IEnumerable<Publication> publications,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<Publication>(new BoundedChannelOptions(1024)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    foreach (var publication in publications)
                    {
                        await channel.Writer.WriteAsync(publication, cancellationToken).ConfigureAwait(false);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    channel.Writer.Complete(ex);
                }
            },
            cancellationToken);

        await foreach (var publication in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            // ReadAllAsync looks at the token only when it has to wait: stop between buffered records too.
            cancellationToken.ThrowIfCancellationRequested();
            yield return publication;
        }

        await producer.ConfigureAwait(false);
    }
}

/// <summary>The state of one read: file name, options, report, cancellation, and error handling.</summary>
public sealed class ReadContext
{
    private readonly Stream? _stream;
    private long _lastProgressRecords;
    private bool _completed;

    internal ReadContext(string? fileName, ReadOptions options, IngestReport report, Stream? stream, CancellationToken cancellationToken)
    {
        FileName = fileName;
        Options = options;
        Report = report;
        _stream = stream;
        CancellationToken = cancellationToken;
    }

    /// <summary>The file name for messages, or null.</summary>
    public string? FileName { get; }

    /// <summary>
    /// Opens the input again from its start, decompressed as the read sees it, or null when it cannot be read again
    /// (standard input, a caller's stream).
    /// </summary>
    internal Func<Stream>? Reopen { get; init; }

    /// <summary>
    /// The length in bytes of the input as the reader sees it, when known before reading (a file that is not
    /// compressed), else null.
    /// </summary>
    internal long? Length { get; init; }

    /// <summary>The options of this read.</summary>
    public ReadOptions Options { get; }

    /// <summary>The report being filled.</summary>
    public IngestReport Report { get; }

    /// <summary>Cancels the read between records.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Whether bad records are skipped (lenient) rather than thrown (strict).</summary>
    public bool IsLenient => Options.ErrorMode == ErrorMode.Lenient;

    /// <summary>A position in the file being read.</summary>
    public SourcePosition At(long line, long record) => new(FileName, line, record);

    /// <summary>
    /// Reports a bad record: throws an <see cref="IngestException"/> in strict mode; in lenient mode counts it under
    /// <paramref name="reason"/> in the report and returns, and the reader skips the record.
    /// </summary>
    public void Fail(SourcePosition position, string? field, SkipReason reason, string message) => Fail(position, field, reason, message, null);

    /// <summary>
    /// Reports a bad record with its raw text (cut to <see cref="RejectedRecord.MaxRawLength"/>), which goes to
    /// <see cref="ReadOptions.Rejects"/>: throws an <see cref="IngestException"/> in strict mode; in lenient mode
    /// counts it, and throws only when <see cref="ReadOptions.MaxErrors"/> or <see cref="ReadOptions.MaxErrorShare"/>
    /// is exceeded.
    /// </summary>
    public void Fail(SourcePosition position, string? field, SkipReason reason, string message, string? rawText)
    {
        Options.Rejects?.Add(new RejectedRecord(position, IngestIssueKind.Skipped, reason, field, message, RejectedRecord.Cut(rawText)));
        if (!IsLenient)
        {
            throw new IngestException(position, field, reason, message);
        }

        Report.AddSkipped(position, field, reason, message);
        Tally?.Skipped();
        SkippedHere++;
        if (Options.MaxErrors is not null || Options.MaxErrorShare is not null)
        {
            CheckErrorLimit(position, field, reason, atEnd: false);
        }
    }

    /// <summary>
    /// Whether this input is one of several read at once: its reader parses it on one thread (the inputs share the
    /// threads of <see cref="ReadOptions.MaxDegreeOfParallelism"/>).
    /// </summary>
    internal bool OneOfMany { get; init; }

    /// <summary>
    /// The decompressor of a gzip input that may read ahead of its reader on a thread of its own (the read's budget
    /// leaves a thread for it, see <see cref="ReadOptions.DecompressAhead"/>), until <see cref="DecompressAhead"/>
    /// starts it; null for other inputs.
    /// </summary>
    internal ReadAheadStream? Decompressor { get; set; }

    /// <summary>
    /// Takes the publications of each parsed chunk on the thread that parsed it (readers that parse chunks on several
    /// threads hand it to their <see cref="ChunkPipeline{TChunk}"/>), or null.
    /// </summary>
    internal ChunkSink? ChunkSink { get; set; }

    /// <summary>
    /// Whether the input is a gzip file decompressed ahead of its reader on a thread of its own (<see cref="ReadAheadStream"/>):
    /// that thread is one of the threads of <see cref="ReadOptions.MaxDegreeOfParallelism"/>.
    /// </summary>
    internal bool DecompressedAhead => Decompressor?.ReadsAhead == true;

    /// <summary>
    /// Starts decompressing a gzip input ahead on a thread of its own, when the budget leaves one for it (see
    /// <see cref="Decompressor"/>): for a reader that parses on the caller's thread. A reader that cuts the input into
    /// chunks on a thread of its own does not call it: that thread decompresses straight into the chunks.
    /// </summary>
    internal void DecompressAhead() => Decompressor?.StartReadingAhead();

    /// <summary>The counts the error limit is checked against in a read of several inputs; null when <see cref="Report"/> has them all.</summary>
    internal ErrorTally? Tally { get; init; }

    /// <summary>Records counted by <see cref="RecordRead"/> in this read.</summary>
    internal long RecordsHere { get; private set; }

    /// <summary>Records skipped through <see cref="Fail(SourcePosition, string?, SkipReason, string, string?)"/> in this read (lenient).</summary>
    internal long SkippedHere { get; private set; }

    /// <summary>Whether the raw text of bad records is wanted (<see cref="ReadOptions.Rejects"/> is set): readers keep it only then.</summary>
    public bool WantsRawText => Options.Rejects is not null;

    /// <summary>Reports a problem in a record or header that is read anyway: counted in <see cref="IngestReport.Warnings"/> and sent to <see cref="ReadOptions.Rejects"/>.</summary>
    public void Warn(SourcePosition position, string? field, string message, string? rawText = null)
    {
        Options.Rejects?.Add(new RejectedRecord(position, IngestIssueKind.Warning, null, field, message, RejectedRecord.Cut(rawText)));
        Report.AddWarning(position, field, message);
    }

    /// <summary>Reports a header row found again inside the input: a warning, not a record.</summary>
    internal void RepeatedHeader(SourcePosition position, string? rawText)
    {
        Options.Rejects?.Add(new RejectedRecord(position, IngestIssueKind.Warning, null, null, "a repeated header row: skipped.", RejectedRecord.Cut(rawText)));
        Report.AddRepeatedHeader(position);
    }

    /// <summary>Reports a column the reader does not know (a warning).</summary>
    internal void UnknownColumn(SourcePosition position, string column, string message)
    {
        Options.Rejects?.Add(new RejectedRecord(position, IngestIssueKind.Warning, null, column, message, null));
        Report.AddUnknownColumn(position, column, message);
    }

    /// <summary>Counts affiliations whose country came from a raw affiliation string.</summary>
    internal void RawFallback(int count) => Report.AddRawFallback(count);

    /// <summary>The limits of this read.</summary>
    internal ReadLimits Limits => Options.Limits;

    /// <summary>
    /// A message for a record over a limit: what is too large, the limit's name and value, and how to raise it.
    /// </summary>
    internal static string TooLargeMessage(string what, string limit, long value, string cliOption) =>
        $"{what} is larger than the limit ReadLimits.{limit} = {FormatLimit(limit, value)}: the record is not read. If the input is genuine, raise the limit (ReadOptions.Limits; command line {cliOption}).";

    private static string FormatLimit(string limit, long value) =>
        limit.EndsWith("Bytes", StringComparison.Ordinal) && value >= 1 << 20 && value % (1 << 20) == 0
            ? FormattableString.Invariant($"{value >> 20} MiB")
            : limit.EndsWith("Bytes", StringComparison.Ordinal)
                ? FormattableString.Invariant($"{value:N0} bytes")
                : FormattableString.Invariant($"{value:N0}");

    private void CheckErrorLimit(SourcePosition position, string? field, SkipReason reason, bool atEnd)
    {
        long skipped;
        long read;
        if (Tally is { } tally)
        {
            if (!tally.TryCounts(atEnd, Exceeds, out skipped, out read))
            {
                // Read ahead of its turn: decided when the counts of the inputs before are known.
                return;
            }
        }
        else
        {
            (skipped, read) = Report.ErrorCounts();
        }

        if (Options.MaxErrors is { } max && skipped > max)
        {
            throw new IngestException(position, field, reason,
                $"{skipped:N0} records were skipped, more than the error limit of {max:N0}: reading stopped. Look at the ingest report or the rejects file, repair the input, or raise the limit (ReadOptions.MaxErrors; command line --max-errors).");
        }

        if (Options.MaxErrorShare is { } share && ShareExceeded(share, skipped, read, atEnd))
        {
            throw new IngestException(position, field, reason,
                FormattableString.Invariant($"{skipped:N0} of {read:N0} records were skipped ({100.0 * skipped / read:0.#}%), more than the error limit of {100 * share:0.#}%: reading stopped. Look at the ingest report or the rejects file, repair the input, or raise the limit (ReadOptions.MaxErrorShare; command line --max-errors N%)."));
        }
    }

    /// <summary>Whether the error limit is exceeded with these counts.</summary>
    private bool Exceeds(long skipped, long read, bool atEnd) =>
        (Options.MaxErrors is { } max && skipped > max) || (Options.MaxErrorShare is { } share && ShareExceeded(share, skipped, read, atEnd));

    private static bool ShareExceeded(double share, long skipped, long read, bool atEnd) =>
        (read >= 100 || atEnd) && read > 0 && (double)skipped / read > share;

    /// <summary>Counts one record found in the input and reports progress every <see cref="ReadOptions.ProgressInterval"/> records.</summary>
    public void RecordRead(long recordNumber)
    {
        Report.AddRecordRead();
        Tally?.Read();
        RecordsHere++;
        CancellationToken.ThrowIfCancellationRequested();
        if (Options.Progress is { } progress && recordNumber - _lastProgressRecords >= Options.ProgressInterval)
        {
            _lastProgressRecords = recordNumber;
            progress.Report(ReadProgressOf(recordNumber, BytePosition()));
        }
    }

    /// <summary>
    /// Counts <paramref name="count"/> records found in the input at once, the last numbered
    /// <paramref name="lastRecord"/> (what <see cref="RecordRead"/> does for each, for readers that replay many).
    /// </summary>
    internal void RecordsRead(long count, long lastRecord)
    {
        if (count <= 0)
        {
            return;
        }

        Report.AddRecordRead(count);
        Tally?.Read(count);
        RecordsHere += count;
        CancellationToken.ThrowIfCancellationRequested();
        if (Options.Progress is { } progress)
        {
            // The reports a record-by-record count would have made.
            while (lastRecord - _lastProgressRecords >= Options.ProgressInterval)
            {
                _lastProgressRecords += Options.ProgressInterval;
                progress.Report(ReadProgressOf(_lastProgressRecords, BytePosition()));
            }
        }
    }

    /// <summary>Counts an affiliation text whose country could not be resolved.</summary>
    public void Unresolved(string text) => Report.AddUnresolved(text);

    /// <summary>Reports final progress and the bytes read; readers call it once at the end of the input.</summary>
    public void Completed(long records)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        var bytes = BytePosition();
        Report.AddBytes(bytes);
        Options.Progress?.Report(ReadProgressOf(records, bytes));
        if (IsLenient && Options.MaxErrorShare is not null)
        {
            CheckErrorLimit(At(0, 0), null, SkipReason.Malformed, atEnd: true);
        }
    }

    private WorkProgress ReadProgressOf(long records, long bytes) =>
        new() { Phase = "read", Unit = "bytes", Completed = bytes, Total = TotalBytes(), File = FileName, Records = records };

    private long BytePosition()
    {
        try
        {
            return _stream switch
            {
                ByteCountingStream counting => counting.BytesRead,
                { CanSeek: true } s => s.Position,
                _ => 0,
            };
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
    }

    private long? TotalBytes()
    {
        try
        {
            return _stream switch
            {
                ByteCountingStream counting => counting.TotalBytes,
                { CanSeek: true } s => s.Length,
                _ => null,
            };
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }
}
