using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace CollabMetrics.IO;

/// <summary>The compressed input is damaged: corrupt data, or it ends before the end of its gzip stream.</summary>
internal sealed class CompressedInputException(bool truncated, string message, Exception? innerException = null)
    : IOException(message, innerException)
{
    /// <summary>Whether the input ends too early (rather than holding corrupt data).</summary>
    public bool IsTruncated { get; } = truncated;
}

/// <summary>
/// Decompresses gzip (one member or several concatenated) and checks what <see cref="GZipStream"/> does not:
/// that the input ends exactly after a member's trailer, with the CRC-32 and length of that member's data. A cut
/// anywhere, between records or inside one, throws <see cref="CompressedInputException"/> with
/// <see cref="CompressedInputException.IsTruncated"/> set; corrupt data throws it without.
/// </summary>
/// <remarks>
/// Member boundaries are found without seeking: the raw bytes are watched for a gzip header (1F 8B 08) preceded by
/// eight bytes that may be the previous member's trailer; such a candidate is confirmed when the decompressed data
/// reaches the length the trailer gives and its CRC-32 matches.
/// </remarks>
internal sealed class CheckedGZipStream : ReadOnlyStream
{
    private const int MaxCandidates = 1024;

    private readonly GZipStream _gzip;
    private readonly RawWatcher _raw;
    private readonly Crc32 _crc = new();
    private long _position;
    private long _memberStart;
    private bool _ended;

    public CheckedGZipStream(Stream raw)
    {
        _raw = new RawWatcher(raw);
        _gzip = new GZipStream(_raw, CompressionMode.Decompress, leaveOpen: false);
    }

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        if (_ended || buffer.IsEmpty)
        {
            return 0;
        }

        int n;
        try
        {
            n = _gzip.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            _ended = true;
            throw new CompressedInputException(false, "the gzip-compressed data is corrupt (a damaged byte, or not gzip data after the header); download or copy the file again.", ex);
        }

        if (n > 0)
        {
            Consume(buffer[..n]);
            return n;
        }

        _ended = true;
        CheckEnd();
        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Adds decompressed bytes to the member's CRC, confirming member boundaries that fall inside them.</summary>
    private void Consume(ReadOnlySpan<byte> data)
    {
        long end = _position + data.Length;
        var candidates = _raw.Candidates;
        while (candidates.Count > 0)
        {
            // The first candidate (in input order) whose boundary falls in this chunk.
            int found = -1;
            long point = 0;
            for (int i = 0; i < candidates.Count; i++)
            {
                long p = _memberStart + candidates[i].Size + candidates[i].Wraps * (1L << 32);
                if (p < _position)
                {
                    continue;
                }

                if (p <= end)
                {
                    found = i;
                    point = p;
                    break;
                }
            }

            if (found < 0)
            {
                break;
            }

            int cut = (int)(point - _position);
            _crc.Append(data[..cut]);
            data = data[cut..];
            _position = point;
            var candidate = candidates[found];
            if (_crc.GetCurrentHashAsUInt32() == candidate.Crc)
            {
                // A member ends here: the next one starts.
                candidates.RemoveRange(0, found + 1);
                _memberStart = point;
                _crc.Reset();
            }
            else
            {
                // Not a boundary (or not yet: members over 4 GiB give their length modulo 2^32).
                candidates[found] = candidate with { Wraps = candidate.Wraps + 1 };
            }
        }

        _crc.Append(data);
        _position = end;
    }

    private void CheckEnd()
    {
        if (_raw.TailLength < 8)
        {
            throw new CompressedInputException(true, "the gzip-compressed input ends inside its header (the file is cut off); download or copy it again.");
        }

        Span<byte> trailer = stackalloc byte[8];
        _raw.Tail(trailer);
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        if (crc != _crc.GetCurrentHashAsUInt32() || size != (uint)(_position - _memberStart))
        {
            throw new CompressedInputException(true, "the gzip-compressed input ends before the end of its gzip stream (the trailer with the CRC and length is missing or does not match): the file is cut off, or has extra bytes after its end; download or copy it again.");
        }
    }

    private readonly record struct Candidate(uint Crc, uint Size, int Wraps);

    /// <summary>Passes the raw bytes through, keeping the last bytes read and the possible member boundaries.</summary>
    private sealed class RawWatcher(Stream inner) : ReadOnlyStream
    {
        private const int HistoryLength = 10;
        private readonly byte[] _history = new byte[HistoryLength];
        private int _historyLength;

        public List<Candidate> Candidates { get; } = [];

        public long BytesRead { get; private set; }

        public int TailLength => _historyLength;

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public void Tail(Span<byte> last8) => _history.AsSpan(_historyLength - 8, 8).CopyTo(last8);

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            if (n > 0)
            {
                Watch(buffer[..n]);
            }

            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Watch(ReadOnlySpan<byte> chunk)
        {
            int h = _historyLength;
            int total = h + chunk.Length;

            // Headers that start in the history and end in this chunk.
            for (int p = Math.Max(8, h - 2); p < h; p++)
            {
                Check(p, h, chunk, total);
            }

            int from = 0;
            while (from < chunk.Length)
            {
                int j = chunk[from..].IndexOf((byte)0x1F);
                if (j < 0)
                {
                    break;
                }

                j += from;
                int p = h + j;
                if (p >= 8 && p + 2 < total)
                {
                    Check(p, h, chunk, total);
                }

                from = j + 1;
            }

            // Keep the last bytes for the trailer and for headers cut between chunks.
            Span<byte> combined = stackalloc byte[HistoryLength * 2];
            int keep = Math.Min(HistoryLength, total);
            int fromChunk = Math.Min(keep, chunk.Length);
            int fromHistory = keep - fromChunk;
            _history.AsSpan(h - fromHistory, fromHistory).CopyTo(combined);
            chunk[^fromChunk..].CopyTo(combined[fromHistory..]);
            combined[..keep].CopyTo(_history);
            _historyLength = keep;
            BytesRead += chunk.Length;
        }

        private void Check(int p, int h, ReadOnlySpan<byte> chunk, int total)
        {
            if (p + 2 >= total || At(p, h, chunk) != 0x1F || At(p + 1, h, chunk) != 0x8B || At(p + 2, h, chunk) != 0x08)
            {
                return;
            }

            Span<byte> trailer = stackalloc byte[8];
            for (int k = 0; k < 8; k++)
            {
                trailer[k] = At(p - 8 + k, h, chunk);
            }

            if (Candidates.Count >= MaxCandidates)
            {
                Candidates.RemoveAt(0);
            }

            Candidates.Add(new Candidate(BinaryPrimitives.ReadUInt32LittleEndian(trailer), BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]), 0));
        }

        private byte At(int p, int h, ReadOnlySpan<byte> chunk) => p < h ? _history[p] : chunk[p - h];
    }
}
