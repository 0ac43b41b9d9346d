using System.Diagnostics.CodeAnalysis;

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
/// <para>
/// At most a few chunks per thread are in flight (the cutter waits when the consumer falls behind), so memory is
/// bounded by the chunk size, not by the input.
/// </para>
/// <para>
/// The cutter and the parsers run on threads of their own (not the thread pool), and every hand-over between them and
/// the consumer goes through one lock: a thread with nothing to do blocks at once instead of spinning first, as the
/// thread pool's idle workers and the waits of tasks and channels do. On a machine with as many busy threads as
/// processors or more, a spinning thread takes a processor from one that has work.
/// </para>
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
    private IChunkParser<TChunk>? _inline;
    private ChunkResult? _lent;
    private bool _ended;

    // The state the threads share, guarded by _gate. A thread that must wait for it to change says so here and waits
    // on its own signal; whoever makes the change it waits for wakes that thread, and only that thread.
    private readonly object _gate = new();
    private readonly Stack<ChunkResult> _spare = new();
    private readonly Queue<Slot> _ordered = new();
    private readonly Queue<Chain> _chains = new();
    private readonly Stack<Worker> _idle = new();
    private readonly Signal _consumerSignal = new();
    private readonly Signal _producerSignal = new();
    private Worker[] _workerStates = [];
    private int _capacity;
    private bool _consumerWaiting;
    private Slot? _awaited;
    private bool _producerWaiting;
    private bool _cutEnded;
    private Exception? _cutFailure;
    private bool _stopped;
    private CancellationTokenRegistration _registration;
    private Thread[]? _threads;

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
    }

    /// <summary>The next chunk's result in input order, or null after the last; a failure of the cutting or parsing is thrown here.</summary>
    /// <remarks>The result returned before is taken back for reuse: read it before asking for the next.</remarks>
    internal ChunkResult? Next()
    {
        if (_lent is not null)
        {
            if (!_keepResults)
            {
                lock (_gate)
                {
                    _spare.Push(_lent);
                }
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
            ChunkResult? result;
            lock (_gate)
            {
                _spare.TryPop(out result);
            }

            result ??= new ChunkResult();
            _inline.Parse(chunk, result);
            Take(ref _inlineSink, result);
            _lent = result;
            return result;
        }

        if (_threads is null)
        {
            Start();
        }

        // The next chunk in input order once it is parsed; null at the end (or when stopped).
        Slot? slot = null;
        Exception? cutFailure = null;
        bool stopped;
        while (true)
        {
            bool wait = false;
            lock (_gate)
            {
                stopped = _stopped;
                if (!stopped)
                {
                    if (slot is null && _ordered.TryDequeue(out slot) && _producerWaiting)
                    {
                        // Room for the cutter.
                        _producerWaiting = false;
                        _producerSignal.Set();
                    }

                    if (slot is null && _cutEnded)
                    {
                        cutFailure = _cutFailure;
                    }
                    else if (slot is null || !slot.Done)
                    {
                        wait = true;
                        _consumerWaiting = true;
                        _awaited = slot;
                    }
                }
            }

            if (!wait)
            {
                break;
            }

            _consumerSignal.Wait();
        }

        // A chunk finished while the read was being stopped is not handed out: once stopped, every call throws.
        _stop.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(stopped, this);
        if (slot is null)
        {
            _ended = true;
            if (cutFailure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cutFailure);
            }

            return null;
        }

        if (slot.Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        _lent = slot.Result;
        return slot.Result;
    }

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
        _capacity = (2 * _workers) + 2;
        _workerStates = new Worker[_workers];
        for (int w = 0; w < _workers; w++)
        {
            _workerStates[w] = new Worker();
        }

        // Thread.Start runs each thread in the caller's execution context (culture, async locals), as a task would.
        _threads = new Thread[_workers + 1];
        _threads[0] = new Thread(static state => ((ChunkPipeline<TChunk>)state!).Produce()) { IsBackground = true, Name = "CollabMetrics chunk cutter" };
        for (int w = 1; w <= _workers; w++)
        {
            _threads[w] = new Thread(static state => ((Worker)state!).Pipeline!.Work((Worker)state)) { IsBackground = true, Name = "CollabMetrics chunk parser" };
        }

        _registration = _stop.UnsafeRegister(static state => ((ChunkPipeline<TChunk>)state!).Stop(), this);
        _threads[0].Start(this);
        for (int w = 1; w <= _workers; w++)
        {
            var worker = _workerStates[w - 1];
            worker.Pipeline = this;
            _threads[w].Start(worker);
        }
    }

    /// <summary>Stops every thread's waiting (the read is cancelled or the pipeline disposed).</summary>
    private void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            WakeConsumer(null, force: true);
            if (_producerWaiting)
            {
                _producerWaiting = false;
                _producerSignal.Set();
            }

            WakeWorkers();
        }
    }

    /// <summary>Wakes the consumer if it waits for <paramref name="slot"/> (null: for a chunk to be cut), or whatever it waits for; holding <see cref="_gate"/>.</summary>
    private void WakeConsumer(Slot? slot, bool force = false)
    {
        if (_consumerWaiting && (force || _awaited == slot))
        {
            _consumerWaiting = false;
            _awaited = null;
            _consumerSignal.Set();
        }
    }

    /// <summary>Wakes every waiting worker (the cutting ended, or the read stopped); holding <see cref="_gate"/>.</summary>
    private void WakeWorkers()
    {
        _idle.Clear();
        foreach (var worker in _workerStates)
        {
            worker.Wake();
        }
    }

    /// <summary>The cutter's thread: cuts the chunks, gives each to the parsers (a new chain, or the chain it continues) and queues it for the consumer.</summary>
    private void Produce()
    {
        Chain? chain = null;
        Exception? failure = null;
        try
        {
            while (true)
            {
                bool wait;
                lock (_gate)
                {
                    if (_stopped)
                    {
                        break;
                    }

                    wait = _ordered.Count > _capacity;
                    _producerWaiting = wait;
                }

                if (wait)
                {
                    _producerSignal.Wait();
                    continue;
                }

                var chunk = _next();
                if (chunk is null)
                {
                    break;
                }

                var slot = new Slot(chunk);
                bool continues = chain is not null && _continues(chunk);
                lock (_gate)
                {
                    if (continues)
                    {
                        chain!.Add(slot);
                        chain.Owner?.Wake();
                    }
                    else
                    {
                        if (chain is not null)
                        {
                            chain.Complete = true;
                            chain.Owner?.Wake();
                        }

                        chain = new Chain();
                        chain.Add(slot);
                        _chains.Enqueue(chain);
                        if (_idle.TryPop(out var idle))
                        {
                            idle.Wake();
                        }
                    }

                    _ordered.Enqueue(slot);
                    WakeConsumer(null);
                }
            }
        }
#pragma warning disable CA1031 // Any failure of the cutting reaches the consumer, after the chunks cut before it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }
        finally
        {
            lock (_gate)
            {
                chain?.Complete = true;
                _cutFailure = failure;
                _cutEnded = true;
                WakeWorkers();
                WakeConsumer(null);
            }
        }
    }

    /// <summary>A parser's thread: takes a chain at a time and parses its chunks in order; a failure fails the rest of the chain.</summary>
    private void Work(Worker me)
    {
        IChunkParser<TChunk>? parser = null;
        IChunkSinkWorker? sink = null;
        Exception? failure = null;
        while (true)
        {
            Slot? slot = null;
            ChunkResult? result = null;
            bool wait = false;
            lock (_gate)
            {
                while (true)
                {
                    if (_stopped)
                    {
                        return;
                    }

                    if (me.Chain is { } chain)
                    {
                        if (chain.TryTake(out slot))
                        {
                            break;
                        }

                        if (chain.Complete)
                        {
                            chain.Owner = null;
                            me.Chain = null;
                            failure = null;
                            continue;
                        }

                        // Wait for the chunk that continues the chain, or for the cutter to move on.
                        me.Waiting = wait = true;
                        break;
                    }

                    if (_chains.TryDequeue(out var next))
                    {
                        me.Chain = next;
                        next.Owner = me;
                        continue;
                    }

                    if (_cutEnded)
                    {
                        return;
                    }

                    me.Waiting = wait = true;
                    _idle.Push(me);
                    break;
                }

                if (slot is not null && failure is null)
                {
                    _spare.TryPop(out result);
                }
            }

            if (wait)
            {
                me.Signal.Wait();
                continue;
            }

            if (failure is null)
            {
                try
                {
                    result ??= new ChunkResult();
                    parser ??= _newParser();
                    parser.Parse(slot!.Chunk, result);
                    Take(ref sink, result);
                }
#pragma warning disable CA1031 // The failure reaches the consumer through the chunk's result.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failure = ex;
                    parser = null;
                }
            }

            lock (_gate)
            {
                if (failure is null)
                {
                    slot!.Result = result;
                }
                else
                {
                    slot!.Failure = failure;
                    if (result is not null)
                    {
                        _spare.Push(result);
                    }
                }

                slot.Done = true;
                WakeConsumer(slot);
            }
        }
    }

    public void Dispose()
    {
        if (_threads is null)
        {
            return;
        }

        _registration.Dispose();
        Stop();
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    /// <summary>Wakes one waiting thread, without spinning: a set that comes before the wait is kept for it.</summary>
    private sealed class Signal
    {
        private readonly object _lock = new();
        private bool _set;

        public void Wait()
        {
            lock (_lock)
            {
                while (!_set)
                {
                    Monitor.Wait(_lock);
                }

                _set = false;
            }
        }

        public void Set()
        {
            lock (_lock)
            {
                _set = true;
                Monitor.Pulse(_lock);
            }
        }
    }

    /// <summary>A parser thread's state (guarded by the pipeline's lock).</summary>
    private sealed class Worker
    {
        public ChunkPipeline<TChunk>? Pipeline { get; set; }

        public Signal Signal { get; } = new();

        /// <summary>The chain this worker parses, or null between chains.</summary>
        public Chain? Chain { get; set; }

        /// <summary>Whether the worker waits (for its chain's next chunk, or idle for a chain).</summary>
        public bool Waiting { get; set; }

        public void Wake()
        {
            if (Waiting)
            {
                Waiting = false;
                Signal.Set();
            }
        }
    }

    /// <summary>A chunk and its parse: the result or the failure, set once <see cref="Done"/> (guarded by the pipeline's lock).</summary>
    private sealed class Slot(TChunk chunk)
    {
        public TChunk Chunk { get; } = chunk;

        public Slot? NextInChain { get; set; }

        public bool Done { get; set; }

        public ChunkResult? Result { get; set; }

        public Exception? Failure { get; set; }
    }

    /// <summary>Chunks that must be parsed in order by one parser: a chunk and those that continue it (guarded by the pipeline's lock).</summary>
    private sealed class Chain
    {
        private Slot? _head;
        private Slot? _tail;

        /// <summary>Whether the cutter has moved on: no chunk will be added.</summary>
        public bool Complete { get; set; }

        /// <summary>The worker that parses the chain, once one took it.</summary>
        public Worker? Owner { get; set; }

        public void Add(Slot slot)
        {
            if (_tail is null)
            {
                _head = slot;
            }
            else
            {
                _tail.NextInChain = slot;
            }

            _tail = slot;
        }

        public bool TryTake([NotNullWhen(true)] out Slot? slot)
        {
            slot = _head;
            if (slot is null)
            {
                return false;
            }

            _head = slot.NextInChain;
            if (_head is null)
            {
                _tail = null;
            }

            return true;
        }
    }
}
