using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CollabMetrics.IO;

/// <summary>What a chunk's parse produced: publications, events, and where the chain's counts stand after it.</summary>
internal sealed class ChunkResult
{
    internal RecordBatch Batch { get; } = new();

    internal ReadEventLog Log { get; } = new();

    /// <summary>Line breaks counted from the start of the chain, at the end of the chunk.</summary>
    internal long Lines { get; set; }

    /// <summary>Records counted from the start of the chain, at the end of the chunk.</summary>
    internal long Records { get; set; }

    /// <summary>Whether the chunk continues the chain of the previous one (its counts go on from there).</summary>
    internal bool Continues { get; set; }

    /// <summary>An error that ends the input after this chunk's events (a broken compressed stream), or null.</summary>
    internal Exception? Error { get; set; }

    /// <summary>The chunk's place in the input.</summary>
    internal int Sequence { get; set; }

    /// <summary>The publications a <see cref="ChunkSink"/> worker took from the chunk, or -1 when none took it.</summary>
    internal int Taken { get; set; } = -1;
}

/// <summary>Parses chunks of one kind; one instance per thread, state carried between the chunks of a chain.</summary>
internal interface IChunkParser<in TChunk>
{
    /// <summary>Parses <paramref name="chunk"/> into <paramref name="result"/> (cleared by the parser) and releases the chunk's buffers.</summary>
    void Parse(TChunk chunk, ChunkResult result);
}

/// <summary>
/// Reads an input as chunks: one thread cuts them (<c>next</c>), any number of threads parse them, and the consumer
/// receives the results strictly in input order (<see cref="Next"/>), so what the consumer does is the same whatever
/// the number of threads. A chunk that continues its predecessor (a publication larger than a chunk) is parsed by the
/// same parser, after it. With one thread everything runs on the caller's thread, without any other.
/// </summary>
/// <remarks>
/// At most a few chunks per thread are in flight (the cutter waits when the consumer falls behind), so memory is
/// bounded by the chunk size, not by the input.
/// </remarks>
internal sealed class ChunkPipeline<TChunk> : IDisposable
    where TChunk : class
{
    private readonly Func<TChunk?> _next;
    private readonly Func<TChunk, bool> _continues;
    private readonly Func<IChunkParser<TChunk>> _newParser;
    private readonly int _workers;
    private readonly bool _keepResults;
    private readonly bool _inlineOneWorker;
    private readonly CancellationToken _stop;
    private readonly ChunkSink? _sink;
    private IChunkSinkWorker? _inlineSink;
    private readonly CancellationTokenSource _cancel;
    private readonly ConcurrentBag<ChunkResult> _spare = [];
    private IChunkParser<TChunk>? _inline;
    private Channel<Slot>? _ordered;
    private Task? _producer;
    private Task[]? _consumers;
    private ChunkResult? _lent;
    private bool _ended;

    /// <param name="next">Cuts the next chunk; null at the end.</param>
    /// <param name="continues">Whether a chunk continues the chain of the one before.</param>
    /// <param name="newParser">Makes a parser (one per thread).</param>
    /// <param name="workers">Threads that parse.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <param name="keepResults">
    /// Whether results are left to the consumer (a new one per chunk) instead of taken back at the next
    /// <see cref="Next"/>: for a consumer that holds on to the batches (publications handed to another thread).
    /// </param>
    /// <param name="inlineOneWorker">
    /// With one worker, whether everything runs on the caller's thread (true) or the chunks are cut and parsed on
    /// threads of their own while the caller consumes the results (false).
    /// </param>
    /// <param name="sink">Takes each chunk's publications on the thread that parsed it, right after the parse; null for none.</param>
    internal ChunkPipeline(Func<TChunk?> next, Func<TChunk, bool> continues, Func<IChunkParser<TChunk>> newParser, int workers, CancellationToken cancellationToken, bool keepResults = false, bool inlineOneWorker = true, ChunkSink? sink = null)
    {
        _sink = sink;
        _inlineOneWorker = inlineOneWorker;
        _keepResults = keepResults;
        _next = next;
        _continues = continues;
        _newParser = newParser;
        _workers = Math.Max(1, workers);
        _stop = cancellationToken;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>The next chunk's result in input order, or null after the last; a failure of the cutting or parsing is thrown here.</summary>
    /// <remarks>The result returned before is taken back for reuse: read it before asking for the next.</remarks>
    internal ChunkResult? Next()
    {
        if (_lent is not null)
        {
            if (!_keepResults)
            {
                _spare.Add(_lent);
            }

            _lent = null;
        }

        if (_ended)
        {
            return null;
        }

        if (_workers == 1 && _inlineOneWorker)
        {
            var chunk = _next();
            if (chunk is null)
            {
                _ended = true;
                return null;
            }

            _inline ??= _newParser();
            var result = Rent();
            _inline.Parse(chunk, result);
            Take(ref _inlineSink, result);
            _lent = result;
            return result;
        }

        if (_ordered is null)
        {
            Start();
        }

        Slot slot;
        try
        {
            if (!_ordered!.Reader.WaitToReadAsync(_cancel.Token).AsTask().GetAwaiter().GetResult() || !_ordered.Reader.TryRead(out slot!))
            {
                _ended = true;
                return null;
            }
        }
        catch (ChannelClosedException ex) when (ex.InnerException is not null)
        {
            _ended = true;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }

        // Cancelled workers leave their chunks unfinished: the wait ends with the cancellation, not never.
        var done = slot.Done.Task.WaitAsync(_cancel.Token).GetAwaiter().GetResult();

        // A chunk finished while the read was being stopped is not handed out: once stopped, every call throws. The
        // caller's token is asked first: while it is being cancelled, a thread woken by its wait handle may finish a
        // chunk before the linked token is cancelled too (a cancelled source signals its handle before its callbacks).
        _stop.ThrowIfCancellationRequested();
        _cancel.Token.ThrowIfCancellationRequested();
        _lent = done;
        return done;
    }

    private ChunkResult Rent() => _spare.TryTake(out var result) ? result : new ChunkResult();

    /// <summary>Lets this thread's sink worker (made on first use) take the chunk's publications, when the pipeline has a sink.</summary>
    private void Take(ref IChunkSinkWorker? worker, ChunkResult result)
    {
        if (_sink is null)
        {
            result.Taken = -1;
            result.Batch.TakenAhead = false;
            return;
        }

        worker ??= _sink.NewWorker();
        int taken = worker.Take(result.Batch, result.Log);
        _sink.Took(taken);
        result.Taken = taken;
        result.Batch.TakenAhead = true;
    }

    private void Start()
    {
        int capacity = (2 * _workers) + 2;
        _ordered = Channel.CreateBounded<Slot>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        var work = Channel.CreateUnbounded<Chain>(new UnboundedChannelOptions { SingleWriter = true });
        var token = _cancel.Token;
        _consumers = new Task[_workers];
        for (int w = 0; w < _workers; w++)
        {
            _consumers[w] = Task.Run(() => Work(work.Reader, token), token);
        }

        _producer = Task.Factory.StartNew(() => Produce(work.Writer, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Produce(ChannelWriter<Chain> work, CancellationToken token)
    {
        var ordered = _ordered!.Writer;
        Chain? chain = null;
        Exception? failure = null;
        try
        {
            while (true)
            {
                token.ThrowIfCancellationRequested();
                var chunk = _next();
                if (chunk is null)
                {
                    break;
                }

                var slot = new Slot(chunk);
                if (chain is not null && _continues(chunk))
                {
                    chain.Slots.Writer.TryWrite(slot);
                }
                else
                {
                    chain?.Slots.Writer.TryComplete();
                    chain = new Chain();
                    chain.Slots.Writer.TryWrite(slot);
                    work.TryWrite(chain);
                }

                ordered.WriteAsync(slot, token).AsTask().GetAwaiter().GetResult();
            }
        }
#pragma warning disable CA1031 // Any failure of the cutting reaches the consumer through the channel.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }
        finally
        {
            chain?.Slots.Writer.TryComplete();
            work.TryComplete();
            ordered.TryComplete(failure);
        }
    }

    private async Task Work(ChannelReader<Chain> work, CancellationToken token)
    {
        IChunkParser<TChunk>? parser = null;
        IChunkSinkWorker? sink = null;
        while (await work.WaitToReadAsync(token).ConfigureAwait(false))
        {
            if (!work.TryRead(out var chain))
            {
                continue;
            }

            parser ??= _newParser();
            Exception? failure = null;
            while (await chain.Slots.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (chain.Slots.Reader.TryRead(out var slot))
                {
                    if (failure is not null)
                    {
                        slot.Done.TrySetException(failure);
                        continue;
                    }

                    try
                    {
                        var result = Rent();
                        parser ??= _newParser();
                        parser.Parse(slot.Chunk, result);
                        Take(ref sink, result);
                        slot.Done.TrySetResult(result);
                    }
#pragma warning disable CA1031 // The failure reaches the consumer through the chunk's result.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        failure = ex;
                        slot.Done.TrySetException(ex);
                        parser = null;
                    }
                }
            }
        }
    }

    public void Dispose()
    {
        _cancel.Cancel();
        try
        {
            if (_producer is not null)
            {
                // Unblock the cutter if it waits for room, then wait for every thread.
                while (_ordered!.Reader.TryRead(out _))
                {
                }

                Task.WaitAll([_producer, .. _consumers!]);
            }
        }
        catch (AggregateException)
        {
            // Cancelled or failed: the consumer has its answer already.
        }

        _cancel.Dispose();
    }

    private sealed class Slot(TChunk chunk)
    {
        public TChunk Chunk { get; } = chunk;

        public TaskCompletionSource<ChunkResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Chunks that must be parsed in order by one parser: a chunk and those that continue it.</summary>
    private sealed class Chain
    {
        public Channel<Slot> Slots { get; } = Channel.CreateUnbounded<Slot>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    }
}
