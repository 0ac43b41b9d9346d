namespace CollabMetrics.IO;

/// <summary>
/// A record cursor over chunks parsed on other threads (<see cref="ChunkPipeline{TChunk}"/>): it replays each chunk's
/// event log in input order on the caller's thread. The loop over a chunk's events, and the chunk's error thrown once
/// its events are replayed, are here; what each event does is the reader's (<see cref="Replay"/>).
/// </summary>
internal abstract class ChunkRecordCursor : RecordCursor
{
    private const int FlushEvery = 1024;

    private readonly ReadContext _context;
    private ChunkResult? _result;
    private int _event;
    private long _unread;
    private long _lastRecord;
    private int _handedOver;

    private protected ChunkRecordCursor(ReadContext context) => _context = context;

    /// <summary>Whether the read is over (the input ended or an error was thrown).</summary>
    private protected bool Done { get; set; }

    /// <summary>Makes <paramref name="result"/> (null at the end of the input) the chunk whose events are replayed next.</summary>
    private protected void StartChunk(ChunkResult? result)
    {
        _result = result;
        _event = 0;
        _handedOver = 0;
    }

    /// <summary>
    /// Replays the events of the current chunk not replayed yet: true at a publication to hand over (then
    /// <see cref="RecordCursor.Batch"/> and <see cref="RecordCursor.Index"/> are set), false once they are all replayed;
    /// then a chunk that ended in an error throws it.
    /// </summary>
    private protected bool ReplayChunk()
    {
        var result = _result;
        if (result is null)
        {
            return false;
        }

        var log = result.Log;
        while (_event < log.Count)
        {
            if (Replay(result, in log[_event++]))
            {
                _handedOver++;
                return true;
            }
        }

        if (result.Taken >= 0)
        {
            // Once per chunk: the sink learns whether the replay handed over what its worker took.
            _context.ChunkSink?.Replayed(result.Taken, _handedOver);
            result.Taken = -1;
        }

        if (result.Error is { } error)
        {
            Done = true;
            Flush();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        return false;
    }

    /// <summary>Applies one event to the read; true when it is a publication to hand over.</summary>
    private protected abstract bool Replay(ChunkResult result, in ReadEvent e);

    /// <summary>Counts record <paramref name="record"/> as started (stopping when the read is cancelled).</summary>
    private protected void RecordStarted(long record)
    {
        _context.CancellationToken.ThrowIfCancellationRequested();
        _unread++;
        _lastRecord = record;
        if (_unread >= FlushEvery)
        {
            Flush();
        }
    }

    /// <summary>Counts the records started since the last count (in groups: the report is shared and locked).</summary>
    private protected void Flush()
    {
        _context.RecordsRead(_unread, _lastRecord);
        _unread = 0;
    }
}
