using System.Buffers;
using System.Text;

namespace CollabMetrics;

/// <summary>
/// One optional string per publication (ids, DOIs) as UTF-8 bytes in a pool, front-coded: strings are grouped in
/// blocks of <see cref="BlockSize"/>, the first of a block stored whole and each other one as the length of the
/// prefix it shares with the previous string of its block and the bytes that follow. A string object is made only
/// when a value is read.
/// </summary>
/// <remarks>
/// <para>
/// Entry layout: a varint <c>A</c>, 0 for a missing value, else the suffix length + 1; when <c>A</c> is not 0, a
/// varint with the shared prefix length, then the suffix bytes. A missing value does not change the previous string.
/// </para>
/// <para>
/// The pool is a list of segments; a block never spans two segments, and the start of each block is kept as
/// (segment, offset). Appending is allowed only while the owning corpus is being built.
/// </para>
/// </remarks>
internal sealed class CorpusStringColumn
{
    internal const int BlockSize = 16;
    private const int SegmentSize = 1 << 24;

    private readonly List<byte[]> _segments = [];
    private GrowableArray<long> _blockStarts;
    private byte[] _current;
    private int _used;
    private byte[] _previous = new byte[64];
    private int _previousLength;
    private int _count;

    internal CorpusStringColumn(int capacity = 1024)
    {
        _blockStarts = new GrowableArray<long>(Math.Max(16, capacity / BlockSize));
        _current = new byte[Math.Clamp(capacity * 8, 256, SegmentSize)];
        _segments.Add(_current);
    }

    /// <summary>The number of values (missing ones included).</summary>
    internal int Count => _count;

    /// <summary>Bytes held: the pool segments and the block index.</summary>
    internal long Bytes
    {
        get
        {
            long bytes = (long)_blockStarts.Count * sizeof(long);
            foreach (var segment in _segments)
            {
                bytes += segment.Length;
            }

            return bytes;
        }
    }

    /// <summary>Appends a value; <paramref name="missing"/> appends a missing one (null) instead.</summary>
    internal void Add(ReadOnlySpan<byte> utf8, bool missing = false)
    {
        if (_count % BlockSize == 0)
        {
            StartBlock(utf8.Length);
        }

        _count++;
        if (missing)
        {
            Write(0, default);
            return;
        }

        int shared = 0;
        int limit = Math.Min(_previousLength, utf8.Length);
        var previous = _previous.AsSpan(0, _previousLength);
        while (shared < limit && previous[shared] == utf8[shared])
        {
            shared++;
        }

        var suffix = utf8[shared..];
        EnsureRoom(10 + 5 + suffix.Length);
        WriteVarint((uint)suffix.Length + 1);
        WriteVarint((uint)shared);
        suffix.CopyTo(_current.AsSpan(_used));
        _used += suffix.Length;

        if (_previous.Length < utf8.Length)
        {
            _previous = new byte[Math.Max(utf8.Length, _previous.Length * 2)];
            utf8.CopyTo(_previous);
        }
        else
        {
            suffix.CopyTo(_previous.AsSpan(shared));
        }

        _previousLength = utf8.Length;
    }

    /// <summary>Appends a value given as text; null appends a missing value.</summary>
    internal void Add(string? value, ref byte[] scratch)
    {
        if (value is null)
        {
            Add(default, missing: true);
            return;
        }

        int length = Utf8(value, ref scratch);
        Add(scratch.AsSpan(0, length));
    }

    /// <summary>The value at <paramref name="index"/> as a new string, or null when missing.</summary>
    internal string? Get(int index)
    {
        byte[]? rented = null;
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            int length = Decode(index, ref buffer, ref rented);
            return length < 0 ? null : Encoding.UTF8.GetString(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether the value at <paramref name="index"/> is present and equals <paramref name="utf8"/>.</summary>
    internal bool ValueEquals(int index, ReadOnlySpan<byte> utf8)
    {
        byte[]? rented = null;
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            int length = Decode(index, ref buffer, ref rented);
            return length >= 0 && buffer[..length].SequenceEqual(utf8);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Copies the value at <paramref name="index"/> into <paramref name="buffer"/> (grown as needed); returns its length, or -1 when missing.</summary>
    internal int CopyTo(int index, ref byte[] buffer)
    {
        byte[]? rented = null;
        Span<byte> span = buffer;
        int length = Decode(index, ref span, ref rented);
        if (rented is not null)
        {
            // Decode grew into a rented array: keep a private copy of the right size instead.
            buffer = span[..Math.Max(length, 0)].ToArray();
            ArrayPool<byte>.Shared.Return(rented);
        }

        return length;
    }

    /// <summary>Releases the unused end of the last segment; call once, when the corpus is built.</summary>
    internal void Trim()
    {
        if (_used < _current.Length)
        {
            var trimmed = _current.AsSpan(0, _used).ToArray();
            _segments[^1] = trimmed;
            _current = trimmed;
        }

        _previous = [];
    }

    /// <summary>The UTF-8 bytes of <paramref name="value"/> in <paramref name="scratch"/> (grown as needed); returns the length.</summary>
    internal static int Utf8(string value, ref byte[] scratch)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (scratch.Length < max)
        {
            scratch = new byte[Math.Max(max, scratch.Length * 2)];
        }

        return Encoding.UTF8.GetBytes(value, scratch);
    }

    /// <summary>Decodes value <paramref name="index"/> into <paramref name="buffer"/>, renting a larger one when needed.</summary>
    private int Decode(int index, ref Span<byte> buffer, ref byte[]? rented)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The column has {_count} values.");
        }

        long start = _blockStarts[index / BlockSize];
        var segment = _segments[(int)(start >> 32)];
        int at = (int)start;
        int length = 0;
        int result = -1;
        for (int i = index - (index % BlockSize); i <= index; i++)
        {
            uint a = ReadVarint(segment, ref at);
            if (a == 0)
            {
                result = -1;
                continue;
            }

            int suffix = (int)(a - 1);
            int shared = (int)ReadVarint(segment, ref at);
            int total = shared + suffix;
            if (total > buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(total, buffer.Length * 2));
                buffer[..length].CopyTo(larger);
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }

                rented = larger;
                buffer = larger;
            }

            segment.AsSpan(at, suffix).CopyTo(buffer[shared..]);
            at += suffix;
            length = total;
            result = total;
        }

        return result;
    }

    private void StartBlock(int firstLength)
    {
        if (_used >= SegmentSize)
        {
            if (_used < _current.Length)
            {
                _segments[^1] = _current.AsSpan(0, _used).ToArray();
            }

            _current = new byte[Math.Max(SegmentSize, (firstLength + 10) * 2 * BlockSize)];
            _segments.Add(_current);
            _used = 0;
        }

        _blockStarts.Add(((long)(_segments.Count - 1) << 32) | (uint)_used);
        _previousLength = 0;
    }

    private void Write(uint value, ReadOnlySpan<byte> bytes)
    {
        EnsureRoom(5 + bytes.Length);
        WriteVarint(value);
        bytes.CopyTo(_current.AsSpan(_used));
        _used += bytes.Length;
    }

    private void EnsureRoom(int bytes)
    {
        if (_current.Length - _used < bytes)
        {
            long wanted = Math.Max(_used + (long)bytes, _current.Length + ((long)_current.Length / 2));
            Array.Resize(ref _current, (int)Math.Min(wanted, Array.MaxLength));
            _segments[^1] = _current;
        }
    }

    private void WriteVarint(uint value)
    {
        while (value >= 0x80)
        {
            _current[_used++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _current[_used++] = (byte)value;
    }

    private static uint ReadVarint(byte[] bytes, ref int at)
    {
        uint value = 0;
        int shift = 0;
        byte b;
        do
        {
            b = bytes[at++];
            value |= (uint)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        return value;
    }
}
