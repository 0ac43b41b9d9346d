using System.Text;
using System.Text.Unicode;

namespace CollabMetrics.IO.Csv;

/// <summary>
/// Reads a CollabMetrics CSV stream: the header on the caller's thread, then the rows cut into chunks of whole
/// publications (<see cref="CsvChunkSplitter"/>) parsed on as many threads as <see cref="ReadOptions.MaxDegreeOfParallelism"/>
/// allows (<see cref="CsvChunkParser"/>); the chunks' events are replayed here in input order, with positions made
/// absolute and the one check that needs the whole file (a publication's rows are contiguous), so that counts,
/// problems, rejects and publications come out the same on any number of threads.
/// </summary>
internal sealed class CsvRecordCursor : ChunkRecordCursor
{
    private readonly Stream _stream;
    private readonly ReadContext _context;
    private readonly CsvGrouping _grouping;
    private readonly RecordNeeds _needs;
    private readonly int _workers;
    private readonly bool _keepBatches;
    private readonly int _blockSize;
    private CsvChunkSplitter? _splitter;
    private ChunkPipeline<CsvChunk>? _pipeline;
    private CsvLayout? _layout;
    private bool _started;

    // Where the current chain of chunks starts, and where the last result ended.
    private long _firstLine;
    private long _chainLines;
    private long _chainRecords;
    private long _linesDone;
    private long _recordsDone;
    private long _suppressed = -1;
    private readonly CsvContiguityCheck? _seen;
    private readonly Func<Stream>? _reopen;
    private int _idColumn;
    private int _yearColumn;

    // The chunk being replayed, and its last id given to the contiguity check (-1: none).
    private ChunkResult? _replaying;
    private int _lastIdStart;
    private int _lastIdLength = -1;

    /// <summary>
    /// A cursor over <paramref name="stream"/>. <paramref name="reopen"/> opens the same input again from its start
    /// (default <see cref="ReadContext.Reopen"/>), for the contiguity check to confirm a repeated id hash;
    /// <paramref name="idHash"/> replaces that check's id hash (tests force collisions with it).
    /// </summary>
    internal CsvRecordCursor(Stream stream, ReadContext context, CsvGrouping grouping, RecordNeeds needs, int? workers = null, int blockSize = CsvChunkSplitter.DefaultBlockSize, bool keepBatches = false, Func<Stream>? reopen = null, PublicationIdHash? idHash = null)
        : base(context)
    {
        _keepBatches = keepBatches;
        _stream = stream;
        _context = context;
        _grouping = grouping;
        _needs = needs;
        _blockSize = blockSize;
        _workers = grouping == CsvGrouping.InMemory ? 1 : Math.Max(1, workers ?? context.Options.MaxDegreeOfParallelism ?? Environment.ProcessorCount);
        if (grouping == CsvGrouping.Contiguous)
        {
            _reopen = reopen ?? context.Reopen;
            _seen = new CsvContiguityCheck(_reopen is null ? null : IdsBefore, idHash);
        }
    }

    internal override bool MoveNext()
    {
        if (Done)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            if (!Begin())
            {
                Finish();
                return false;
            }
        }

        while (true)
        {
            if (ReplayChunk())
            {
                return true;
            }

            if (_lastIdLength >= 0)
            {
                // Before the chunk's batch goes back to the pipeline: the next chunk's first id is compared with it.
                _seen!.ChunkEnded(_replaying!.Batch.Kept(_lastIdStart, _lastIdLength));
                _lastIdLength = -1;
            }

            var next = _pipeline!.Next();
            _replaying = next;
            StartChunk(next);
            if (next is null)
            {
                Finish();
                return false;
            }

            if (!next.Continues)
            {
                _chainLines = _linesDone;
                _chainRecords = _recordsDone;
            }

            _linesDone = _chainLines + next.Lines;
            _recordsDone = _chainRecords + next.Records;
            next.Batch.FileName = _context.FileName;
        }
    }

    public override void Dispose()
    {
        _pipeline?.Dispose();
        base.Dispose();
    }

    private void Finish()
    {
        Done = true;
        Flush();
        _context.Completed(_recordsDone);
    }

    /// <summary>Applies one event to the read; true when it is a publication to hand over.</summary>
    private protected override bool Replay(ChunkResult result, in ReadEvent e)
    {
        long record = _chainRecords + e.Record;
        switch (e.Kind)
        {
            case ReadEventKind.RecordStart:
                RecordStarted(record);

                if (_seen is not null && e.Length > 0)
                {
                    var id = result.Batch.Kept(e.Start, e.Length);
                    _lastIdStart = e.Start;
                    _lastIdLength = e.Length;
                    if (!_seen.IsNew(id, e.Hash, record, follows: e.Index == ReadEvent.FollowsInOrder))
                    {
                        Flush();
                        _suppressed = record;
                        string? raw = e.RawLength >= 0 ? RejectedRecord.Cut(result.Batch.Kept(e.RawStart, e.RawLength)) : null;
                        _context.Fail(
                            _context.At(AbsoluteLine(e.Line), record),
                            CsvColumns.PublicationId,
                            SkipReason.Inconsistent,
                            $"the rows of publication '{Encoding.UTF8.GetString(id)}' are not contiguous: some came before other publications' rows. Sort the file by publication_id (Corpus.ToCsvFile writes contiguous rows), or read it with new CollabMetricsCsvReader(CsvGrouping.InMemory).",
                            raw);
                    }
                }

                return false;
            case ReadEventKind.Fail:
                if (record != _suppressed)
                {
                    Flush();
                    var note = result.Log.Notes[e.Index];
                    _context.Fail(_context.At(AbsoluteLine(e.Line), record), note.Field, note.Reason, note.Message, note.Raw);
                }

                return false;
            case ReadEventKind.RepeatedHeader:
                Flush();
                _context.RepeatedHeader(_context.At(AbsoluteLine(e.Line), 0), result.Log.Notes[e.Index].Raw);
                return false;
            default:
                if (record == _suppressed)
                {
                    return false;
                }

                result.Batch.SetPosition(e.Index, AbsoluteLine(e.Line), record);
                Batch = result.Batch;
                Index = e.Index;
                return true;
        }
    }

    /// <summary>
    /// The distinct publication ids of the records before record <paramref name="record"/>, read again from the start
    /// of the input with the same splitter and parser on this thread (the contiguity check confirms a repeated hash
    /// with them).
    /// </summary>
    private CorpusStringTable IdsBefore(long record)
    {
        var ids = new CorpusStringTable();
        var limits = _context.Options.Limits;
        using var stream = _reopen!();
        var splitter = new CsvChunkSplitter(stream, limits, _blockSize);
        if (!splitter.ReadHeader(out _, out _, out _))
        {
            return ids;
        }

        splitter.SetColumns(_idColumn, _yearColumn);
        var parser = new CsvChunkParser(_layout!, limits, _context.WantsRawText, _needs, _grouping);
        var batch = new RecordBatch();
        var log = new ReadEventLog();
        long chain = 0;
        long done = 0;
        while (splitter.Next() is { } chunk)
        {
            if (!chunk.Continues)
            {
                chain = done;
            }

            var (_, records) = parser.Parse(chunk, batch, log);
            splitter.Pool.Return(chunk.Buffer);
            done = chain + records;
            for (int i = 0; i < log.Count; i++)
            {
                var e = log[i];
                if (e.Kind != ReadEventKind.RecordStart)
                {
                    continue;
                }

                if (chain + e.Record >= record)
                {
                    return ids;
                }

                if (e.Length > 0)
                {
                    ids.Intern(batch.Kept(e.Start, e.Length));
                }
            }

            if (chunk.Error is not null)
            {
                break;
            }
        }

        return ids;
    }

    private long AbsoluteLine(long relative) => _firstLine + _chainLines + relative;

    /// <summary>Reads and checks the header, then starts cutting and parsing the rows; false when the file cannot be read.</summary>
    private bool Begin()
    {
        var limits = _context.Options.Limits;
        _splitter = new CsvChunkSplitter(_stream, limits, _blockSize);
        if (!_splitter.ReadHeader(out var row, out int rowLength, out bool tooLarge))
        {
            _recordsDone = 1;
            _context.RecordRead(1);
            if (tooLarge)
            {
                _context.Fail(_context.At(1, 1), null, SkipReason.TooLarge,
                    ReadContext.TooLargeMessage("the header row", nameof(ReadLimits.MaxRecordBytes), limits.MaxRecordBytes, "--max-record-size") + " The rest of the file cannot be read after it.");
            }
            else
            {
                _context.Fail(_context.At(1, 0), null, SkipReason.Malformed, "the file is empty: a CollabMetrics CSV file starts with a header line (publication_id,year,author_position,country,...).");
            }

            return false;
        }

        var cursor = new CsvRowCursor();
        cursor.Reset(row, 0, rowLength);
        cursor.NextRow();
        int width = cursor.FieldCount;
        var names = new string[width];
        var valid = new bool[width];
        for (int i = 0; i < width; i++)
        {
            var value = cursor.Value(i);
            if (cursor.NeedsUnescape(i))
            {
                var unescaped = new byte[value.Length];
                value = unescaped.AsSpan(0, CsvRowCursor.Unescape(value, unescaped));
            }

            valid[i] = Utf8.IsValid(value);
            names[i] = Encoding.UTF8.GetString(value);
        }

        var header = CsvColumns.MatchHeader(names, valid);
        var position = _context.At(_splitter.HeaderLine, 0);
        foreach (var bad in header.InvalidNames)
        {
            if (!_context.IsLenient)
            {
                _context.Fail(position, bad, SkipReason.InvalidEncoding,
                    $"the header's column name '{bad}' is not valid UTF-8, so the column cannot be recognised; save the file as UTF-8.");
            }

            _context.Warn(position, bad, $"the header's column name '{bad}' is not valid UTF-8: the column is ignored.");
        }

        foreach (var (name, suggestion) in header.Unknown)
        {
            _context.UnknownColumn(position, name, suggestion is null
                ? $"'{name}' is not a CollabMetrics CSV column: it is ignored."
                : $"'{name}' is not a CollabMetrics CSV column (did you mean '{suggestion}'?): it is ignored.");
        }

        if (header.MissingRequired is { } column)
        {
            _recordsDone = 1;
            _context.RecordRead(1);
            _context.Fail(
                position,
                column,
                SkipReason.MissingRequiredField,
                $"the header has no '{column}' column, so the file cannot be read; a CollabMetrics CSV file needs the columns {string.Join(", ", CsvColumns.Required)} (found: {string.Join(", ", names)}).");
            return false;
        }

        _layout = new CsvLayout(header.Index, width);
        _idColumn = header.Index[CsvLayout.PublicationId];
        _yearColumn = header.Index[CsvLayout.Year];
        _splitter.SetColumns(_idColumn, _yearColumn);
        _firstLine = 1 + _splitter.HeaderLineBreaks;
        var splitter = _splitter;
        var layout = _layout;
        bool wantsRaw = _context.WantsRawText;
        bool inMemory = _grouping == CsvGrouping.InMemory;
        var idHash = _seen?.Hash;
        bool first = true;
        _pipeline = new ChunkPipeline<CsvChunk>(
            () =>
            {
                var chunk = splitter.Next();
                if (chunk is not null && inMemory)
                {
                    // Every row may belong to any publication: one parser reads all chunks in order.
                    chunk.Continues = !first;
                    first = false;
                }

                return chunk;
            },
            static chunk => chunk.Continues,
            () => new Parser(new CsvChunkParser(layout, limits, wantsRaw, _needs, _grouping, idHash), splitter.Pool),
            _workers,
            _context.CancellationToken,
            _keepBatches,
            sink: inMemory ? null : _context.ChunkSink);
        return true;
    }

    /// <summary>A chunk parser that hands the chunk's buffer back to the pool when done.</summary>
    private sealed class Parser(CsvChunkParser parser, CsvChunkSplitter.BufferPool pool) : IChunkParser<CsvChunk>
    {
        public void Parse(CsvChunk chunk, ChunkResult result)
        {
            var (lines, records) = parser.Parse(chunk, result.Batch, result.Log);
            result.Lines = lines;
            result.Records = records;
            result.Continues = chunk.Continues;
            result.Error = chunk.Error;
            result.Sequence = chunk.Sequence;
            pool.Return(chunk.Buffer);
        }
    }
}
