using System.Buffers;
using System.Buffers.Text;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace CollabMetrics.IO.OpenAlex;

/// <summary>
/// A forward-only scanner over the UTF-8 bytes of one JSON object that accepts only what <see cref="System.Text.Json.Utf8JsonReader"/>
/// accepts with the OpenAlex parser's options (no comments, no trailing commas, a depth limit): strings closed and
/// free of raw control characters, escapes well formed, numbers by the JSON grammar, the literals <c>true</c>,
/// <c>false</c> and <c>null</c>, commas and colons in place, brackets balanced. Values that are not wanted are skipped
/// with vectorized searches (<see cref="SearchValues{T}"/> over <c>"</c>, <c>\</c> and control bytes inside strings).
/// Every method returns false, never throws, when the input is not what it expects: the caller then gives the work to
/// the reference parser, which reports the error. It allocates nothing.
/// </summary>
internal ref struct Utf8JsonScanner
{
    /// <summary>The bytes that end a run of plain string content: the quote, the backslash and the control bytes JSON forbids raw.</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
            (byte)'"', (byte)'\\',
        ]);

    /// <summary>The deepest container nesting skipped in one value with a 64-bit stack of container kinds.</summary>
    private const int MaxSkipLevels = 64;

    private readonly ReadOnlySpan<byte> _json;
    private readonly int _maxDepth;
    private int _pos;
    private int _depth;

    /// <param name="json">The bytes of one JSON value.</param>
    /// <param name="maxDepth">The most objects and arrays open at once; a deeper input is given up.</param>
    public Utf8JsonScanner(ReadOnlySpan<byte> json, int maxDepth)
    {
        _json = json;
        _maxDepth = maxDepth;
    }

    /// <summary>
    /// The next byte that is not JSON whitespace (space, tab, line feed, carriage return), the scanner moved onto it;
    /// 0 at the end of the input (0 starts no JSON token, so a caller expecting a token fails either way).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Peek()
    {
        // Compact JSON has no whitespace between tokens: the common case is one comparison, inlined.
        if ((uint)_pos < (uint)_json.Length && _json[_pos] > (byte)' ')
        {
            return _json[_pos];
        }

        return PeekPastWhitespace();
    }

    private byte PeekPastWhitespace()
    {
        var json = _json;
        int pos = _pos;
        while ((uint)pos < (uint)json.Length)
        {
            byte b = json[pos];
            if (b > (byte)' ' || (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\n' && b != (byte)'\r'))
            {
                _pos = pos;
                return b;
            }

            pos++;
        }

        _pos = pos;
        return 0;
    }

    /// <summary>Whether nothing but whitespace is left.</summary>
    public bool AtEnd()
    {
        Peek();
        return _pos == _json.Length;
    }

    /// <summary>Reads <c>{</c>; <paramref name="hasMembers"/> is false when <c>}</c> follows at once (also read).</summary>
    public bool BeginObject(out bool hasMembers) => Begin((byte)'{', (byte)'}', out hasMembers);

    /// <summary>Reads <c>[</c>; <paramref name="hasItems"/> is false when <c>]</c> follows at once (also read).</summary>
    public bool BeginArray(out bool hasItems) => Begin((byte)'[', (byte)']', out hasItems);

    private bool Begin(byte open, byte close, out bool hasContent)
    {
        hasContent = false;
        if (Peek() != open || _depth >= _maxDepth)
        {
            return false;
        }

        _pos++;
        if (Peek() == close)
        {
            _pos++;
            return true;
        }

        _depth++;
        hasContent = true;
        return true;
    }

    /// <summary>
    /// Reads a member's key and its colon. A key with an escape is given up (the reference parser matches keys
    /// unescaped). After a comma, a key must follow: a trailing comma fails here.
    /// </summary>
    public bool ReadKey(out ReadOnlySpan<byte> key)
    {
        key = default;
        if (Peek() != (byte)'"')
        {
            return false;
        }

        int start = _pos + 1;
        if (!SkipString(out bool escaped) || escaped)
        {
            return false;
        }

        key = _json.Slice(start, _pos - 1 - start);
        if (Peek() != (byte)':')
        {
            return false;
        }

        _pos++;
        return true;
    }

    /// <summary>After a member's value: a comma (<paramref name="more"/>) or the object's <c>}</c>.</summary>
    public bool EndMember(out bool more) => End((byte)'}', out more);

    /// <summary>After an array item: a comma (<paramref name="more"/>) or the array's <c>]</c>.</summary>
    public bool EndItem(out bool more) => End((byte)']', out more);

    private bool End(byte close, out bool more)
    {
        byte b = Peek();
        if (b == (byte)',')
        {
            _pos++;
            more = true;
            return true;
        }

        more = false;
        if (b == close)
        {
            _pos++;
            _depth--;
            return true;
        }

        return false;
    }

    /// <summary>Reads a string value: <paramref name="raw"/> is its content as written (escapes not undone).</summary>
    public bool ReadString(out ReadOnlySpan<byte> raw, out bool escaped)
    {
        raw = default;
        escaped = false;
        if (Peek() != (byte)'"')
        {
            return false;
        }

        int start = _pos + 1;
        if (!SkipString(out escaped))
        {
            return false;
        }

        raw = _json.Slice(start, _pos - 1 - start);
        return true;
    }

    /// <summary>Reads <c>null</c> when it comes next (true), leaving the scanner where it was otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadNull() => Peek() == (byte)'n' && ReadNullHere();

    private bool ReadNullHere()
    {
        if (_json.Slice(_pos).StartsWith("null"u8))
        {
            _pos += 4;
            return true;
        }

        return false;
    }

    /// <summary>Reads <c>true</c>, <c>false</c> or <c>null</c>; <paramref name="value"/> is null for <c>null</c>.</summary>
    public bool ReadLiteral(out bool? value)
    {
        value = null;
        switch (Peek())
        {
            case (byte)'t' when _json.Slice(_pos).StartsWith("true"u8):
                _pos += 4;
                value = true;
                return true;
            case (byte)'f' when _json.Slice(_pos).StartsWith("false"u8):
                _pos += 5;
                value = false;
                return true;
            case (byte)'n' when _json.Slice(_pos).StartsWith("null"u8):
                _pos += 4;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads a number by the JSON grammar: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    public bool ReadNumber(out ReadOnlySpan<byte> number)
    {
        number = default;
        Peek();
        var json = _json;
        int start = _pos;
        int pos = start;
        if ((uint)pos < (uint)json.Length && json[pos] == (byte)'-')
        {
            pos++;
        }

        if ((uint)pos >= (uint)json.Length)
        {
            return false;
        }

        if (json[pos] == (byte)'0')
        {
            pos++;
        }
        else if (!Digits(json, ref pos))
        {
            return false;
        }

        if ((uint)pos < (uint)json.Length && json[pos] == (byte)'.')
        {
            pos++;
            if (!Digits(json, ref pos))
            {
                return false;
            }
        }

        if ((uint)pos < (uint)json.Length && (json[pos] | 0x20) == (byte)'e')
        {
            pos++;
            if ((uint)pos < (uint)json.Length && (json[pos] == (byte)'+' || json[pos] == (byte)'-'))
            {
                pos++;
            }

            if (!Digits(json, ref pos))
            {
                return false;
            }
        }

        number = json.Slice(start, pos - start);
        _pos = pos;
        return true;
    }

    /// <summary>Reads a whole number of at most nine digits, no sign, fraction or exponent (the counts and years the parser keeps).</summary>
    public bool ReadSmallNatural(out int value)
    {
        value = 0;
        if (!ReadNumber(out var number) || number.Length > 9)
        {
            return false;
        }

        for (int i = 0; i < number.Length; i++)
        {
            uint digit = (uint)(number[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }

    /// <summary>Reads a number as <see cref="System.Text.Json.Utf8JsonReader.TryGetDouble"/> would (the same parse of the same text); false when it is not finite.</summary>
    public bool ReadDouble(out double value)
    {
        value = 0;
        if (!ReadNumber(out var number))
        {
            return false;
        }

        char format = number.IndexOfAny((byte)'e', (byte)'E') >= 0 ? 'e' : default;
        return Utf8Parser.TryParse(number, out value, out int consumed, format) && consumed == number.Length && double.IsFinite(value);
    }

    /// <summary>Skips one value of any kind, checking it as the reference parser's reader would.</summary>
    public bool SkipValue()
    {
        byte first = Peek();
        return first is (byte)'{' or (byte)'[' ? SkipContainer() : SkipScalar(first);
    }

    /// <summary>
    /// Skips an object or array: a loop over its values with a stack of container kinds (a bit each, 1 for an
    /// object) rather than recursion, each closing bracket checked against the container it closes.
    /// </summary>
    private bool SkipContainer()
    {
        ulong kinds = 0;
        int levels = 0;
        while (true)
        {
            byte b = Peek();
            if (b == (byte)'{' || b == (byte)'[')
            {
                if (levels == MaxSkipLevels || _depth >= _maxDepth)
                {
                    return false;
                }

                bool isObject = b == (byte)'{';
                _pos++;
                if (Peek() == (isObject ? (byte)'}' : (byte)']'))
                {
                    _pos++;
                }
                else
                {
                    kinds = (kinds << 1) | (isObject ? 1UL : 0UL);
                    levels++;
                    _depth++;
                    if (isObject && !SkipKey())
                    {
                        return false;
                    }

                    continue;
                }
            }
            else if (!SkipScalar(b))
            {
                return false;
            }

            // A value ended: close what ends here, then move on to the next item or member.
            while (true)
            {
                if (levels == 0)
                {
                    return true;
                }

                bool inObject = (kinds & 1) != 0;
                b = Peek();
                if (b == (byte)',')
                {
                    _pos++;
                    if (inObject && !SkipKey())
                    {
                        return false;
                    }

                    break;
                }

                if (b != (inObject ? (byte)'}' : (byte)']'))
                {
                    return false;
                }

                _pos++;
                kinds >>= 1;
                levels--;
                _depth--;
            }
        }
    }

    private bool SkipScalar(byte first)
    {
        switch (first)
        {
            case (byte)'"':
                return SkipString(out _);
            case (byte)'t':
            case (byte)'f':
            case (byte)'n':
                return ReadLiteral(out _);
            default:
                return ReadNumber(out _);
        }
    }

    /// <summary>A key of a skipped object (escapes allowed) and its colon.</summary>
    private bool SkipKey()
    {
        if (Peek() != (byte)'"' || !SkipString(out _) || Peek() != (byte)':')
        {
            return false;
        }

        _pos++;
        return true;
    }

    /// <summary>
    /// From the opening quote at the scanner's position to just after the closing one: runs of plain content found
    /// with one vectorized search each, escapes checked (<c>\" \\ \/ \b \f \n \r \t</c> and <c>\u</c> with four hex
    /// digits), a raw control byte or the end of the input refused.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool SkipString(out bool escaped)
    {
        // Most strings of a work (keys and values) are short and plain: their closing quote is the first stop in the
        // 64 bytes after the opening one (keys within 32; ids such as https://openalex.org/A5023888391 a few bytes
        // more), found with one or two vector compares, inlined. Anything else takes the loop.
        escaped = false;
        int start = _pos + 1;
        if (Vector256.IsHardwareAccelerated && start <= _json.Length - Vector256<byte>.Count)
        {
            ref byte first = ref MemoryMarshal.GetReference(_json);
            uint mask = StringStops256(Vector256.LoadUnsafe(ref first, (nuint)start));
            if (mask == 0 && start <= _json.Length - (2 * Vector256<byte>.Count))
            {
                start += Vector256<byte>.Count;
                mask = StringStops256(Vector256.LoadUnsafe(ref first, (nuint)start));
            }

            if (mask != 0)
            {
                int end = start + BitOperations.TrailingZeroCount(mask);
                if (_json[end] == (byte)'"')
                {
                    _pos = end + 1;
                    return true;
                }
            }
        }

        return SkipStringLoop(out escaped);
    }

    /// <summary>As <see cref="SkipString"/>, the whole way: run after run, escapes checked.</summary>
    private bool SkipStringLoop(out bool escaped)
    {
        escaped = false;
        var json = _json;
        int pos = _pos + 1;
        while (true)
        {
            int run = IndexOfStringStop(json, pos);
            if (run < 0)
            {
                return false;
            }

            pos += run;
            byte b = json[pos];
            if (b == (byte)'"')
            {
                _pos = pos + 1;
                return true;
            }

            if (b != (byte)'\\' || !SkipEscape(json, ref pos))
            {
                return false;
            }

            escaped = true;
        }
    }

    /// <summary>
    /// Where the next <c>"</c>, <c>\</c> or control byte is from <paramref name="start"/>, or -1. With 256-bit vectors,
    /// 32 bytes at a time (most strings of a work, keys and values, end within the first 32 bytes), the last bytes of
    /// the input with one load that overlaps the bytes already searched (its lanes before <paramref name="start"/>
    /// masked off); else 16 bytes at a time and the tail with <see cref="SearchValues{T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfStringStop(ReadOnlySpan<byte> json, int start)
    {
        if (Vector256.IsHardwareAccelerated && json.Length >= Vector256<byte>.Count)
        {
            ref byte first = ref MemoryMarshal.GetReference(json);
            int pos = start;
            int last = json.Length - Vector256<byte>.Count;
            while (pos <= last)
            {
                uint mask = StringStops256(Vector256.LoadUnsafe(ref first, (nuint)pos));
                if (mask != 0)
                {
                    return pos - start + BitOperations.TrailingZeroCount(mask);
                }

                pos += Vector256<byte>.Count;
            }

            if (pos >= json.Length)
            {
                return -1;
            }

            // 1 to 31 bytes left: the last 32 bytes of the input, without the lanes before pos (searched already).
            uint tail = StringStops256(Vector256.LoadUnsafe(ref first, (nuint)last)) >> (pos - last);
            return tail == 0 ? -1 : pos - start + BitOperations.TrailingZeroCount(tail);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            ref byte first = ref MemoryMarshal.GetReference(json);
            int pos = start;
            while (pos <= json.Length - Vector128<byte>.Count)
            {
                var bytes = Vector128.LoadUnsafe(ref first, (nuint)pos);
                var stops = Vector128.Equals(bytes, Vector128.Create((byte)'"'))
                    | Vector128.Equals(bytes, Vector128.Create((byte)'\\'))
                    | Vector128.LessThan(bytes, Vector128.Create((byte)0x20));
                uint mask = stops.ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return pos - start + BitOperations.TrailingZeroCount(mask);
                }

                pos += Vector128<byte>.Count;
            }

            int rest = json.Slice(pos).IndexOfAny(StringStops);
            return rest < 0 ? -1 : pos - start + rest;
        }

        return json.Slice(start).IndexOfAny(StringStops);
    }

    /// <summary>A bit for each of 32 bytes that is <c>"</c>, <c>\</c> or a control byte (below 0x20: its top three bits clear).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint StringStops256(Vector256<byte> bytes)
    {
        var stops = Vector256.Equals(bytes, Vector256.Create((byte)'"'))
            | Vector256.Equals(bytes, Vector256.Create((byte)'\\'))
            | Vector256.Equals(bytes & Vector256.Create((byte)0xE0), Vector256<byte>.Zero);
        return stops.ExtractMostSignificantBits();
    }

    private static bool SkipEscape(ReadOnlySpan<byte> json, ref int pos)
    {
        if ((uint)(pos + 1) >= (uint)json.Length)
        {
            return false;
        }

        switch (json[pos + 1])
        {
            case (byte)'"':
            case (byte)'\\':
            case (byte)'/':
            case (byte)'b':
            case (byte)'f':
            case (byte)'n':
            case (byte)'r':
            case (byte)'t':
                pos += 2;
                return true;
            case (byte)'u':
                if (pos + 6 > json.Length || Hex4(json.Slice(pos + 2, 4)) < 0)
                {
                    return false;
                }

                pos += 6;
                return true;
            default:
                return false;
        }
    }

    private static bool Digits(ReadOnlySpan<byte> json, ref int pos)
    {
        int start = pos;
        while ((uint)pos < (uint)json.Length && (uint)(json[pos] - '0') <= 9)
        {
            pos++;
        }

        return pos > start;
    }

    /// <summary>The value of four hex digits, or -1.</summary>
    private static int Hex4(ReadOnlySpan<byte> hex)
    {
        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            int digit = HexDigit(hex[i]);
            if (digit < 0)
            {
                return -1;
            }

            value = (value << 4) | digit;
        }

        return value;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>
    /// Undoes the escapes of a string's content (checked by the scanner) into <paramref name="destination"/>, at
    /// least as long as <paramref name="raw"/>, as <see cref="System.Text.Json.Utf8JsonReader.CopyString(Span{byte})"/>
    /// does: false for a lone or reversed surrogate (which that method refuses).
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<byte> raw, Span<byte> destination, out int written)
    {
        written = 0;
        int i = 0;
        while (true)
        {
            int plain = raw.Slice(i).IndexOf((byte)'\\');
            if (plain < 0)
            {
                raw.Slice(i).CopyTo(destination.Slice(written));
                written += raw.Length - i;
                return true;
            }

            raw.Slice(i, plain).CopyTo(destination.Slice(written));
            written += plain;
            i += plain;
            byte kind = raw[i + 1];
            if (kind != (byte)'u')
            {
                destination[written++] = kind switch
                {
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    _ => kind,
                };
                i += 2;
                continue;
            }

            int scalar = Hex4(raw.Slice(i + 2, 4));
            i += 6;
            if (scalar is >= 0xD800 and <= 0xDFFF)
            {
                if (scalar >= 0xDC00 || i + 6 > raw.Length || raw[i] != (byte)'\\' || raw[i + 1] != (byte)'u')
                {
                    return false;
                }

                int low = Hex4(raw.Slice(i + 2, 4));
                if (low is < 0xDC00 or > 0xDFFF)
                {
                    return false;
                }

                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
            }

            written += new Rune(scalar).EncodeToUtf8(destination.Slice(written));
        }
    }
}
