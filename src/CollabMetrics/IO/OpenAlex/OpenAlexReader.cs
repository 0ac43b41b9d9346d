using System.Text.Unicode;
using CollabMetrics.Model;

namespace CollabMetrics.IO.OpenAlex;

/// <summary>
/// Reads OpenAlex works: an API response (<c>{"meta": ..., "results": [...]}</c>), a JSON array of works, or
/// the snapshot's JSON Lines (one work per line), streamed through one reused buffer (decompress .gz first, or
/// use <see cref="PublicationReader.ReadFile"/>, which does).
/// </summary>
/// <remarks>
/// <para>
/// Mapping: <c>id</c> → <see cref="Publication.Id"/>; <c>doi</c> → <see cref="Publication.Doi"/> (normalized);
/// <c>publication_year</c> → <see cref="Publication.Year"/>; <c>cited_by_count</c> →
/// <see cref="Publication.Citations"/>; <c>authorships</c> in order → <see cref="Publication.Authors"/>
/// (<c>author.id</c>, <c>author.display_name</c>, <c>is_corresponding</c>), each <c>institutions[]</c> entry →
/// an <see cref="Affiliation"/> (id, display name, <c>country_code</c>), with the raw affiliation string that
/// names the institution as its address.
/// </para>
/// <para>
/// Countries: <c>authorships[].countries</c> is authoritative. A listed country that no institution of the
/// authorship carries becomes a country-only affiliation; an institution whose country is not listed keeps its
/// id and name but no country. When <c>countries</c> is missing or empty the institutions' <c>country_code</c>
/// is used. An authorship with neither is an author without affiliations, and its raw affiliation strings are
/// counted as unresolved in the <see cref="IngestReport"/>.
/// </para>
/// <para>
/// Technologies: without <see cref="ReadOptions.Technologies"/>, the field of the primary topic
/// (<c>primary_topic.field.display_name</c>, such as "Computer Science"; else the first topic's field), one of
/// OpenAlex's 26 fields. With a mapping, every topic's and concept's display name (and id, when the mapping
/// names it) goes through the mapping.
/// </para>
/// <para>
/// Positions: a JSON Lines record is located by its line, a member of an array by its record number. A bad
/// record (malformed JSON, invalid UTF-8, a year that is not a whole number in 1000-2999, a country code that
/// is not ISO 3166-1 alpha-2, a missing id) throws in strict mode; in lenient mode it is skipped and counted,
/// and JSON Lines continue at the next line. When the structure of an array or response is broken (the file
/// ends early, or something other than a work object sits in the array) nothing after it can be located: the
/// problem is reported as <see cref="SkipReason.Truncated"/> or <see cref="SkipReason.Malformed"/> and
/// reading stops.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var stream = File.OpenRead("works.jsonl");
/// foreach (Publication work in new OpenAlexReader().Read(stream, "works.jsonl"))
/// {
///     Console.WriteLine($"{work.Id}: {string.Join(", ", work.Countries)}");
/// }
/// </code>
/// </example>
public sealed class OpenAlexReader : PublicationReader
{
    /// <inheritdoc/>
    public override PublicationFormat Format => PublicationFormat.OpenAlex;

    /// <inheritdoc/>
    /// <remarks>
    /// Publications come from the one-thread reader (strings repeated across works are shared instances, which a
    /// publication read back from a chunk's batch would not keep); the records that the
    /// corpus builder and the streamed aggregation read (<see cref="OpenCursor"/>) parse JSON Lines in parallel chunks.
    /// </remarks>
    protected override IEnumerable<Publication> ReadCore(Stream stream, ReadContext context)
    {
        // Parsed on the caller's thread: a .gz input is decompressed ahead on a thread of its own when the budget leaves one.
        context.DecompressAhead();
        return ReadWorks(stream, context);
    }

    /// <inheritdoc/>
    internal override RecordCursor OpenCursor(Stream stream, ReadContext context, RecordNeeds needs, bool keepBatches = false) =>
        new OpenAlexRecordCursor(stream, context, Workers(context, keepBatches), keepBatches, context.Options.ChunkBytes ?? JsonLinesChunkSplitter.DefaultBlockSize, needs.Institutions);

    /// <summary>
    /// The threads that parse one JSON Lines input besides the caller's, which consumes the records: the budget of
    /// <see cref="ReadOptions.MaxDegreeOfParallelism"/> (a .gz input is decompressed on the thread that cuts the
    /// chunks, straight into them, so no thread of the budget is set aside for it; less one if the input were
    /// already decompressed ahead on a thread of its own). The caller's thread is not counted (as the CollabMetrics CSV reader does not count it): replaying a chunk's
    /// records takes a fraction of the time its parse takes, so the parse gets every processor, and with one parsing
    /// thread on two processors the parse alone set the wall time. 0 (everything on the caller's thread, through
    /// the one-thread reader) with a budget of 1, when the input is one of several read at once (the files are the
    /// parallelism) or when its batches are kept.
    /// </summary>
    internal static int Workers(ReadContext context, bool keepBatches)
    {
        if (keepBatches || context.OneOfMany)
        {
            return 0;
        }

        int budget = context.Options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        return budget <= 1 ? 0 : Math.Max(1, budget - (context.DecompressedAhead ? 1 : 0));
    }

    /// <summary>Reads the works of an input on the caller's thread, one at a time: every shape (array, API response, concatenated objects, JSON Lines).</summary>
    internal static IEnumerable<Publication> ReadWorks(Stream stream, ReadContext context)
    {
        using var works = new WorkSequence(stream, context);
        while (works.MoveNext())
        {
            if (works.Current is { } publication)
            {
                yield return publication;
            }
        }
    }

    /// <summary>
    /// The records of the input read on the caller's thread, one work at a time: each work is parsed straight into a
    /// <see cref="RecordBatch"/> as UTF-8 (no <see cref="Publication"/>, no string per author, institution or address).
    /// </summary>
    /// <param name="stream">The input.</param>
    /// <param name="context">The read.</param>
    /// <param name="keepBatches">Whether batches handed out stay valid after the cursor moves on.</param>
    /// <param name="institutions">Whether the batches carry institutions and addresses (see <see cref="RecordNeeds.Institutions"/>).</param>
    internal static RecordCursor OpenWorkCursor(Stream stream, ReadContext context, bool keepBatches, bool institutions = true) =>
        new WorkCursor(new WorkSequence(stream, context, institutions), context.FileName, keepBatches);

    /// <summary>
    /// The field, reason and message of a rejected work: malformed JSON that opens more than it closes, in JSON Lines,
    /// is a line cut off (or, for the last line without a line feed, a truncated file).
    /// </summary>
    internal static (string? Field, SkipReason Reason, string Message) Rejection(RecordRejectedException ex, ReadOnlySpan<byte> element, bool isJsonLines, bool lineTerminated)
    {
        if (ex.Reason == SkipReason.Malformed && isJsonLines && IsUnbalanced(element))
        {
            return (null, SkipReason.Truncated, lineTerminated
                ? "the line ends inside the work (it is cut off)."
                : "the input ends inside this work (the file is truncated).");
        }

        return (ex.Field, ex.Reason, ex.Message);
    }

    /// <summary>The offset of the first byte that is not valid UTF-8 in <paramref name="bytes"/>.</summary>
    internal static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            System.Buffers.OperationStatus status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out int read, out _, replaceInvalidSequences: false);
            return status == System.Buffers.OperationStatus.InvalidData ? read : bytes.Length;
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Whether more objects or arrays open than close (outside strings): the record was cut off.</summary>
    private static bool IsUnbalanced(ReadOnlySpan<byte> json)
    {
        // Fed past every value that closes (a closed value leaves the depth at 0 and reading goes on).
        var nesting = default(JsonNesting);
        while (nesting.Feed(json, out int end) == JsonNesting.Stop.Closed)
        {
            json = json[end..];
        }

        return nesting.Depth > 0 || nesting.InString;
    }

    /// <summary>Whether a file name says JSON Lines (.jsonl, .ndjson, optionally .gz).</summary>
    internal static bool IsJsonLinesName(string? fileName)
    {
        if (fileName is null)
        {
            return false;
        }

        var name = fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? fileName.AsSpan(0, fileName.Length - 3) : fileName.AsSpan();
        return name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Works written into batches of up to <see cref="BatchSize"/> publications: one batch reused (cleared when full),
    /// or, when the caller keeps batches, a new batch each time one is full. A batch is handed out while it fills, so
    /// it gains institutions and labels after its first publications were read: consumers that map a batch's
    /// institutions and labels extend their mapping when <see cref="RecordBatch.InstitutionCount"/> or
    /// <see cref="RecordBatch.TechnologyCount"/> grew, and start again when <see cref="RecordBatch.Version"/> changed.
    /// </summary>
    private sealed class WorkCursor(WorkSequence works, string? fileName, bool keepBatches) : RecordCursor
    {
        private const int BatchSize = 256;

        private RecordBatch _batch = new() { FileName = fileName };

        internal override bool MoveNext()
        {
            if (_batch.Count == BatchSize)
            {
                if (keepBatches)
                {
                    _batch = new RecordBatch { FileName = fileName };
                }
                else
                {
                    _batch.Clear();
                }
            }

            works.Target = _batch;
            while (works.MoveNext())
            {
                if (works.Written)
                {
                    Batch = _batch;
                    Index = _batch.Count - 1;
                    return true;
                }
            }

            return false;
        }

        public override void Dispose()
        {
            works.Dispose();
            base.Dispose();
        }
    }

    /// <summary>The per-read state, outside the iterator so that spans can be used.</summary>
    private sealed class WorkSequence : IDisposable
    {
        private readonly ReadContext _context;
        private readonly JsonWorkSplitter _splitter;
        private readonly OpenAlexWorkParser _parser;
        private long _records;
        private bool _done;

        public WorkSequence(Stream stream, ReadContext context, bool institutions = true)
        {
            _context = context;
            _splitter = new JsonWorkSplitter(stream, IsJsonLinesName(context.FileName), context.Options.Limits);
            var resolver = context.Options.ResolveRawAffiliations
                ? new AddressResolution(context.Options.Resolver is { } options ? new Geography.CountryResolver(options) : Geography.CountryResolver.Default, context)
                : null;
            _parser = new OpenAlexWorkParser(context.Options.Technologies, context.Options.Limits, resolver, authorDetails: !context.Options.AuthorDetailsUnused, institutionDetails: institutions);
        }

        /// <summary>The work just read, or null when it was skipped (or written into <see cref="Target"/>).</summary>
        public Publication? Current { get; private set; }

        /// <summary>When set, works are parsed into this batch instead of into <see cref="Current"/>.</summary>
        public RecordBatch? Target { get; set; }

        /// <summary>Whether the work just read was written into <see cref="Target"/> (false when it was skipped).</summary>
        public bool Written { get; private set; }

        public bool MoveNext()
        {
            Current = null;
            Written = false;
            if (_done)
            {
                return false;
            }

            var result = _splitter.Next(out var element);

            switch (result)
            {
                case SplitResult.End:
                    Stop();
                    return false;
                case SplitResult.StructuralError:
                    _records++;
                    _context.RecordRead(_records);
                    Stop();
                    _context.Fail(
                        Here(),
                        null,
                        _splitter.ErrorIsTruncation ? SkipReason.Truncated : SkipReason.Malformed,
                        _splitter.Error ?? "the input is not well-formed.");
                    return false;
                case SplitResult.TruncatedElement:
                    _records++;
                    _context.RecordRead(_records);
                    Stop();
                    _context.Fail(Here(), null, SkipReason.Truncated, _splitter.Error ?? "the input ends inside this work.", Raw(element));
                    return false;
                case SplitResult.TooLarge:
                    _records++;
                    _context.RecordRead(_records);
                    _context.Fail(Here(), null, SkipReason.TooLarge, _splitter.Error ?? "the work is too large.");
                    return true;
            }

            _records++;
            _context.RecordRead(_records);
            var position = Here();
            if (!Utf8.IsValid(element))
            {
                _context.Fail(position, null, SkipReason.InvalidEncoding, $"the bytes are not valid UTF-8 (first bad byte at offset {FirstInvalidByte(element)} of the record); save the file as UTF-8.", Raw(element));
                return true;
            }

            try
            {
                if (Target is { } batch)
                {
                    _parser.ParseInto(batch, element, position.Line, position.Record);
                    Written = true;
                }
                else
                {
                    Current = _parser.Parse(element, position);
                }
            }
            catch (RecordRejectedException ex)
            {
                var (field, reason, message) = Rejection(ex, element, _splitter.IsJsonLines, _splitter.LineTerminated);
                _context.Fail(position, field, reason, message, Raw(element));
                return true;
            }

            foreach (var text in _parser.Unresolved)
            {
                _context.Unresolved(text);
            }

            if (_parser.RawFallbacks > 0)
            {
                _context.RawFallback(_parser.RawFallbacks);
            }

            return true;
        }

        public void Dispose() => _splitter.Dispose();

        private string? Raw(ReadOnlySpan<byte> element) => _context.WantsRawText ? RejectedRecord.Cut(element) : null;

        private SourcePosition Here() =>
            _splitter.IsJsonLines || !_splitter.InArray ? _context.At(_splitter.ElementLine, _records) : _context.At(0, _records);

        private void Stop()
        {
            _done = true;
            _context.Completed(_records);
        }
    }
}
