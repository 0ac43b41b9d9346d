using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using CollabMetrics.Model;

namespace CollabMetrics.IO;

/// <summary>
/// The scheduler of reads over several inputs: up to N inputs are parsed at once, each by one worker through the
/// one per-file entry point, and their publications come out strictly in input order, every input's report added to
/// the reading's report when the input ends. So the publications, the report and everything built from them are
/// the same whatever the number of threads.
/// </summary>
/// <remarks>
/// <para>
/// Each input has its own report while it is read (its counts, issues and files are added in input order), a bounded
/// buffer of publications (workers wait when it is full: memory stays bounded whatever the sizes of the inputs), and
/// the failure that stopped it, which is thrown when the consumer reaches that point of that input, after the
/// publications read before it, as a sequential read would. Workers take inputs in order, so the input the consumer
/// waits for is always being read or done. The lenient error limit counts over all inputs together
/// (<see cref="ErrorTally"/>). With one thread the inputs are read on the consumer's thread, with the same reports.
/// </para>
/// <para>
/// Standard input and any input that cannot be opened twice is read once, like any other; rejected records go to
/// <see cref="ReadOptions.Rejects"/> as they are found, so with several threads those of different inputs may
/// interleave.
/// </para>
/// </remarks>
internal static class OrderedFileReader
{
    /// <summary>Publications handed over at a time.</summary>
    private const int BatchSize = 256;

    /// <summary>Batches buffered per input.</summary>
    private const int BufferedBatches = 16;

    /// <summary>Reads one input into the report given; the per-file entry point.</summary>
    internal delegate IEnumerable<Publication> ReadOne(int index, IngestReport report, ErrorTally tally, CancellationToken cancellationToken);

    /// <summary>
    /// The publications of <paramref name="count"/> inputs, in input order, read by up to <paramref name="threads"/>
    /// workers; each input's report is added to <paramref name="report"/> when the input ends.
    /// </summary>
    internal static IEnumerable<Publication> Read(int count, int threads, IngestReport report, ReadOne readOne, CancellationToken cancellationToken)
    {
        var tally = new ErrorTally(report);
        return threads <= 1 || count <= 1
            ? ReadSequentially(count, report, tally, readOne, cancellationToken)
            : ReadInParallel(count, Math.Min(threads, count), report, tally, readOne, cancellationToken);
    }

    private static IEnumerable<Publication> ReadSequentially(int count, IngestReport report, ErrorTally tally, ReadOne readOne, CancellationToken cancellationToken)
    {
        for (int i = 0; i < count; i++)
        {
            var own = new IngestReport(report.MaxIssueSamples);
            try
            {
                foreach (var publication in readOne(i, own, tally, cancellationToken))
                {
                    yield return publication;
                }
            }
            finally
            {
                report.Add(own);
            }
        }
    }

    private static IEnumerable<Publication> ReadInParallel(int count, int threads, IngestReport report, ErrorTally tally, ReadOne readOne, CancellationToken cancellationToken)
    {
        var slots = new Slot[count];
        for (int i = 0; i < count; i++)
        {
            slots[i] = new Slot(report.MaxIssueSamples);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
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
                        Produce(slots[i], i, tally, readOne, stop.Token);
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
                foreach (var batch in slot.Batches.GetConsumingEnumerable(cancellationToken))
                {
                    foreach (var publication in batch)
                    {
                        yield return publication;
                    }
                }

                report.Add(slot.Report);
                slot.Failure?.Throw();
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
                slot.Batches.Dispose();
            }
        }
    }

    private static void Produce(Slot slot, int index, ErrorTally tally, ReadOne readOne, CancellationToken cancellationToken)
    {
        var batch = new List<Publication>(BatchSize);
        try
        {
            foreach (var publication in readOne(index, slot.Report, tally, cancellationToken))
            {
                batch.Add(publication);
                if (batch.Count == BatchSize)
                {
                    slot.Batches.Add(batch, cancellationToken);
                    batch = new List<Publication>(BatchSize);
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
        }
    }

    /// <summary>One input being read: its buffer of batches, its report, and what stopped it.</summary>
    private sealed class Slot(int maxIssueSamples)
    {
        public BlockingCollection<List<Publication>> Batches { get; } = new(BufferedBatches);

        public IngestReport Report { get; } = new(maxIssueSamples);

        public ExceptionDispatchInfo? Failure { get; set; }
    }
}

/// <summary>
/// Records read and skipped over every input of one read together, for the lenient error limit
/// (<see cref="ReadOptions.MaxErrors"/>, <see cref="ReadOptions.MaxErrorShare"/>) while each input fills a report of
/// its own. Thread-safe.
/// </summary>
internal sealed class ErrorTally
{
    private long _read;
    private long _skipped;

    /// <summary>Starts from what <paramref name="report"/> counted already.</summary>
    internal ErrorTally(IngestReport report) => (_skipped, _read) = report.ErrorCounts();

    internal void Read() => Interlocked.Increment(ref _read);

    internal void Skipped() => Interlocked.Increment(ref _skipped);

    /// <summary>Skipped records and records read so far, over every input.</summary>
    internal (long Skipped, long Read) Counts() => (Interlocked.Read(ref _skipped), Interlocked.Read(ref _read));
}
