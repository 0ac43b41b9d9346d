using System.Buffers;

namespace CollabMetrics.IO.OpenAlex;

/// <summary>
/// A piece of a JSON Lines input cut by <see cref="JsonLinesChunkSplitter"/>: whole lines (the last chunk may end
/// with a line without a line feed), or one line over the record limit, of which nothing is kept.
/// </summary>
internal sealed class JsonLinesChunk
{
    /// <summary>The lines: bytes [0, <see cref="Length"/>) of the buffer (rented from the shared pool; the parser returns it).</summary>
    internal byte[] Buffer { get; init; } = [];

    internal int Length { get; init; }

    /// <summary>The chunk's place in the input, from 0.</summary>
    internal int Sequence { get; init; }

    /// <summary>Whether the chunk is one line longer than <see cref="ReadLimits.MaxRecordBytes"/>, read through without being kept.</summary>
    internal bool Oversized { get; init; }

    /// <summary>For an oversized line: whether a line feed ended it (false when the input ended inside it).</summary>
    internal bool OversizedTerminated { get; init; }

    /// <summary>
    /// The decompression error that ended the input after these bytes, or null. The bytes after the last line feed
    /// are then a line cut off by the error: it is a record only when it is already over the record limit.
    /// </summary>
    internal CompressedInputException? Error { get; init; }
}

/// <summary>
/// Cuts a JSON Lines stream into chunks of whole lines that can be parsed independently (each line is one work), reading
/// the stream once and never seeking it: one vectorized search for the last line feed of each block.
/// </summary>
/// <remarks>
/// <para>
/// The cuts depend only on the bytes and the block size, never on the number of threads. A line longer than
/// <see cref="ReadLimits.MaxRecordBytes"/> that does not fit in a block is read through without being kept (memory
/// stays bounded by the limit and the block size) and handed over as a chunk of its own; the lines after it are read
/// as usual. A shorter line over the limit inside a chunk is found by the parser the same way.
/// </para>
/// <para>Not thread-safe: one thread calls <see cref="Next"/>; the chunks it returns can be parsed on any thread.</para>
/// </remarks>
internal sealed class JsonLinesChunkSplitter
{
    /// <summary>The default block: chunks are about this large.</summary>
    internal const int DefaultBlockSize = 1 << 20;

    private readonly Stream _stream;
    private readonly int _blockSize;
    private readonly long _maxRecord;
    private byte[] _buffer;
    private int _length;
    private int _scanned;
    private bool _eof;
    private CompressedInputException? _error;
    private bool _done;
    private int _sequence;

    internal JsonLinesChunkSplitter(Stream stream, ReadLimits limits, int blockSize = DefaultBlockSize)
    {
        _stream = stream;
        _blockSize = Math.Max(16, blockSize);
        _maxRecord = limits.MaxRecordBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(2 * _blockSize);
    }

    /// <summary>The next chunk, or null after the last.</summary>
    internal JsonLinesChunk? Next()
    {
        if (_done)
        {
            return null;
        }

        while (true)
        {
            if (_length < _blockSize)
            {
                Fill(_blockSize);
            }

            if (_error is not null || _eof)
            {
                _done = true;
                if (_length == 0 && _error is null)
                {
                    Release();
                    return null;
                }

                return Emit(_length, _error);
            }

            int last = _buffer.AsSpan(_scanned, _length - _scanned).LastIndexOf((byte)'\n');
            if (last >= 0)
            {
                return Emit(_scanned + last + 1, null);
            }

            // No line feed: the buffer is the start of one line.
            _scanned = _length;
            if (_length > _maxRecord)
            {
                return SkipOversized();
            }

            Fill(_length + (long)_blockSize);
        }
    }

    private JsonLinesChunk Emit(int cut, CompressedInputException? error)
    {
        var chunk = new JsonLinesChunk { Buffer = _buffer, Length = cut, Sequence = _sequence++, Error = error };
        int rest = _length - cut;
        if (_done)
        {
            _buffer = [];
        }
        else
        {
            var next = ArrayPool<byte>.Shared.Rent(Math.Max(2 * _blockSize, rest + _blockSize));
            chunk.Buffer.AsSpan(cut, rest).CopyTo(next);
            _buffer = next;
        }

        _length = rest;
        _scanned = rest;
        return chunk;
    }

    /// <summary>Reads through the line at the start of the buffer, which is over the record limit and has no line feed yet.</summary>
    private JsonLinesChunk SkipOversized()
    {
        while (true)
        {
            int newline = _buffer.AsSpan(0, _length).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int rest = _length - newline - 1;
                _buffer.AsSpan(newline + 1, rest).CopyTo(_buffer);
                _length = rest;
                _scanned = 0;
                return new JsonLinesChunk { Sequence = _sequence++, Oversized = true, OversizedTerminated = true };
            }

            _length = 0;
            Fill(_blockSize);
            if (_length == 0 && (_eof || _error is not null))
            {
                _done = true;
                Release();
                return new JsonLinesChunk { Sequence = _sequence++, Oversized = true, OversizedTerminated = false, Error = _error };
            }
        }
    }

    /// <summary>Reads until the buffer holds <paramref name="target"/> bytes or the input ends (or breaks).</summary>
    private void Fill(long target)
    {
        if (_eof || _error is not null)
        {
            return;
        }

        target = Math.Min(target, Array.MaxLength);
        if (_buffer.Length < target)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(target, _buffer.Length * 2L)));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        ChunkInput.Fill(_stream, _buffer, ref _length, (int)target, ref _eof, ref _error);
    }

    private void Release()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
