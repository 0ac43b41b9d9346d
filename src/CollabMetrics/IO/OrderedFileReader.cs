using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace CollabMetrics.IO;

/// <summary>
/// The scheduler of reads over several inputs: up to N inputs are parsed at once, each by one worker through the
/// one per-file entry point, and their publications (or records, for the corpus builder and the streamed
/// aggregation) come out strictly in input order, every input's report added to
/// the reading's report when the input ends. So the publications, the report and everything built from them are
/// the same whatever the number of threads.
/// </summary>
/// <remarks>
/// <para>
/// Each input has its own report while it is read (its counts, issues and files are added in input order), a bounded
/// buffer of publications (workers wait when it is full: memory stays bounded whatever the sizes of the inputs), and
/// the failure that stopped it, which is thrown when the consumer reaches that point of that input, after the
/// publications read before it, as a sequential read would. Workers take inputs in order, so the input the consumer
/// waits for is always being read or done. The lenient error limit counts over all inputs together, in input order
/// (<see cref="ErrorTally"/>): an input read ahead of its turn keeps its checks until the counts of the inputs before
/// it are known, and when one of them then stops the read inside that input (it was read past that point), the input
/// is read again in order, so the read stops at the same record with the same report and error as with one thread.
/// With one thread the inputs are read on the consumer's thread, with the same reports.
/// </para>
/// <para>
/// Standard input and any input that cannot be opened twice is not read ahead: its reading starts when the inputs before
/// it are done. Rejected records go to <see cref="ReadOptions.Rejects"/> as they are found (not again when an input is
/// read again), so with several threads those of different inputs may interleave, and those of inputs read ahead of
/// the point where the error limit stops the read are there too.
/// </para>
/// </remarks>
internal static class OrderedFileReader
{
    /// <summary>Items handed over at a time.</summary>
    private const int BatchSize = 256;

    /// <summary>Batches buffered per input.</summary>
    private const int BufferedBatches = 16;

    /// <summary>
    /// Reads one input into the report given; the per-file entry point. <paramref name="rereading"/> is true when the
    /// input is read a second time (its rejected records were already handed over); <paramref name="buffered"/> is
    /// true when the items are read ahead on a worker and held until the consumer takes them (so an item must stay
    /// valid after the next one is read).
    /// </summary>
    internal delegate IEnumerable<T> ReadOne<T>(int index, IngestReport report, ErrorTally tally, bool rereading, bool buffered, CancellationToken cancellationToken);

    /// <summary>
    /// The items (publications or records) of <paramref name="count"/> inputs, in input order, read by up to <paramref name="threads"/>
    /// workers; each input's report is added to <paramref name="report"/> when the input ends.
    /// </summary>
    /// <param name="count">The number of inputs.</param>
    /// <param name="threads">The most inputs read at once.</param>
    /// <param name="report">The reading's report.</param>
    /// <param name="readOne">Reads one input.</param>
    /// <param name="canReadAgain">Whether an input can be opened a second time (standard input cannot).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    internal static IEnumerable<T> Read<T>(int count, int threads, IngestReport report, ReadOne<T> readOne, Func<int, bool> canReadAgain, CancellationToken cancellationToken)
    {
        var (skipped, read) = report.ErrorCounts();
        return threads <= 1 || count <= 1
            ? ReadSequentially(count, report, ErrorTally.From(skipped, read), readOne, cancellationToken)
            : ReadInParallel(count, Math.Min(threads, count), report, (skipped, read), readOne, canReadAgain, cancellationToken);
    }

    private static IEnumerable<T> ReadSequentially<T>(int count, IngestReport report, ErrorTally tally, ReadOne<T> readOne, CancellationToken cancellationToken)
    {
        for (int i = 0; i < count; i++)
        {
            var own = new IngestReport(report.MaxIssueSamples);
            try
            {
                foreach (var item in readOne(i, own, tally, rereading: false, buffered: false, cancellationToken))
                {
                    yield return item;
                }
            }
            finally
            {
                report.Add(own);
            }
        }
    }

    private static IEnumerable<T> ReadInParallel<T>(
        int count,
        int threads,
        IngestReport report,
        (long Skipped, long Read) counts,
        ReadOne<T> readOne,
        Func<int, bool> canReadAgain,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var slots = new Slot<T>[count];
        for (int i = 0; i < count; i++)
        {
            slots[i] = new Slot<T>(report.MaxIssueSamples, stop.Token);
        }

        int next = -1;
        var workers = new Task[threads];
        for (int w = 0; w < threads; w++)
        {
            workers[w] = Task.Factory.StartNew(
                () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < count && !stop.IsCancellationRequested)
                    {
                        Produce(slots[i], i, canReadAgain(i), readOne);
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        try
        {
            for (int i = 0; i < count; i++)
            {
                var slot = slots[i];

                // The counts of the inputs before this one are now known: this input's error limit is decided with
                // them. When a limit it checked before they were known is in fact exceeded, the input was read past
                // the point where a read in order stops: it is read again here, in order, as one thread reads it.
                if (!slot.Tally.SetBase(counts))
                {
                    slot.Abandon();
                    while (slot.Batches.TryTake(out _))
                    {
                    }

                    slot.Finished.Wait(CancellationToken.None);
                    var own = new IngestReport(report.MaxIssueSamples);
                    try
                    {
                        foreach (var item in readOne(i, own, ErrorTally.From(counts.Skipped, counts.Read), rereading: true, buffered: false, cancellationToken))
                        {
                            yield return item;
                        }
                    }
                    finally
                    {
                        report.Add(own);
                    }

                    // Not reached when the limit stops the read, as it does when the counts are the same.
                    counts = Add(counts, own.ErrorCounts());
                    continue;
                }

                foreach (var batch in slot.Batches.GetConsumingEnumerable(cancellationToken))
                {
                    foreach (var item in batch)
                    {
                        yield return item;
                    }
                }

                report.Add(slot.Report);
                slot.Failure?.Throw();
                counts = Add(counts, slot.Tally.Own());
            }
        }
        finally
        {
            // Stop the workers (the consumer may have stopped early, or failed), let any blocked one go, and wait for
            // them all, so that every input is closed when the sequence is.
            stop.Cancel();
            foreach (var slot in slots)
            {
                while (slot.Batches.TryTake(out _))
                {
                }
            }

            Task.WaitAll(workers, CancellationToken.None);
            foreach (var slot in slots)
            {
                slot.Dispose();
            }
        }
    }

    private static (long Skipped, long Read) Add((long Skipped, long Read) a, (long Skipped, long Read) b) => (a.Skipped + b.Skipped, a.Read + b.Read);

    private static void Produce<T>(Slot<T> slot, int index, bool canReadAgain, ReadOne<T> readOne)
    {
        var cancellationToken = slot.Token;
        var batch = new List<T>(BatchSize);
        try
        {
            if (!canReadAgain)
            {
                // An input read only once is not read ahead: its error limit must be decided as it is read.
                slot.Tally.WaitForBase(cancellationToken);
            }

            foreach (var item in readOne(index, slot.Report, slot.Tally, rereading: false, buffered: true, cancellationToken))
            {
                batch.Add(item);
                if (batch.Count == BatchSize)
                {
                    slot.Batches.Add(batch, cancellationToken);
                    batch = new List<T>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                slot.Batches.Add(batch, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the consumer or the caller: the consumer reports the cancellation, if it was one.
            slot.Failure = ExceptionDispatchInfo.Capture(new OperationCanceledException(cancellationToken));
        }
#pragma warning disable CA1031 // The failure is handed to the consumer, which throws it at this point of this input.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (batch.Count > 0)
            {
                try
                {
                    slot.Batches.Add(batch, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                }
            }

            slot.Failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            slot.Batches.CompleteAdding();
            slot.Finished.Set();
        }
    }

    /// <summary>One input being read: its buffer of batches, its report, its error counts, and what stopped it.</summary>
    private sealed class Slot<T>(int maxIssueSamples, CancellationToken stop) : IDisposable
    {
        private readonly CancellationTokenSource _own = CancellationTokenSource.CreateLinkedTokenSource(stop);

        public BlockingCollection<List<T>> Batches { get; } = new(BufferedBatches);

        public IngestReport Report { get; } = new(maxIssueSamples);

        public ErrorTally Tally { get; } = ErrorTally.Ahead();

        public ExceptionDispatchInfo? Failure { get; set; }

        /// <summary>Set when the worker has stopped reading this input.</summary>
        public ManualResetEventSlim Finished { get; } = new();

        /// <summary>Stops the reading of this input (or of all).</summary>
        public CancellationToken Token => _own.Token;

        /// <summary>Stops the reading of this input: it is read again in order.</summary>
        public void Abandon() => _own.Cancel();

        public void Dispose()
        {
            Batches.Dispose();
            Finished.Dispose();
            Tally.Dispose();
            _own.Dispose();
        }
    }
}

/// <summary>
/// The records read and skipped that the lenient error limit (<see cref="ReadOptions.MaxErrors"/>,
/// <see cref="ReadOptions.MaxErrorShare"/>) is checked against, as a read in input order counts them: those of the
/// inputs before (the base) and those of this input. An input read ahead of its turn does not know its base yet: the
/// checks it makes are kept, and decided when the base is set (<see cref="SetBase"/>). Thread-safe.
/// </summary>
internal sealed class ErrorTally : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim? _baseSet;
    private (long Skipped, long Read)? _base;
    private long _read;
    private long _skipped;
    private List<(long Skipped, long Read, bool AtEnd)>? _pending;
    private Func<long, long, bool, bool>? _exceeds;

    private ErrorTally((long Skipped, long Read)? start, bool ahead)
    {
        _base = start;
        _baseSet = ahead ? new ManualResetEventSlim() : null;
    }

    /// <summary>A tally that knows its base: every check is decided at once.</summary>
    internal static ErrorTally From(long skipped, long read) => new((skipped, read), ahead: false);

    /// <summary>A tally for an input read ahead: its base comes later.</summary>
    internal static ErrorTally Ahead() => new(null, ahead: true);

    internal void Read(long count = 1)
    {
        lock (_gate)
        {
            _read += count;
        }
    }

    internal void Skipped()
    {
        lock (_gate)
        {
            _skipped++;
        }
    }

    /// <summary>This input's own skipped records and records read.</summary>
    internal (long Skipped, long Read) Own()
    {
        lock (_gate)
        {
            return (_skipped, _read);
        }
    }

    /// <summary>
    /// The counts to check the limit against (base and own), or false when the base is not known yet: the check is
    /// then kept with <paramref name="exceeds"/>, the limit's test, and decided by <see cref="SetBase"/>.
    /// </summary>
    internal bool TryCounts(bool atEnd, Func<long, long, bool, bool> exceeds, out long skipped, out long read)
    {
        lock (_gate)
        {
            if (_base is { } b)
            {
                (skipped, read) = (b.Skipped + _skipped, b.Read + _read);
                return true;
            }

            _exceeds ??= exceeds;
            (_pending ??= []).Add((_skipped, _read, atEnd));
            (skipped, read) = (0, 0);
            return false;
        }
    }

    /// <summary>
    /// Sets the counts of the inputs before; false when a check kept until now exceeds the limit with them (the input
    /// was read past the point where the read stops).
    /// </summary>
    internal bool SetBase((long Skipped, long Read) counts)
    {
        lock (_gate)
        {
            if (_base is not null)
            {
                return true;
            }

            _base = counts;
            _baseSet?.Set();
            if (_pending is null || _exceeds is null)
            {
                return true;
            }

            foreach (var (skipped, read, atEnd) in _pending)
            {
                if (_exceeds(counts.Skipped + skipped, counts.Read + read, atEnd))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Waits until the base is set.</summary>
    internal void WaitForBase(CancellationToken cancellationToken) => _baseSet?.Wait(cancellationToken);

    public void Dispose() => _baseSet?.Dispose();
}
