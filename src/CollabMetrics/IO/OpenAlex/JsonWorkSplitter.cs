using System.Buffers;

namespace CollabMetrics.IO.OpenAlex;

/// <summary>What <see cref="JsonWorkSplitter.Next"/> found.</summary>
internal enum SplitResult
{
    /// <summary>No more input.</summary>
    End = 0,

    /// <summary>A complete work: a JSON object, or one line of JSON Lines (not parsed yet).</summary>
    Element = 1,

    /// <summary>The input ends inside a work; the element holds what there was.</summary>
    TruncatedElement = 2,

    /// <summary>The input is broken outside any work (see <see cref="JsonWorkSplitter.Error"/>); nothing more can be read.</summary>
    StructuralError = 3,

    /// <summary>A work larger than a limit (bytes or depth, see <see cref="JsonWorkSplitter.Error"/>), skipped without buffering it; reading goes on after it.</summary>
    TooLarge = 4,
}

/// <summary>
/// Cuts an OpenAlex input into the bytes of one work at a time, reading the stream through one reused buffer:
/// a JSON array of works, an API response (<c>{"meta": ..., "results": [...]}</c>), concatenated objects, or
/// JSON Lines. It tracks only nesting and strings; each work is then parsed (and validated) on its own.
/// </summary>
/// <remarks>
/// JSON Lines is recognised when the file name says so (.jsonl, .ndjson) and the input is not a JSON array saved under
/// that name (<see cref="JsonLinesProbe.BracketFirstLine"/>), or when the first top-level object fits on one line; from then on the input is split at line feeds (vectorized search), so a bad line never
/// affects the next one.
/// </remarks>
internal sealed class JsonWorkSplitter : IDisposable
{
    private const int ChunkSize = 1 << 16;
    private const int MaxKeyLength = 16;

    private Stream _stream;
    private readonly int _maxRecordBytes;
    private readonly int _maxDepth;
    private byte[] _chunk;
    private byte[] _element;
    private readonly byte[] _key = new byte[MaxKeyLength];
    private int _pos;
    private int _len;
    private int _elementLength;
    private bool _eof;
    private bool _started;
    private bool _lines;

    // Scanner state (array, API response and concatenated objects).
    private long _line = 1;
    private int _depth;
    private bool _inString;
    private bool _escape;
    private Top _top;
    private bool _inResults;
    private bool _expectKey;
    private bool _readingKey;
    private int _keyLength;
    private bool _lastKeyIsResults;
    private bool _capturing;
    private int _captureBase;
    private int _captureStart;
    private long _elementLine;
    private bool _oversize;
    private bool _tooDeep;
    private bool _expectResultsValue;
    private bool _skipLine;
    private bool _oversizeReported;

    public JsonWorkSplitter(Stream stream, bool jsonLinesHint, ReadLimits? limits = null)
    {
        limits ??= ReadLimits.Default;
        _maxRecordBytes = limits.MaxRecordBytes;
        _maxDepth = limits.MaxJsonDepth;
        _stream = stream;
        _lines = jsonLinesHint;
        _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        _element = ArrayPool<byte>.Shared.Rent(ChunkSize);
    }

    private enum Top
    {
        None,
        Array,
        Object,
        Wrapper,
    }

    /// <summary>Whether the input is being read as JSON Lines.</summary>
    public bool IsJsonLines => _lines;

    /// <summary>Whether the current element is a member of an array (positions are record numbers) rather than a line.</summary>
    public bool InArray => _top is Top.Array or Top.Wrapper;

    /// <summary>The line the last element starts on (1-based).</summary>
    public long ElementLine => _elementLine;

    /// <summary>For <see cref="SplitResult.StructuralError"/> and <see cref="SplitResult.TruncatedElement"/>: what is wrong.</summary>
    public string? Error { get; private set; }

    /// <summary>For <see cref="SplitResult.StructuralError"/>: whether the input ended early (rather than being malformed).</summary>
    public bool ErrorIsTruncation { get; private set; }

    /// <summary>For JSON Lines: whether the last line ended with a line feed (false for a final unterminated line).</summary>
    public bool LineTerminated { get; private set; }

    /// <summary>Finds the next work. <paramref name="element"/> is valid until the next call.</summary>
    public SplitResult Next(out ReadOnlySpan<byte> element)
    {
        element = default;
        _elementLength = 0;
        if (!_started)
        {
            _started = true;
            if (!Start())
            {
                return SplitResult.End;
            }
        }

        return _lines ? NextLine(out element) : NextScanned(out element);
    }

    public void Dispose()
    {
        if (_chunk.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_chunk);
            ArrayPool<byte>.Shared.Return(_element);
            _chunk = [];
            _element = [];
        }
    }

    /// <summary>Skips a UTF-8 byte order mark and leading white space; decides JSON Lines by name only when the input starts with an object.</summary>
    private bool Start()
    {
        if (!Fill())
        {
            return false;
        }

        if (_len >= 3 && _chunk[0] == 0xEF && _chunk[1] == 0xBB && _chunk[2] == 0xBF)
        {
            _pos = 3;
        }

        while (true)
        {
            while (_pos < _len)
            {
                byte b = _chunk[_pos];
                if (b == (byte)'\n')
                {
                    _line++;
                }
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    // Named JSON Lines: read line by line unless it is a JSON array (a first line that is not a
                    // work is then a bad line, and the works after it are read).
                    if (_lines && b == (byte)'[')
                    {
                        _lines = BracketLines();
                    }

                    return true;
                }

                _pos++;
            }

            if (!Fill())
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Named JSON Lines starting with <c>[</c> at <see cref="_pos"/>: decides as <see cref="JsonLinesProbe.BracketFirstLine"/>,
    /// reading ahead of the buffer as far as it needs; what it read ahead is read again from <see cref="_stream"/>.
    /// </summary>
    private bool BracketLines()
    {
        if (JsonLinesProbe.BracketFirstLine(_chunk.AsSpan(_pos, _len - _pos), _eof) is { } decided)
        {
            return decided;
        }

        var ahead = new byte[Math.Max(ChunkSize, 2 * (_len - _pos))];
        _chunk.AsSpan(_pos, _len - _pos).CopyTo(ahead);
        int length = _len - _pos;
        Exception? pending = null;
        bool ended = false;
        bool? lines;
        while ((lines = JsonLinesProbe.BracketFirstLine(ahead.AsSpan(0, length), ended)) is null)
        {
            if (length == ahead.Length)
            {
                Array.Resize(ref ahead, ahead.Length * 2);
            }

            try
            {
                int n = _stream.Read(ahead, length, ahead.Length - length);
                ended = n == 0;
                length += n;
            }
            catch (CompressedInputException ex)
            {
                // Reported where the reading reaches it, after the bytes before it.
                pending = ex;
                ended = true;
            }
        }

        int read = length - (_len - _pos);
        if (read > 0 || pending is not null)
        {
            _stream = new PrefixedStream(ahead[(_len - _pos)..length], read, _stream, pending);
        }

        return lines.Value;
    }

    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        _len = _stream.Read(_chunk, 0, _chunk.Length);
        _pos = 0;
        if (_len == 0)
        {
            _eof = true;
            return false;
        }

        return true;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_elementLength + bytes.Length > _element.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_element.Length * 2, _elementLength + bytes.Length));
            _element.AsSpan(0, _elementLength).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_element);
            _element = bigger;
        }

        bytes.CopyTo(_element.AsSpan(_elementLength));
        _elementLength += bytes.Length;
    }

    private SplitResult NextLine(out ReadOnlySpan<byte> element)
    {
        if (_skipLine)
        {
            // The rest of a line that was over the limit.
            _skipLine = false;
            while (true)
            {
                if (_pos < _len)
                {
                    int newline = _chunk.AsSpan(_pos, _len - _pos).IndexOf((byte)'\n');
                    if (newline >= 0)
                    {
                        _pos += newline + 1;
                        _line++;
                        break;
                    }

                    _pos = _len;
                }

                if (!Fill())
                {
                    element = default;
                    return SplitResult.End;
                }
            }
        }

        while (true)
        {
            if (_pos < _len)
            {
                var rest = _chunk.AsSpan(_pos, _len - _pos);
                int newline = rest.IndexOf((byte)'\n');
                int take = newline >= 0 ? newline : rest.Length;
                if (_elementLength + take > _maxRecordBytes)
                {
                    // Over the limit: reported at once; what was kept is dropped and the rest of the line skipped.
                    _elementLine = _line;
                    _elementLength = 0;
                    if (newline >= 0)
                    {
                        _pos += newline + 1;
                        _line++;
                    }
                    else
                    {
                        _pos = _len;
                        _skipLine = true;
                    }

                    LineTerminated = newline >= 0;
                    element = default;
                    return TooLong();
                }

                if (newline >= 0)
                {
                    ReadOnlySpan<byte> line;
                    if (_elementLength == 0)
                    {
                        line = rest[..newline];
                    }
                    else
                    {
                        Append(rest[..newline]);
                        line = _element.AsSpan(0, _elementLength);
                    }

                    _pos += newline + 1;
                    _elementLine = _line++;
                    line = line.Trim(" \t\r"u8);
                    if (line.IsEmpty)
                    {
                        _elementLength = 0;
                        continue;
                    }

                    LineTerminated = true;
                    element = line;
                    return SplitResult.Element;
                }

                Append(rest);
                _pos = _len;
            }

            if (!Fill())
            {
                var last = _element.AsSpan(0, _elementLength).Trim(" \t\r"u8);
                if (last.IsEmpty)
                {
                    element = default;
                    return SplitResult.End;
                }

                _elementLine = _line;
                _elementLength = 0;
                LineTerminated = false;
                element = last;
                return SplitResult.Element;
            }
        }
    }

    /// <summary>The message for a work over <see cref="ReadLimits.MaxRecordBytes"/>.</summary>
    internal static string TooLongMessage(int maxRecordBytes) =>
        ReadContext.TooLargeMessage("the work", nameof(ReadLimits.MaxRecordBytes), maxRecordBytes, "--max-record-size");

    private SplitResult TooLong()
    {
        Error = TooLongMessage(_maxRecordBytes);
        return SplitResult.TooLarge;
    }

    private SplitResult NextScanned(out ReadOnlySpan<byte> element)
    {
        element = default;
        while (true)
        {
            if (_pos >= _len)
            {
                if (_capturing)
                {
                    AppendCapture(_chunk.AsSpan(_captureStart, _len - _captureStart));
                    _captureStart = 0;
                    if (_oversize && !_oversizeReported)
                    {
                        // Reported at once; the rest of the work is scanned past on the next call.
                        _oversizeReported = true;
                        _pos = _len;
                        return TooLong();
                    }
                }

                if (!Fill())
                {
                    return AtEnd(out element);
                }
            }

            var chunk = _chunk;
            int len = _len;
            for (int i = _pos; i < len; i++)
            {
                byte b = chunk[i];
                if (_inString)
                {
                    if (_escape)
                    {
                        _escape = false;
                    }
                    else if (b == (byte)'\\')
                    {
                        _escape = true;
                    }
                    else if (b == (byte)'"')
                    {
                        _inString = false;
                        if (_readingKey)
                        {
                            _readingKey = false;
                            _lastKeyIsResults = _keyLength == 7 && _key.AsSpan(0, 7).SequenceEqual("results"u8);
                            if (_lastKeyIsResults && _top == Top.Object)
                            {
                                // An API response, not a work: stop capturing and look for works inside "results".
                                _top = Top.Wrapper;
                                _capturing = false;
                                _elementLength = 0;
                                _oversize = false;
                                _tooDeep = false;
                            }

                            _expectResultsValue = _lastKeyIsResults && _top == Top.Wrapper && _depth == 1;
                        }
                    }
                    else if (_readingKey)
                    {
                        if (_keyLength < MaxKeyLength)
                        {
                            _key[_keyLength] = b;
                        }

                        _keyLength++;
                    }
                    else if (b == (byte)'\n')
                    {
                        _line++;
                    }

                    continue;
                }

                if (_expectResultsValue && b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)':'))
                {
                    _expectResultsValue = false;
                    if (b != (byte)'[')
                    {
                        _pos = i;
                        return Structural(false, $"the response's \"results\" (line {_line}) is not an array of works.");
                    }
                }

                switch (b)
                {
                    case (byte)' ' or (byte)'\t' or (byte)'\r':
                        break;
                    case (byte)'\n':
                        _line++;
                        break;
                    case (byte)',':
                        if (_depth == 1)
                        {
                            _expectKey = true;
                        }

                        break;
                    case (byte)':':
                        if (_depth == 1)
                        {
                            _expectKey = false;
                        }

                        break;
                    case (byte)'"':
                        if (!_capturing && AtElementLevel)
                        {
                            _pos = i;
                            return Structural(false, "an element of the works array is a string, not a work object.");
                        }

                        _inString = true;
                        if (_depth == 1 && _expectKey && _top is Top.Object or Top.Wrapper)
                        {
                            _readingKey = true;
                            _keyLength = 0;
                        }

                        break;
                    case (byte)'{' or (byte)'[':
                        if (_depth == 0)
                        {
                            if (b == (byte)'[')
                            {
                                _top = Top.Array;
                            }
                            else
                            {
                                _top = Top.Object;
                                _expectKey = true;
                                StartCapture(i, 0);
                            }
                        }
                        else if (!_capturing && AtElementLevel)
                        {
                            if (b == (byte)'[')
                            {
                                _pos = i;
                                return Structural(false, "an element of the works array is an array, not a work object.");
                            }

                            StartCapture(i, _depth);
                        }
                        else if (_capturing && _depth - _captureBase >= _maxDepth)
                        {
                            _tooDeep = true;
                        }
                        else if (_top == Top.Wrapper && _depth == 1 && b == (byte)'[' && _lastKeyIsResults)
                        {
                            _inResults = true;
                        }

                        _depth++;
                        break;
                    case (byte)'}' or (byte)']':
                        _depth--;
                        if (_depth < 0)
                        {
                            _pos = i;
                            return Structural(false, $"unexpected '{(char)b}' at line {_line}.");
                        }

                        if (_capturing && _depth == _captureBase)
                        {
                            if (_oversizeReported)
                            {
                                // The end of a work already reported as too large: go on to the next one.
                                _capturing = false;
                                _oversize = false;
                                _oversizeReported = false;
                                _tooDeep = false;
                                _elementLength = 0;
                                if (_top == Top.Object && _depth == 0)
                                {
                                    _top = Top.None;
                                }

                                break;
                            }

                            _pos = i + 1;
                            return EndCapture(i + 1, out element);
                        }

                        if (_top == Top.Wrapper && _inResults && _depth == 1)
                        {
                            _inResults = false;
                        }

                        if (_depth == 0)
                        {
                            _top = Top.None;
                        }

                        break;
                    default:
                        if (_depth == 0 || (!_capturing && AtElementLevel))
                        {
                            _pos = i;
                            return Structural(false, $"unexpected '{(char)b}' at line {_line} where a work object should start.");
                        }

                        break;
                }
            }

            _pos = len;
        }
    }

    /// <summary>Whether a value here is a work: a member of the top-level array or of the response's "results".</summary>
    private bool AtElementLevel => (_top == Top.Array && _depth == 1) || (_top == Top.Wrapper && _inResults && _depth == 2);

    private void StartCapture(int index, int baseDepth)
    {
        _oversizeReported = false;
        _oversize = false;
        _tooDeep = false;
        _capturing = true;
        _captureBase = baseDepth;
        _captureStart = index;
        _elementLength = 0;
        _elementLine = _line;
    }

    private void AppendCapture(ReadOnlySpan<byte> bytes)
    {
        if (_oversize)
        {
            return;
        }

        if (_elementLength + bytes.Length > _maxRecordBytes)
        {
            _oversize = true;
            _elementLength = 0;
            return;
        }

        Append(bytes);
    }

    private SplitResult EndCapture(int end, out ReadOnlySpan<byte> element)
    {
        _capturing = false;
        if (_top == Top.Object && _depth == 0)
        {
            _top = Top.None;
            _lines = _elementLine == _line;
        }

        if (_oversize || _elementLength + (end - (_elementLength == 0 ? _captureStart : 0)) > _maxRecordBytes)
        {
            _oversize = false;
            _tooDeep = false;
            _elementLength = 0;
            element = default;
            return TooLong();
        }

        if (_tooDeep)
        {
            _tooDeep = false;
            _elementLength = 0;
            element = default;
            Error = ReadContext.TooLargeMessage("the nesting of objects and arrays in the work", nameof(ReadLimits.MaxJsonDepth), _maxDepth, "--max-json-depth");
            return SplitResult.TooLarge;
        }

        if (_elementLength == 0)
        {
            element = _chunk.AsSpan(_captureStart, end - _captureStart);
        }
        else
        {
            Append(_chunk.AsSpan(0, end));
            element = _element.AsSpan(0, _elementLength);
        }

        return SplitResult.Element;
    }

    private SplitResult AtEnd(out ReadOnlySpan<byte> element)
    {
        element = default;
        if (_capturing && _oversizeReported)
        {
            // The file ends inside a work already reported as too large.
            _capturing = false;
            _oversize = false;
            _oversizeReported = false;
            element = default;
            return SplitResult.End;
        }

        if (_capturing)
        {
            _capturing = false;
            element = _oversize ? default : _element.AsSpan(0, _elementLength);
            _oversize = false;
            Error = "the input ends inside this work (the file is truncated).";
            _depth = 0;
            _eof = true;
            return SplitResult.TruncatedElement;
        }

        if (_depth > 0 || _inString)
        {
            _depth = 0;
            _inString = false;
            return Structural(true, _top == Top.Array
                ? "the input ends before the closing ']' of the works array (the file is truncated)."
                : "the input ends before the closing '}' of the response object (the file is truncated).");
        }

        return SplitResult.End;
    }

    private SplitResult Structural(bool truncated, string message)
    {
        Error = message;
        ErrorIsTruncation = truncated;
        _eof = true;
        _len = 0;
        _pos = 0;
        _capturing = false;
        _depth = 0;
        _lines = false;
        return SplitResult.StructuralError;
    }
}
