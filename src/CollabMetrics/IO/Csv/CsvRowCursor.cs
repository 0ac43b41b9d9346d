using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CollabMetrics.IO.Csv;

/// <summary>
/// Splits UTF-8 CSV text held in memory into rows and fields (RFC 4180: comma-separated, a field may be quoted and
/// its quotes doubled; line breaks are LF, CRLF or a lone CR), without copying or decoding anything: each field is a
/// pair of offsets into the buffer. Empty lines are skipped. Separators, quotes and line breaks are found 32 or 16
/// bytes at a time with vector compares, so the cost is a few instructions a field.
/// </summary>
/// <remarks>
/// <para>
/// A quote opens a quoted field only at the start of a field; anywhere else it is a character of the field, and the
/// field is marked malformed, as is a quoted field with text after its closing quote. A row ends at the first line
/// break outside a quoted field: so the row boundaries depend only on the bytes from the start of a row, which is
/// what lets <see cref="CsvChunkSplitter"/> cut a file into chunks that parse as the whole file would.
/// </para>
/// <para>
/// The buffer must have <see cref="Padding"/> readable bytes after the end of the text (vector loads read past it;
/// what lies there is ignored).
/// </para>
/// </remarks>
internal sealed class CsvRowCursor
{
    /// <summary>Bytes a buffer must have after the text it holds.</summary>
    internal const int Padding = 64;

    internal const byte Quoted = 1;
    internal const byte Escaped = 2;
    internal const byte MalformedField = 4;

    private byte[] _data = new byte[Padding];
    private int _end;
    private int _pos;
    private long _lines;
    private Field[] _fields = new Field[128];

    /// <summary>The first byte of the current row.</summary>
    internal int RowStart { get; private set; }

    /// <summary>The end of the current row (exclusive), before its line break.</summary>
    internal int RowEnd { get; private set; }

    /// <summary>Line breaks met before the current row, counted from <see cref="Reset"/> (lines inside quoted fields too).</summary>
    internal long LineOffset { get; private set; }

    /// <summary>Line breaks met so far, the current row's included.</summary>
    internal long Lines => _lines;

    /// <summary>The position after the current row and its line break: where the next row starts.</summary>
    internal int Position => _pos;

    /// <summary>The number of fields of the current row.</summary>
    internal int FieldCount { get; private set; }

    /// <summary>Whether a field of the current row is malformed (a quote where it does not belong).</summary>
    internal bool Malformed { get; private set; }

    /// <summary>Whether the current row ends inside a quoted field (the text ends before the field is closed).</summary>
    internal bool Unterminated { get; private set; }

    /// <summary>
    /// Whether the current row may hold bytes outside ASCII (then its UTF-8 needs checking); false means every byte
    /// of it is ASCII. Found by the same vector loads that find the separators.
    /// </summary>
    internal bool MayBeNonAscii { get; private set; }

    /// <summary>The buffer being read.</summary>
    internal byte[] Data => _data;

    /// <summary>Reads rows of <paramref name="data"/> from <paramref name="start"/> (a row start) to <paramref name="end"/>.</summary>
    internal void Reset(byte[] data, int start, int end)
    {
        if (data.Length < end + Padding)
        {
            throw new ArgumentException("The buffer has no padding after the text.", nameof(data));
        }

        _data = data;
        _pos = start;
        _end = end;
        _lines = 0;
        FieldCount = 0;
    }

    /// <summary>The raw bytes of field <paramref name="field"/> of the current row (quotes included).</summary>
    internal ReadOnlySpan<byte> Raw(int field) => _data.AsSpan(_fields[field].Start, _fields[field].End - _fields[field].Start);

    /// <summary>The raw bytes of the current row, without its line break.</summary>
    internal ReadOnlySpan<byte> RawRow => _data.AsSpan(RowStart, RowEnd - RowStart);

    /// <summary>Start offset of field <paramref name="field"/> (raw).</summary>
    internal int FieldStart(int field) => _fields[field].Start;

    /// <summary>End offset of field <paramref name="field"/> (raw, exclusive).</summary>
    internal int FieldEnd(int field) => _fields[field].End;

    /// <summary>Flags of field <paramref name="field"/>: <see cref="Quoted"/>, <see cref="Escaped"/>, <see cref="MalformedField"/>.</summary>
    internal byte Flags(int field) => _fields[field].Flags;

    /// <summary>Field <paramref name="field"/> of the current row (offsets and flags), read in one place.</summary>
    internal ref readonly Field At(int field) => ref _fields[field];

    /// <summary>
    /// The value of field <paramref name="field"/>: without its quotes when it is quoted (doubled quotes still
    /// doubled when <see cref="Escaped"/> is set: see <see cref="Unescape"/>). A malformed quoted field (text after the
    /// closing quote, or no closing quote) without its opening quote, to be unescaped (<see cref="NeedsUnescape(int)"/>):
    /// its value is then what was quoted followed by the text after the closing quote, as lenient CSV readers read it,
    /// so that its rows group with the publication's other rows. A malformed unquoted field as it is.
    /// </summary>
    internal ReadOnlySpan<byte> Value(int field) => Value(in _fields[field]);

    /// <summary>The value of a field of the current row, as <see cref="Value(int)"/> gives it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ReadOnlySpan<byte> Value(in Field field)
    {
        int start = field.Start, end = field.End;
        return (field.Flags & Quoted) == 0
            ? _data.AsSpan(start, end - start)
            : _data.AsSpan(start + 1, end - start - ((field.Flags & MalformedField) == 0 ? 2 : 1));
    }

    /// <summary>Whether the value of <paramref name="field"/> must go through <see cref="Unescape"/>.</summary>
    internal bool NeedsUnescape(int field) => NeedsUnescape(_fields[field].Flags);

    /// <summary>Whether the value of a field with these flags must go through <see cref="Unescape"/>: doubled quotes, or a malformed quoted field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool NeedsUnescape(byte flags) => (flags & MalformedField) == 0 ? (flags & Escaped) != 0 : (flags & Quoted) != 0;

    /// <summary>
    /// Writes <paramref name="value"/> with each doubled quote made single into <paramref name="into"/>; returns the
    /// length. A single quote is the closing quote of a malformed field: it is left out and the text after it is
    /// copied as it is.
    /// </summary>
    internal static int Unescape(ReadOnlySpan<byte> value, Span<byte> into)
    {
        int n = 0;
        for (int i = 0; i < value.Length; i++)
        {
            byte b = value[i];
            if (b == (byte)'"')
            {
                if (i + 1 < value.Length && value[i + 1] == (byte)'"')
                {
                    i++;
                }
                else
                {
                    var rest = value[(i + 1)..];
                    rest.CopyTo(into[n..]);
                    return n + rest.Length;
                }
            }

            into[n++] = b;
        }

        return n;
    }

    /// <summary>
    /// Whether the <paramref name="length"/> bytes of <paramref name="data"/> at <paramref name="a"/> and at
    /// <paramref name="b"/> are the same: text of a buffer with <see cref="Padding"/> bytes after it (both ranges start
    /// inside the text), so a range of up to 64 bytes is compared with one or two 256-bit loads each, without a call.
    /// </summary>
    /// <remarks>
    /// 256-bit vectors, not 512-bit ones, even where those are accelerated: a method that uses <see cref="Vector512"/>
    /// has its ahead-of-time (ReadyToRun) code thrown away on a processor with AVX-512 and is compiled again at run
    /// time, and this one is inlined into the chunk parser's per-row methods (docs/design.md, "The tool package").
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool PaddedEquals(byte[] data, int a, int b, int length)
    {
        if (Vector256.IsHardwareAccelerated && (uint)length <= 2 * (uint)Vector256<byte>.Count
            && (uint)a <= (uint)(data.Length - Padding) && (uint)b <= (uint)(data.Length - Padding))
        {
            ref byte origin = ref MemoryMarshal.GetArrayDataReference(data);
            ulong same = Vector256.Equals(Vector256.LoadUnsafe(ref origin, (nuint)a), Vector256.LoadUnsafe(ref origin, (nuint)b)).ExtractMostSignificantBits();
            if (length > Vector256<byte>.Count)
            {
                same |= (ulong)Vector256.Equals(
                    Vector256.LoadUnsafe(ref origin, (nuint)(a + Vector256<byte>.Count)),
                    Vector256.LoadUnsafe(ref origin, (nuint)(b + Vector256<byte>.Count))).ExtractMostSignificantBits() << 32;
            }

            return length == 64 ? same == ulong.MaxValue : (~same & ((1UL << length) - 1)) == 0;
        }

        return data.AsSpan(a, length).SequenceEqual(data.AsSpan(b, length));
    }

    /// <summary>Moves to the next row, skipping empty lines; false at the end of the text.</summary>
    internal bool NextRow()
    {
        var data = _data;
        int end = _end;
        int pos = _pos;

        // Empty lines are not rows.
        while (pos < end)
        {
            byte b = data[pos];
            if (b == (byte)'\n')
            {
                pos++;
                _lines++;
            }
            else if (b == (byte)'\r')
            {
                pos += pos + 1 < end && data[pos + 1] == (byte)'\n' ? 2 : 1;
                _lines++;
            }
            else
            {
                break;
            }
        }

        if (pos >= end)
        {
            _pos = pos;
            FieldCount = 0;
            return false;
        }

        RowStart = pos;
        LineOffset = _lines;
        Unterminated = false;

        // Blocks without a quote (every block of a well-formed row of unquoted fields): each comma before the first
        // line break ends a field, and that break ends the row; no byte is read again. Only what changes field by
        // field is live here (the field count too: no reference to it escapes), so it stays in registers; a field is
        // written straight into the array, which has room for a block's fields.
        var fields = _fields;
        ulong high = 0;
        int count = 0;
        int fieldStart = pos;
        ref byte origin = ref MemoryMarshal.GetArrayDataReference(data);
        int block = pos;
        while (block < end)
        {
            fields = Room(fields, count);
            ulong commas = Masks(ref origin, block, end, out int width, ref high, out ulong quotes, out ulong breaks);

            if (quotes != 0)
            {
                // A quote to follow: the rest of the row byte by byte where the masks say something is.
                return NextRowQuoted(block, count, fieldStart, high);
            }

            ulong first = breaks & (0 - breaks);
            ulong ends = (commas & (first - 1)) | first;
            while (ends != 0)
            {
                int p = block + BitOperations.TrailingZeroCount(ends);
                ends &= ends - 1;
                ref var field = ref fields[count++];
                field.Start = fieldStart;
                field.End = p;
                field.Flags = 0;
                fieldStart = p + 1;
            }

            if (first != 0)
            {
                return EndRow(count, 0, high, fieldStart - 1);
            }

            block += width;
        }

        // The text ends inside the row: the last row of the text has no line break.
        ref var lastField = ref fields[count++];
        lastField.Start = fieldStart;
        lastField.End = end;
        lastField.Flags = 0;
        return EndText(count, 0, high);
    }

    /// <summary>
    /// Goes on with the current row from <paramref name="block"/>, the first vector block of it with a quote: the
    /// fields before <paramref name="fieldStart"/> are read, the one that starts there has no flag yet.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool NextRowQuoted(int block, int count, int fieldStart, ulong high)
    {
        var data = _data;
        int end = _end;
        var fields = _fields;
        byte fieldFlags = 0;
        byte rowFlags = 0;
        int closeQuote = -1;
        bool inQuotes = false;
        int skipUntil = fieldStart;
        ref byte origin = ref MemoryMarshal.GetArrayDataReference(data);
        while (block < end)
        {
            fields = Room(fields, count);
            ulong commas = Masks(ref origin, block, end, out int width, ref high, out ulong quotes, out ulong breaks);

            ulong mask = commas | quotes | breaks;
            while (mask != 0)
            {
                int p = block + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                if (p < skipUntil)
                {
                    continue;
                }

                byte b = data[p];
                if (inQuotes)
                {
                    if (b == (byte)'"')
                    {
                        if (p + 1 < end && data[p + 1] == (byte)'"')
                        {
                            fieldFlags |= Escaped;
                            skipUntil = p + 2;
                        }
                        else
                        {
                            inQuotes = false;
                            closeQuote = p;
                        }
                    }
                    else if (b != (byte)',')
                    {
                        // A line break inside a quoted field: a line of the file, not the end of the row.
                        if (b == (byte)'\r' && p + 1 < end && data[p + 1] == (byte)'\n')
                        {
                            skipUntil = p + 2;
                        }

                        _lines++;
                    }

                    continue;
                }

                if (b == (byte)'"')
                {
                    if (p == fieldStart)
                    {
                        inQuotes = true;
                        fieldFlags |= Quoted;
                    }
                    else
                    {
                        fieldFlags |= MalformedField;
                    }

                    continue;
                }

                byte closed = Close(fieldFlags, closeQuote, p);
                ref var field = ref fields[count++];
                field.Start = fieldStart;
                field.End = p;
                field.Flags = closed;
                rowFlags |= closed;
                fieldStart = p + 1;
                fieldFlags = 0;
                closeQuote = -1;
                if (b != (byte)',')
                {
                    return EndRow(count, rowFlags, high, p);
                }
            }

            block += width;
        }

        // The text ends inside the row: the last row of the text has no line break, or a quoted field is never closed.
        if (inQuotes)
        {
            Unterminated = true;
            fieldFlags |= MalformedField;
        }

        byte last = Close(fieldFlags, closeQuote, end);
        ref var lastField = ref fields[count++];
        lastField.Start = fieldStart;
        lastField.End = end;
        lastField.Flags = last;
        return EndText(count, (byte)(rowFlags | last), high);
    }

    /// <summary>Ends the current row at the end of the text (its last field written).</summary>
    private bool EndText(int count, byte rowFlags, ulong high)
    {
        RowEnd = _end;
        FieldCount = count;
        Malformed = (rowFlags & MalformedField) != 0;
        MayBeNonAscii = high != 0;
        _pos = _end;
        return true;
    }

    /// <summary>Ends the current row at the line break at <paramref name="p"/> (its last field written).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool EndRow(int count, byte rowFlags, ulong high, int p)
    {
        RowEnd = p;
        FieldCount = count;
        Malformed = (rowFlags & MalformedField) != 0;
        MayBeNonAscii = high != 0;
        _lines++;
        var data = _data;
        _pos = data[p] == (byte)'\r' && p + 1 < _end && data[p + 1] == (byte)'\n' ? p + 2 : p + 1;
        return true;
    }

    /// <summary>The flags of a field that ends at <paramref name="end"/>: malformed when quoted and the closing quote is not its last byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Close(byte flags, int closeQuote, int end) =>
        (flags & Quoted) != 0 && closeQuote != end - 1 ? (byte)(flags | MalformedField) : flags;

    /// <summary>The field array with room for the fields a block can end (64) and the text's end (one more).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Field[] Room(Field[] fields, int count) => fields.Length - count <= 64 ? Grow(count + 65) : fields;

    /// <summary>
    /// The commas (returned), quotes and line breaks (CR or LF) in the block of bytes from <paramref name="offset"/>
    /// before <paramref name="end"/>, one bit each; ORs into <paramref name="high"/> the bytes of the block that are
    /// not ASCII (bytes past the row too: a superset, never less).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Masks(ref byte origin, int offset, int end, out int width, ref ulong high, out ulong quotes, out ulong breaks)
    {
        ulong commas = Masks(ref origin, offset, out width, ref high, out quotes, out breaks);
        if (end - offset < width)
        {
            ulong inside = (1UL << (end - offset)) - 1;
            commas &= inside;
            quotes &= inside;
            breaks &= inside;
        }

        return commas;
    }

    /// <summary>The masks of <see cref="Masks(ref byte, int, int, out int, ref ulong, out ulong, out ulong)"/> for a whole block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Masks(ref byte origin, int offset, out int width, ref ulong high, out ulong quotes, out ulong breaks)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.LoadUnsafe(ref origin, (nuint)offset);
            width = Vector512<byte>.Count;
            high |= v.ExtractMostSignificantBits();
            quotes = Vector512.Equals(v, Vector512.Create((byte)'"')).ExtractMostSignificantBits();
            breaks = (Vector512.Equals(v, Vector512.Create((byte)'\n')) | Vector512.Equals(v, Vector512.Create((byte)'\r'))).ExtractMostSignificantBits();
            return Vector512.Equals(v, Vector512.Create((byte)',')).ExtractMostSignificantBits();
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.LoadUnsafe(ref origin, (nuint)offset);
            width = Vector256<byte>.Count;
            high |= v.ExtractMostSignificantBits();
            quotes = Vector256.Equals(v, Vector256.Create((byte)'"')).ExtractMostSignificantBits();
            breaks = (Vector256.Equals(v, Vector256.Create((byte)'\n')) | Vector256.Equals(v, Vector256.Create((byte)'\r'))).ExtractMostSignificantBits();
            return Vector256.Equals(v, Vector256.Create((byte)',')).ExtractMostSignificantBits();
        }

        var w = Vector128.LoadUnsafe(ref origin, (nuint)offset);
        width = Vector128<byte>.Count;
        high |= w.ExtractMostSignificantBits();
        quotes = Vector128.Equals(w, Vector128.Create((byte)'"')).ExtractMostSignificantBits();
        breaks = (Vector128.Equals(w, Vector128.Create((byte)'\n')) | Vector128.Equals(w, Vector128.Create((byte)'\r'))).ExtractMostSignificantBits();
        return Vector128.Equals(w, Vector128.Create((byte)',')).ExtractMostSignificantBits();
    }

    /// <summary>A larger field array, with room for <paramref name="needed"/> fields (the current row's kept).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Field[] Grow(int needed)
    {
        Array.Resize(ref _fields, Math.Max(needed, _fields.Length * 2));
        return _fields;
    }

    /// <summary>A field of a row: raw offsets (quotes included) and flags.</summary>
    internal struct Field
    {
        /// <summary>First byte (raw).</summary>
        public int Start;

        /// <summary>End (raw, exclusive).</summary>
        public int End;

        /// <summary><see cref="Quoted"/>, <see cref="Escaped"/>, <see cref="MalformedField"/>.</summary>
        public byte Flags;
    }
}
