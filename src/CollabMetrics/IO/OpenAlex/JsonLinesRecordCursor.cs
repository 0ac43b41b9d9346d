namespace CollabMetrics.IO.OpenAlex;

/// <summary>
/// Reads OpenAlex JSON Lines: the lines cut into chunks (<see cref="JsonLinesChunkSplitter"/>) parsed on as many threads
/// as the read may use (<see cref="JsonLinesChunkParser"/>, through the <see cref="ChunkPipeline{TChunk}"/> the CSV
/// reader uses); the chunks' events are replayed here in input order with positions made absolute, so that counts,
/// problems, rejects, the error limit and publications come out as the one-thread reader gives them.
/// </summary>
internal sealed class JsonLinesRecordCursor : ChunkRecordCursor
{
    private readonly ReadContext _context;
    private readonly long _firstLine;
    private readonly ChunkPipeline<JsonLinesChunk> _pipeline;
    private long _linesBefore;
    private long _recordsBefore;
    private long _linesDone;
    private long _recordsDone;

    /// <param name="stream">The input from its first work on.</param>
    /// <param name="firstLine">The line the input starts on.</param>
    /// <param name="context">The read.</param>
    /// <param name="workers">Threads that parse, besides the caller's, which replays the results.</param>
    /// <param name="blockSize">The size of the chunks.</param>
    /// <param name="keepBatches">Whether batches handed out stay valid after the cursor moves on.</param>
    /// <param name="institutions">Whether the batches carry institutions and addresses (see <see cref="RecordNeeds.Institutions"/>).</param>
    internal JsonLinesRecordCursor(Stream stream, long firstLine, ReadContext context, int workers, int blockSize = JsonLinesChunkSplitter.DefaultBlockSize, bool keepBatches = false, bool institutions = true)
        : base(context)
    {
        _context = context;
        _firstLine = firstLine;
        var splitter = new JsonLinesChunkSplitter(stream, context.Options.Limits, blockSize);
        _pipeline = new ChunkPipeline<JsonLinesChunk>(
            splitter.Next,
            static _ => false,
            () => new JsonLinesChunkParser(context, institutions),
            workers,
            context.CancellationToken,
            keepBatches,
            inlineOneWorker: false,
            sink: context.ChunkSink);
    }

    internal override bool MoveNext()
    {
        if (Done)
        {
            return false;
        }

        while (true)
        {
            if (ReplayChunk())
            {
                return true;
            }

            var next = _pipeline.Next();
            StartChunk(next);
            if (next is null)
            {
                Done = true;
                Flush();
                _context.Completed(_recordsDone);
                return false;
            }

            _linesBefore = _linesDone;
            _recordsBefore = _recordsDone;
            _linesDone += next.Lines;
            _recordsDone += next.Records;
            next.Batch.FileName = _context.FileName;
        }
    }

    public override void Dispose()
    {
        _pipeline.Dispose();
        base.Dispose();
    }

    /// <summary>Applies one event to the read; true when it is a publication to hand over.</summary>
    private protected override bool Replay(ChunkResult result, in ReadEvent e)
    {
        long record = _recordsBefore + e.Record;
        switch (e.Kind)
        {
            case ReadEventKind.RecordStart:
                RecordStarted(record);
                return false;
            case ReadEventKind.Fail:
                Flush();
                var note = result.Log.Notes[e.Index];
                _context.Fail(_context.At(_firstLine + _linesBefore + e.Line, record), note.Field, note.Reason, note.Message, note.Raw);
                return false;
            case ReadEventKind.Unresolved:
                _context.Unresolved(result.Log.Notes[e.Index].Message);
                return false;
            case ReadEventKind.RawFallback:
                _context.RawFallback(e.Index);
                return false;
            case ReadEventKind.Publication:
                result.Batch.SetPosition(e.Index, _firstLine + _linesBefore + e.Line, record);
                Batch = result.Batch;
                Index = e.Index;
                return true;
            default:
                return false;
        }
    }
}

/// <summary>
/// The records of an OpenAlex input: without parsing threads (<c>workers</c> 0) on the caller's thread through the
/// one-thread reader; with them, JSON Lines through <see cref="JsonLinesRecordCursor"/> (chunks parsed on those threads) and any other shape (a JSON array, an API response) through
/// the one-thread reader, decided at the first move from the start of the input (<see cref="JsonLinesProbe"/>).
/// </summary>
internal sealed class OpenAlexRecordCursor(Stream stream, ReadContext context, int workers, bool keepBatches, int blockSize = JsonLinesChunkSplitter.DefaultBlockSize, bool institutions = true) : RecordCursor
{
    private RecordCursor? _inner;

    internal override bool MoveNext()
    {
        if (_inner is null && workers == 0)
        {
            // No thread to overlap with the caller's: the one-thread reader, without chunks, events or their replay
            // (a .gz input decompressed ahead on a thread of its own when the budget leaves one).
            context.DecompressAhead();
            _inner = OpenAlexReader.OpenWorkCursor(stream, context, keepBatches, institutions);
        }

        if (_inner is null)
        {
            var probe = JsonLinesProbe.Run(stream, OpenAlexReader.IsJsonLinesName(context.FileName), context.Options.Limits);
            if (probe.IsJsonLines)
            {
                // The chunks are cut on a thread of their own, which decompresses a .gz input straight into them.
                _inner = new JsonLinesRecordCursor(probe.Rest, probe.FirstLine, context, workers, blockSize, keepBatches, institutions);
            }
            else
            {
                context.DecompressAhead();
                _inner = OpenAlexReader.OpenWorkCursor(probe.Rest, context, keepBatches, institutions);
            }
        }

        if (!_inner.MoveNext())
        {
            return false;
        }

        Batch = _inner.Batch;
        Index = _inner.Index;
        return true;
    }

    public override void Dispose()
    {
        _inner?.Dispose();
        base.Dispose();
    }
}
