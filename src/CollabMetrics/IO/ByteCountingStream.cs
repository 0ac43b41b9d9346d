namespace CollabMetrics.IO;

/// <summary>
/// A read-only pass-through that counts the bytes read from the underlying stream, so that progress can report
/// bytes of the file on disk (compressed bytes for .gz) while a reader consumes the decompressed stream.
/// </summary>
internal sealed class ByteCountingStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private long _bytesRead;

    public ByteCountingStream(Stream inner, bool leaveOpen = false)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
        TotalBytes = inner.CanSeek ? inner.Length - inner.Position : null;
    }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead => Volatile.Read(ref _bytesRead);

    /// <summary>The length of the underlying stream from where counting started, or null when unknown.</summary>
    public long? TotalBytes { get; }

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        int n = _inner.Read(buffer);
        Interlocked.Add(ref _bytesRead, n);
        return n;
    }

    public override int ReadByte()
    {
        int b = _inner.ReadByte();
        if (b >= 0)
        {
            Interlocked.Increment(ref _bytesRead);
        }

        return b;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _bytesRead, n);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
