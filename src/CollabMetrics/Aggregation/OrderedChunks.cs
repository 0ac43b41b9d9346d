using System.Collections.Concurrent;

namespace CollabMetrics.Aggregation;

/// <summary>Adds a finished chunk's accumulator into the total, leaving the partial empty for reuse.</summary>
/// <typeparam name="TAccumulator">The accumulator.</typeparam>
internal delegate void ChunkMerge<TAccumulator>(ref TAccumulator total, ref TAccumulator partial);

/// <summary>
/// Runs the fixed chunks of a corpus pass on up to a given number of threads, each chunk into its own accumulator,
/// and adds finished accumulators to the total strictly in chunk order (a worker that finishes early parks its
/// accumulator until the earlier chunks are in). Every sum is therefore formed in the same order whatever the number
/// of threads, and results are identical bit for bit. Accumulators are reused once merged.
/// </summary>
internal static class OrderedChunks
{
    /// <summary>Processes <paramref name="count"/> publications in chunks of <paramref name="chunkSize"/>; returns the total.</summary>
    /// <param name="count">Publications of the pass.</param>
    /// <param name="chunkSize">Publications per chunk.</param>
    /// <param name="maxDegreeOfParallelism">The most threads, or null for all cores.</param>
    /// <param name="createAccumulator">A new, empty accumulator.</param>
    /// <param name="createKernel">The per-thread kernel.</param>
    /// <param name="process">Aggregates chunk c into the accumulator with the kernel; returns the chunk's end position.</param>
    /// <param name="merge">Adds a partial into the total.</param>
    /// <param name="progress">Receives the number of publications processed.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    internal static TAccumulator Run<TAccumulator>(
        int count, int chunkSize, int? maxDegreeOfParallelism,
        Func<TAccumulator> createAccumulator, Func<PublicationKernel> createKernel, Func<PublicationKernel, TAccumulator, int, int> process,
        ChunkMerge<TAccumulator> merge, IProgress<long>? progress, CancellationToken cancellationToken)
        where TAccumulator : class
    {
        int chunks = (int)(((long)count + chunkSize - 1) / chunkSize);
        var total = createAccumulator();
        int workers = Math.Min(maxDegreeOfParallelism ?? Environment.ProcessorCount, chunks);
        if (workers <= 1)
        {
            var kernel = createKernel();
            var acc = createAccumulator();
            for (int c = 0; c < chunks; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int end = process(kernel, acc, c);
                merge(ref total, ref acc);
                progress?.Report(end);
            }

            return total;
        }

        var ready = new TAccumulator?[chunks];
        var pool = new ConcurrentBag<TAccumulator>();
        var gate = new object();
        int nextChunk = -1, nextToMerge = 0;
        long processed = 0;
        var parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        Parallel.For(0, workers, parallelOptions, _ =>
        {
            var kernel = createKernel();
            int c;
            while ((c = Interlocked.Increment(ref nextChunk)) < chunks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!pool.TryTake(out var acc))
                {
                    acc = createAccumulator();
                }

                int end = process(kernel, acc, c);
                lock (gate)
                {
                    // Add finished chunks to the total strictly in chunk order.
                    ready[c] = acc;
                    while (nextToMerge < chunks && ready[nextToMerge] is { } next)
                    {
                        merge(ref total, ref next);
                        ready[nextToMerge] = null;
                        pool.Add(next);
                        nextToMerge++;
                    }
                }

                progress?.Report(Interlocked.Add(ref processed, end - ((long)c * chunkSize)));
            }
        });

        return total;
    }
}
