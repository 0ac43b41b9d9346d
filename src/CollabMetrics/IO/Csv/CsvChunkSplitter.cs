using System.Collections.Concurrent;

namespace CollabMetrics.IO.Csv;

/// <summary>
/// Cuts a CollabMetrics CSV stream into chunks of whole publications that can be parsed independently, reading the
/// stream once and never seeking it. It follows only the quotes (a quote opens a quoted field at the start of a
/// field, as <see cref="CsvRowCursor"/> decides), so it runs at the speed of a vectorized search for quotes; the
/// rows near the end of a block are split to find where a publication starts (where <c>publication_id</c> changes).
/// </summary>
/// <remarks>
/// <para>
/// The cuts depend only on the bytes and the block size, never on the number of threads. A chunk ends where the next
/// publication starts, except when one publication is larger than several blocks (the next chunk then
/// <see cref="CsvChunk.Continues"/> it) or a row is larger than <see cref="ReadLimits.MaxRecordBytes"/>: such a row
/// is read through without being kept (its first bytes excepted) and handed over as a chunk of its own, and the
/// rows after it are read as usual.
/// </para>
/// <para>Not thread-safe: one thread calls <see cref="Next"/>; the chunks it returns can be parsed on any thread.</para>
/// </remarks>
internal sealed class CsvChunkSplitter
{
    /// <summary>The default block: chunks are about this large.</summary>
    internal const int DefaultBlockSize = 1 << 20;

    /// <summary>How much of a row over the record limit is kept (to read its publication_id and show its start).</summary>
    internal const int OversizedPrefix = 1 << 20;

    private readonly Stream _stream;
    private readonly int _blockSize;
    private readonly long _maxRecord;
    private readonly int _cap;
    private readonly BufferPool _pool;
    private readonly List<int> _intervals = [];
    private readonly CsvRowCursor _rows = new();
    private byte[] _buffer;
    private int _length;
    private bool _eof;
    private CompressedInputException? _error;
    private bool _bomChecked;

    // The quote walk: state known up to _walk; row breaks searched up to _searchFrom; the last row boundary found.
    private int _walk;
    private bool _inQuotes;
    private int _openQuote;
    private int _searchFrom;
    private int _lastBreak;
    private bool _startIsFieldStart = true;

    // Where publications start: columns, and the known part of the buffer that is all one publication.
    private int _idColumn = -1;
    private int _yearColumn = -1;
    private int _scanFloor;
    private byte[] _scanId = new byte[64];
    private int _scanIdLength = -1;
    private byte[] _scratchA = new byte[64];
    private byte[] _scratchB = new byte[64];

    private int _sequence;
    private bool _continueNext;
    private bool _done;

    internal CsvChunkSplitter(Stream stream, ReadLimits limits, int blockSize = DefaultBlockSize, BufferPool? pool = null)
    {
        _stream = stream;
        _blockSize = Math.Max(64, blockSize);
        _maxRecord = limits.MaxRecordBytes;
        _cap = (int)Math.Min(int.MaxValue / 2, _blockSize * 4L);
        _pool = pool ?? new BufferPool(_blockSize);
        _buffer = _pool.Rent(_blockSize);
    }

    /// <summary>
    /// The block size for an input of <paramref name="length"/> bytes (null: not known): <paramref name="blockSize"/>,
    /// or less for a shorter input, which is one chunk either way; a file of a few kilobytes then takes buffers of its
    /// size, not of 1.5 MB, and its read no longer starts with a full collection for the large-object heap.
    /// </summary>
    internal static int BlockFor(long? length, int blockSize) =>
        length is { } bytes && bytes < blockSize ? (int)Math.Max(bytes + 1, Math.Min(blockSize, 4096)) : blockSize;

    /// <summary>Line breaks before the first data row (the header's and the empty lines before it).</summary>
    internal long HeaderLineBreaks { get; private set; }

    /// <summary>The line of the header row (1 unless empty lines come first).</summary>
    internal long HeaderLine { get; private set; } = 1;

    /// <summary>The pool chunk buffers come from; return them when a chunk is done.</summary>
    internal BufferPool Pool => _pool;

    /// <summary>
    /// Reads the header (the first row that is not empty). Returns false at the end of the input (no row) or when the
    /// header is larger than the record limit (<paramref name="tooLarge"/>); a decompression error is thrown.
    /// </summary>
    internal bool ReadHeader(out byte[] row, out int rowLength, out bool tooLarge)
    {
        tooLarge = false;
        row = [];
        rowLength = 0;
        while (true)
        {
            // Grow by a block each time: a header longer than a block is read on, not waited for.
            Fill(_length + _blockSize);
            if (_error is not null && _length == 0)
            {
                throw _error;
            }

            Walk();
            int limit = _eof || _error is not null ? _length : _lastBreak;
            if (limit > 0)
            {
                _rows.Reset(_buffer, 0, limit);
                if (_rows.NextRow())
                {
                    rowLength = _rows.RowEnd - _rows.RowStart;
                    row = new byte[rowLength + CsvRowCursor.Padding];
                    _buffer.AsSpan(_rows.RowStart, rowLength).CopyTo(row);
                    HeaderLine = 1 + HeaderLineBreaks + _rows.LineOffset;
                    HeaderLineBreaks += _rows.Lines;
                    Consume(_rows.Position);
                    return true;
                }

                HeaderLineBreaks += _rows.Lines;
                Consume(limit);
            }

            if (_error is not null)
            {
                throw _error;
            }

            if (_eof)
            {
                return false;
            }

            if (_length > _maxRecord)
            {
                tooLarge = true;
                return false;
            }
        }
    }

    /// <summary>Sets the columns that say where a publication starts (after the header is read).</summary>
    internal void SetColumns(int idColumn, int yearColumn)
    {
        _idColumn = idColumn;
        _yearColumn = yearColumn;
    }

    /// <summary>The next chunk, or null after the last.</summary>
    internal CsvChunk? Next()
    {
        if (_done)
        {
            return null;
        }

        while (true)
        {
            Fill(_length + _blockSize);
            Walk();
            if (_error is not null)
            {
                // The input broke: the whole rows read so far, then the error (the publication open at the end stays open).
                _done = true;
                return Emit(_lastBreak, endsPublication: false, isFinal: true, _error);
            }

            if (_eof)
            {
                _done = true;
                return Emit(_length, endsPublication: true, isFinal: true, null);
            }

            int r = _lastBreak;
            if (_length - r > _maxRecord + 1)
            {
                // The row starting at r is over the record limit (whatever its line break, the last byte being at most a
                // '\r' of it; the parser reports a shorter row found whole the same way): the rows before it, then the row alone.
                return r > 0 ? Emit(r, endsPublication: false, isFinal: false, null) : SkipOversized();
            }

            if (_length >= _blockSize && r > 0)
            {
                int g = PublicationStart(r);
                if (g > 0)
                {
                    return Emit(g, endsPublication: true, isFinal: false, null);
                }

                if (_length >= _cap)
                {
                    // One publication fills several blocks: cut at a row, the next chunk goes on with it.
                    return Emit(r, endsPublication: false, isFinal: false, null);
                }
            }
        }
    }

    private CsvChunk Emit(int cut, bool endsPublication, bool isFinal, CompressedInputException? error)
    {
        var chunk = new CsvChunk
        {
            Buffer = _buffer,
            Length = cut,
            Sequence = _sequence++,
            Continues = _continueNext,
            EndsPublication = endsPublication,
            IsFinal = isFinal,
            Error = error,
        };
        _continueNext = !endsPublication;
        var next = _pool.Rent(Math.Max(_blockSize, _length - cut + _blockSize));
        _buffer.AsSpan(cut, _length - cut).CopyTo(next);
        _buffer = next;
        Shift(cut);
        return chunk;
    }

    /// <summary>Reads through the row at the start of the buffer, which is over the record limit, keeping its first bytes.</summary>
    private CsvChunk SkipOversized()
    {
        // Enough of the row for the raw text of the reject, whatever was read when the row went over the limit.
        Fill(Math.Max(_length, RejectedRecord.MaxRawLength));
        Walk();
        int prefixLength = (int)Math.Min(_length, OversizedPrefix);
        var prefix = new byte[prefixLength + CsvRowCursor.Padding];
        _buffer.AsSpan(0, prefixLength).CopyTo(prefix);
        long lineBreaks = 0;
        long bytes = 0;
        while (true)
        {
            if (_lastBreak > 0)
            {
                int end = FirstRowEnd();
                lineBreaks += CountLineBreaks(_buffer.AsSpan(0, end));
                bytes += end;
                Consume(end);
                return EmitOversized(new OversizedRow(prefix, prefixLength, lineBreaks, bytes, ReachedEnd: false), isFinal: false, null);
            }

            if (_eof || _error is not null)
            {
                lineBreaks += CountLineBreaks(_buffer.AsSpan(0, _length));
                bytes += _length;
                Consume(_length);
                _done = true;
                return EmitOversized(new OversizedRow(prefix, prefixLength, lineBreaks, bytes, ReachedEnd: _error is null), isFinal: true, _error);
            }

            // Nothing before the safe point ends the row: drop it, counting its line breaks (all inside quotes).
            int safe = _inQuotes ? _walk : Math.Min(_walk, _searchFrom);
            if (safe > 0 && _buffer[safe - 1] == (byte)'\r')
            {
                safe--;
            }

            if (safe > 0)
            {
                lineBreaks += CountLineBreaks(_buffer.AsSpan(0, safe));
                bytes += safe;
                _startIsFieldStart = _buffer[safe - 1] == (byte)',';
                Consume(safe);
            }

            Fill(_length + _blockSize);
            Walk();
        }
    }

    private CsvChunk EmitOversized(OversizedRow row, bool isFinal, CompressedInputException? error)
    {
        var chunk = new CsvChunk
        {
            Buffer = [],
            Length = 0,
            Sequence = _sequence++,
            Continues = true,
            EndsPublication = isFinal && error is null,
            IsFinal = isFinal,
            Oversized = row,
            Error = error,
        };
        _continueNext = true;
        _startIsFieldStart = true;
        return chunk;
    }

    /// <summary>Line breaks (LF, CRLF, lone CR) in <paramref name="bytes"/>.</summary>
    internal static long CountLineBreaks(ReadOnlySpan<byte> bytes)
    {
        long lf = bytes.Count((byte)'\n');
        long cr = bytes.Count((byte)'\r');
        if (cr == 0)
        {
            return lf;
        }

        long crlf = 0;
        int at = 0;
        while (true)
        {
            int i = bytes[at..].IndexOf("\r\n"u8);
            if (i < 0)
            {
                break;
            }

            crlf++;
            at += i + 2;
        }

        return lf + cr - crlf;
    }

    /// <summary>Reads until the buffer holds <paramref name="target"/> bytes or the input ends.</summary>
    private void Fill(long target)
    {
        if (_eof || _error is not null)
        {
            return;
        }

        target = Math.Min(target, int.MaxValue - CsvRowCursor.Padding - 1);
        if (_buffer.Length < target + CsvRowCursor.Padding)
        {
            // BufferPool.Rent adds the padding the row cursor needs after the text: this rents at least target + Padding.
            var larger = _pool.Rent((int)Math.Min(int.MaxValue - CsvRowCursor.Padding - 1, Math.Max(target, _buffer.Length * 2L)));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            _pool.Return(_buffer);
            _buffer = larger;
        }

        ChunkInput.Fill(_stream, _buffer, ref _length, (int)target, ref _eof, ref _error);

        if (!_bomChecked && (_length >= 3 || _eof || _error is not null))
        {
            _bomChecked = true;
            if (_length >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                Consume(3);
            }
        }
    }

    /// <summary>Follows the quotes from where the walk stopped to the end of the buffer, noting the last row boundary.</summary>
    private void Walk()
    {
        var data = _buffer;
        int length = _length;
        bool complete = _eof || _error is not null;
        while (_walk < length)
        {
            int q = data.AsSpan(_walk, length - _walk).IndexOf((byte)'"');
            if (q < 0)
            {
                _walk = length;
                break;
            }

            q += _walk;
            if (!_inQuotes)
            {
                SearchBreaks(q, complete);
                bool fieldStart = q == 0 ? _startIsFieldStart : data[q - 1] is (byte)',' or (byte)'\n' or (byte)'\r';
                if (fieldStart)
                {
                    _inQuotes = true;
                    _openQuote = q;
                }

                _walk = q + 1;
                continue;
            }

            if (q + 1 >= length && !complete)
            {
                // A quote at the end of what was read: closing, or the first of a doubled quote? Read more first.
                _walk = q;
                return;
            }

            if (q + 1 < length && data[q + 1] == (byte)'"')
            {
                _walk = q + 2;
                continue;
            }

            _inQuotes = false;
            _intervals.Add(_openQuote);
            _intervals.Add(q + 1);
            _walk = q + 1;
            _searchFrom = q + 1;
        }

        if (!_inQuotes)
        {
            SearchBreaks(_walk, complete);
        }
    }

    /// <summary>Notes the last line break in the quote-free stretch from <see cref="_searchFrom"/> to <paramref name="to"/>.</summary>
    private void SearchBreaks(int to, bool complete)
    {
        int limit = complete ? to : Math.Min(to, _length - 1);
        if (limit <= _searchFrom)
        {
            return;
        }

        var data = _buffer;
        int b = data.AsSpan(_searchFrom, limit - _searchFrom).LastIndexOfAny((byte)'\n', (byte)'\r');
        if (b >= 0)
        {
            b += _searchFrom;
            _lastBreak = data[b] == (byte)'\r' && b + 1 < _length && data[b + 1] == (byte)'\n' ? b + 2 : b + 1;
        }

        _searchFrom = limit;
    }

    /// <summary>Drops the first <paramref name="count"/> bytes of the buffer.</summary>
    private void Consume(int count)
    {
        if (count == 0)
        {
            return;
        }

        _buffer.AsSpan(count, _length - count).CopyTo(_buffer);
        Shift(count);
    }

    /// <summary>Moves every position back by <paramref name="count"/> after the first bytes were handed over or dropped.</summary>
    private void Shift(int count)
    {
        _length -= count;
        _walk = Math.Max(0, _walk - count);
        _searchFrom = Math.Max(0, _searchFrom - count);
        _lastBreak = Math.Max(0, _lastBreak - count);
        _openQuote -= count;
        int keep = 0;
        for (int i = 0; i < _intervals.Count; i += 2)
        {
            if (_intervals[i + 1] > count)
            {
                _intervals[keep++] = _intervals[i] - count;
                _intervals[keep++] = _intervals[i + 1] - count;
            }
        }

        _intervals.RemoveRange(keep, _intervals.Count - keep);
        _scanIdLength = -1;
        _scanFloor = 0;
    }

    /// <summary>
    /// Where the last publication among the whole rows before <paramref name="boundary"/> starts (it may go on in the
    /// rows not read yet, so it goes to the next chunk); -1 when the rows before are all one publication.
    /// </summary>
    private int PublicationStart(int boundary)
    {
        int earliest = -1;
        int currentLength = -1;
        while (RowBefore(boundary, out int rowStart, out int rowEnd))
        {
            boundary = rowStart;
            var id = IdOf(rowStart, rowEnd, ref currentLength < 0 ? ref _scratchA : ref _scratchB, out bool header);
            if (header)
            {
                continue;
            }

            if (currentLength < 0)
            {
                if (id.IsEmpty)
                {
                    // A row without an id is a record of its own.
                    return rowStart;
                }

                currentLength = id.Length;
                earliest = rowStart;
                continue;
            }

            var current = _scratchA.AsSpan(0, currentLength);
            if (rowStart < _scanFloor && _scanIdLength >= 0)
            {
                // The rows from here back are all of the publication found last time.
                return current.SequenceEqual(_scanId.AsSpan(0, _scanIdLength)) ? NoStart(current, boundary: _lastBreak) : earliest;
            }

            if (id.IsEmpty || !id.SequenceEqual(current))
            {
                return earliest;
            }

            earliest = rowStart;
        }

        return currentLength < 0 ? -1 : NoStart(_scratchA.AsSpan(0, currentLength), _lastBreak);
    }

    /// <summary>Remembers that the rows before <paramref name="boundary"/> are all of publication <paramref name="id"/>.</summary>
    private int NoStart(ReadOnlySpan<byte> id, int boundary)
    {
        if (_scanId.Length < id.Length)
        {
            _scanId = new byte[id.Length * 2];
        }

        id.CopyTo(_scanId);
        _scanIdLength = id.Length;
        _scanFloor = boundary;
        return -1;
    }

    /// <summary>The value of the publication_id column of the row [start, end), unescaped into <paramref name="scratch"/> when needed.</summary>
    private ReadOnlySpan<byte> IdOf(int start, int end, ref byte[] scratch, out bool header)
    {
        _rows.Reset(_buffer, start, end);
        _rows.NextRow();
        var id = Field(_idColumn, ref scratch);
        header = false;
        if (CsvLayout.IsHeaderName(id, "publication_id"u8))
        {
            byte[] year = _scratchYear;
            header = CsvLayout.IsHeaderName(Field(_yearColumn, ref year), "year"u8);
            _scratchYear = year;
            if (header)
            {
                return default;
            }

            // The id was unescaped into the scratch buffer that the year may have used: read it again.
            id = Field(_idColumn, ref scratch);
        }

        return id;
    }

    private byte[] _scratchYear = new byte[64];

    private ReadOnlySpan<byte> Field(int column, ref byte[] scratch)
    {
        if (column < 0 || column >= _rows.FieldCount)
        {
            return default;
        }

        var value = _rows.Value(column);
        if (scratch.Length < value.Length)
        {
            scratch = new byte[value.Length * 2];
        }

        if (_rows.NeedsUnescape(column))
        {
            int n = CsvRowCursor.Unescape(value, scratch);
            return scratch.AsSpan(0, n);
        }

        value.CopyTo(scratch);
        return scratch.AsSpan(0, value.Length);
    }

    /// <summary>The row that ends before row start <paramref name="boundary"/>, skipping empty lines.</summary>
    private bool RowBefore(int boundary, out int rowStart, out int rowEnd)
    {
        var data = _buffer;
        int e = boundary;
        while (e > 0)
        {
            if (data[e - 1] == (byte)'\n')
            {
                e--;
                if (e > 0 && data[e - 1] == (byte)'\r')
                {
                    e--;
                }
            }
            else if (data[e - 1] == (byte)'\r')
            {
                e--;
            }

            int b = PreviousBreak(e);
            rowStart = b + 1;
            rowEnd = e;
            if (rowStart < rowEnd)
            {
                return true;
            }

            e = rowStart;
        }

        rowStart = rowEnd = 0;
        return false;
    }

    /// <summary>The position after the first line break of the buffer that is not inside a quoted field (there is one).</summary>
    private int FirstRowEnd()
    {
        var data = _buffer;
        int from = 0;
        while (true)
        {
            int b = data.AsSpan(from, _lastBreak - from).IndexOfAny((byte)'\n', (byte)'\r');
            b += from;
            if (!TryQuotedIntervalAround(b, out _))
            {
                return data[b] == (byte)'\r' && b + 1 < _length && data[b + 1] == (byte)'\n' ? b + 2 : b + 1;
            }

            from = QuotedIntervalEnd(b);
        }
    }

    /// <summary>The end of the quoted field that contains <paramref name="position"/> (it is inside one).</summary>
    private int QuotedIntervalEnd(int position)
    {
        for (int i = 0; i < _intervals.Count; i += 2)
        {
            if (position >= _intervals[i] && position < _intervals[i + 1])
            {
                return _intervals[i + 1];
            }
        }

        return position + 1;
    }

    /// <summary>The last line break before <paramref name="end"/> that is not inside a quoted field, or -1.</summary>
    private int PreviousBreak(int end)
    {
        var data = _buffer;
        while (end > 0)
        {
            int b = data.AsSpan(0, end).LastIndexOfAny((byte)'\n', (byte)'\r');
            if (b < 0)
            {
                return -1;
            }

            if (!TryQuotedIntervalAround(b, out int open))
            {
                return b;
            }

            // The field may have opened before the start of the buffer (dropped already): then no break is before it.
            end = open;
        }

        return -1;
    }

    /// <summary>
    /// Whether <paramref name="position"/> is inside a quoted field, and where that field's opening quote is: negative
    /// when the field opened before the start of the buffer (the start of a row over the limit, dropped while the
    /// rest of the row is read through), so a negative position is a real opening, not "none".
    /// </summary>
    private bool TryQuotedIntervalAround(int position, out int open)
    {
        int lo = 0, hi = (_intervals.Count / 2) - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            int start = _intervals[2 * mid], close = _intervals[(2 * mid) + 1];
            if (position < start)
            {
                hi = mid - 1;
            }
            else if (position >= close)
            {
                lo = mid + 1;
            }
            else
            {
                open = start;
                return true;
            }
        }

        open = 0;
        return false;
    }

    /// <summary>Chunk buffers, handed back when a chunk is parsed (only buffers of the usual size are kept).</summary>
    internal sealed class BufferPool(int blockSize)
    {
        private readonly ConcurrentBag<byte[]> _free = [];
        private readonly int _size = blockSize + (blockSize / 2) + CsvRowCursor.Padding;

        internal byte[] Rent(int length)
        {
            if (length + CsvRowCursor.Padding <= _size)
            {
                return _free.TryTake(out var buffer) ? buffer : new byte[_size];
            }

            return new byte[length + CsvRowCursor.Padding];
        }

        internal void Return(byte[] buffer)
        {
            if (buffer.Length == _size && _free.Count < 64)
            {
                _free.Add(buffer);
            }
        }
    }
}
