using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace CollabMetrics.IO;

/// <summary>
/// Reads another stream (a gzip decompressor) in fixed blocks of <see cref="BlockSize"/> bytes, either on the
/// caller's thread when a block is needed, or ahead on a thread of its own that keeps up to <see cref="Blocks"/>
/// blocks filled while the caller parses the ones before (so decompressing and parsing one file use two cores).
/// Read on the caller's thread into a buffer of a block or more, a block goes straight into that buffer: a reader that
/// cuts its input into chunks on a thread of its own decompresses into the chunks without a copy or a hand-over.
/// </summary>
/// <remarks>
/// <para>
/// The inner stream is asked for the same blocks, in the same order, whether or not it is read ahead, so the bytes
/// handed out before a failure of the inner stream (corrupt or truncated data) are the same, and the failure, the
/// same exception object, is thrown at the same point: after every byte read before it. After a failure the stream
/// ends, as the checked gzip stream does.
/// </para>
/// <para>
/// Disposing stops the reading thread and waits for it (it is at most inside one read of the inner stream), then
/// disposes the inner stream: no thread is left running. A cancelled token stops a caller waiting for a block.
/// </para>
/// </remarks>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    /// <summary>The size of the blocks read from the inner stream.</summary>
    public const int BlockSize = 1 << 16;

    /// <summary>The blocks read ahead at most.</summary>
    public const int Blocks = 4;

    private readonly Stream _inner;
    private readonly CancellationToken _cancellation;
    private Thread? _producer;
    private BlockingCollection<Block>? _full;
    private BlockingCollection<byte[]>? _free;
    private CancellationTokenSource? _stop;
    private byte[] _block;
    private int _position;
    private int _length;
    private bool _ended;
    private bool _disposed;

    /// <param name="inner">The stream to read; disposed with this one.</param>
    /// <param name="ahead">Whether to read ahead on a thread of its own from the start (false: on the caller's thread, block by block, until <see cref="StartReadingAhead"/>).</param>
    /// <param name="cancellationToken">Stops a caller waiting for a block (with <see cref="OperationCanceledException"/>).</param>
    public ReadAheadStream(Stream inner, bool ahead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _cancellation = cancellationToken;
        _block = new byte[BlockSize];
        if (ahead)
        {
            StartReadingAhead();
        }
    }

    /// <summary>
    /// Goes on reading ahead on a thread of its own, from the next block on (the blocks asked of the inner stream stay
    /// the same). Does nothing when it does already, or after the end.
    /// </summary>
    public void StartReadingAhead()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_producer is not null || _ended)
        {
            return;
        }

        _full = new BlockingCollection<Block>(Blocks);
        _free = new BlockingCollection<byte[]>(Blocks + 1);
        for (int i = 0; i < Blocks; i++)
        {
            _free.Add(new byte[BlockSize], CancellationToken.None);
        }

        // The block being read from goes to the free ones when it is used up.
        if (_position == _length)
        {
            _free.Add(_block, CancellationToken.None);
            _block = [];
            _position = 0;
            _length = 0;
        }

        _stop = new CancellationTokenSource();
        _producer = new Thread(Produce) { IsBackground = true, Name = "CollabMetrics read-ahead" };
        _producer.Start();
    }

    /// <summary>Whether the stream reads ahead on a thread of its own.</summary>
    public bool ReadsAhead => _producer is not null;

    /// <summary>Whether the reading thread is still running.</summary>
    internal bool ProducerRunning => _producer?.IsAlive == true;

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_position == _length)
        {
            if (_ended)
            {
                return 0;
            }

            if (_producer is null && buffer.Length >= BlockSize)
            {
                // Read on the caller's thread into a buffer that holds a whole block: the inner stream is asked for
                // the same block, straight into the caller's buffer (no copy through this stream's own block).
                int direct = _inner.Read(buffer[..BlockSize]);
                _ended = direct == 0;
                return direct;
            }

            NextBlock();
        }

        int n = Math.Min(buffer.Length, _length - _position);
        _block.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (_producer is not null)
            {
                _stop!.Cancel();
                _producer.Join();
                _stop.Dispose();
                _full!.Dispose();
                _free!.Dispose();
            }

            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void NextBlock()
    {
        _position = 0;
        _length = 0;
        if (_producer is null)
        {
            int n = _inner.Read(_block, 0, BlockSize);
            _length = n;
            _ended = n == 0;
            return;
        }

        if (_block.Length > 0)
        {
            _free!.Add(_block);
            _block = [];
        }

        var next = _full!.Take(_cancellation);
        if (next.Failure is { } failure)
        {
            _ended = true;
            failure.Throw();
        }

        if (next.Length == 0)
        {
            _ended = true;
            _free!.Add(next.Data!);
            return;
        }

        _block = next.Data!;
        _length = next.Length;
    }

    /// <summary>The reading thread: fills free blocks in order until the end, a failure, or a stop.</summary>
    private void Produce()
    {
        var stop = _stop!.Token;
        try
        {
            while (true)
            {
                var block = _free!.Take(stop);
                int n;
                try
                {
                    n = _inner.Read(block, 0, BlockSize);
                }
                catch (Exception ex)
                {
                    _full!.Add(new Block(null, 0, ExceptionDispatchInfo.Capture(ex)), stop);
                    return;
                }

                _full!.Add(new Block(block, n, null), stop);
                if (n == 0)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: the caller no longer wants the rest.
        }
    }

    /// <summary>A block read: its data and length (0 at the end), or the failure of the read.</summary>
    private readonly record struct Block(byte[]? Data, int Length, ExceptionDispatchInfo? Failure);
}
