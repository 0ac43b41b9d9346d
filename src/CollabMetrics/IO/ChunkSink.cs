namespace CollabMetrics.IO;

/// <summary>
/// Work done on the parse workers of a <see cref="ChunkPipeline{TChunk}"/> right after each chunk is parsed, before its
/// events are replayed in input order: a consumer whose result does not depend on the order of the publications (the
/// streamed country-level aggregation, whose sums are exact) takes a chunk's publications there, on the worker's own
/// state, instead of on the caller's thread.
/// </summary>
/// <remarks>
/// A worker takes every publication the parse produced; the replay hands over the same ones unless it drops one (a
/// CSV publication whose rows are not contiguous, in lenient mode). The replay counts what it hands over of each taken
/// chunk (<see cref="Replayed"/>), so the consumer can tell whether what the workers took is exactly what the read
/// accepted (<see cref="IsExact"/>) and otherwise read again without a sink.
/// </remarks>
internal abstract class ChunkSink
{
    private long _taken;
    private long _replayed;
    private int _mismatched;

    /// <summary>The state of one worker thread; called on that thread, once.</summary>
    internal abstract IChunkSinkWorker NewWorker();

    /// <summary>
    /// Whether every chunk a worker took was replayed and handed over each publication the worker took: what the
    /// workers took is then exactly what the read handed over.
    /// </summary>
    internal bool IsExact => Volatile.Read(ref _mismatched) == 0 && Interlocked.Read(ref _taken) == Interlocked.Read(ref _replayed);

    /// <summary>Counts the publications a worker took from a chunk.</summary>
    internal void Took(int publications) => Interlocked.Add(ref _taken, publications);

    /// <summary>Counts the publications the replay of a taken chunk handed over (<paramref name="handedOver"/>) against those the worker took.</summary>
    internal void Replayed(int taken, int handedOver)
    {
        Interlocked.Add(ref _replayed, handedOver);
        if (taken != handedOver)
        {
            Volatile.Write(ref _mismatched, 1);
        }
    }
}

/// <summary>One worker thread's part of a <see cref="ChunkSink"/>.</summary>
internal interface IChunkSinkWorker
{
    /// <summary>
    /// Takes the publications of a parsed chunk (<see cref="ReadEventKind.Publication"/> events of <paramref name="log"/>,
    /// in <paramref name="batch"/>) and returns how many there were.
    /// </summary>
    int Take(RecordBatch batch, ReadEventLog log);
}
