namespace CollabMetrics.IO;

/// <summary>
/// A read-only stream that first returns bytes already read from <c>inner</c> (the head, read for format
/// detection) and then the rest of <c>inner</c>: detection without seeking, so it works on .gz and pipes.
/// </summary>
internal sealed class PrefixedStream : ReadOnlyStream
{
    private readonly byte[] _head;
    private readonly int _headLength;
    private readonly Stream _inner;
    private int _headPosition;
    private Exception? _pending;

    /// <param name="head">The bytes already read.</param>
    /// <param name="headLength">How many of them.</param>
    /// <param name="inner">The rest of the input.</param>
    /// <param name="pending">An exception that reading the head met, thrown once the head has been returned.</param>
    public PrefixedStream(byte[] head, int headLength, Stream inner, Exception? pending = null)
    {
        _head = head;
        _headLength = headLength;
        _inner = inner;
        _pending = pending;
    }

    public override int Read(Span<byte> buffer)
    {
        if (_headPosition < _headLength)
        {
            int n = Math.Min(buffer.Length, _headLength - _headPosition);
            _head.AsSpan(_headPosition, n).CopyTo(buffer);
            _headPosition += n;
            return n;
        }

        if (_pending is { } pending)
        {
            _pending = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(pending);
        }

        return _inner.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_headPosition < _headLength || _pending is not null)
        {
            return new ValueTask<int>(Read(buffer.Span));
        }

        return _inner.ReadAsync(buffer, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
