namespace CollabMetrics.IO;

/// <summary>
/// Reads lines (ended by LF, CR LF or a lone CR) from a <see cref="TextReader"/> through one reused buffer, never
/// holding more than <c>maxLineLength</c> characters of a line: a longer line is skipped to its end and reported
/// through <see cref="LastLineTooLong"/>, so memory stays bounded whatever the input.
/// </summary>
internal sealed class LineReader
{
    private readonly TextReader _reader;
    private readonly int _maxLineLength;
    private readonly char[] _buffer = new char[1 << 16];
    private char[] _line = new char[256];
    private int _pos;
    private int _len;
    private bool _eof;
    private bool _afterCr;
    private bool _skipRest;

    public LineReader(TextReader reader, int maxLineLength)
    {
        _reader = reader;
        _maxLineLength = maxLineLength;
    }

    /// <summary>Whether the last line returned was longer than the limit: it is returned empty.</summary>
    public bool LastLineTooLong { get; private set; }

    /// <summary>The length of the last line, counted even when it was too long to keep.</summary>
    public long LastLineLength { get; private set; }

    /// <summary>
    /// The next line without its line end, or null at the end of the input. A line over the limit is returned
    /// (empty, with <see cref="LastLineTooLong"/>) as soon as it goes over, so that a caller can stop at once; its
    /// rest is skipped by the next call.
    /// </summary>
    public string? ReadLine()
    {
        if (_skipRest)
        {
            _skipRest = false;
            SkipToLineEnd();
        }

        int length = 0;
        long total = 0;
        bool tooLong = false;
        bool any = false;
        while (true)
        {
            if (_pos >= _len)
            {
                if (_eof || !Fill())
                {
                    if (!any)
                    {
                        return null;
                    }

                    return Finish(length, total, tooLong);
                }
            }

            if (_afterCr)
            {
                _afterCr = false;
                if (_buffer[_pos] == '\n')
                {
                    _pos++;
                    continue;
                }
            }

            any = true;
            var rest = _buffer.AsSpan(_pos, _len - _pos);
            int end = rest.IndexOfAny('\r', '\n');
            int take = end < 0 ? rest.Length : end;
            total += take;
            if (!tooLong)
            {
                if (length + take > _maxLineLength)
                {
                    // Over the limit: report it now, skip the rest on the next call.
                    if (end < 0)
                    {
                        _pos = _len;
                        _skipRest = true;
                    }
                    else
                    {
                        _afterCr = rest[end] == '\r';
                        _pos += end + 1;
                    }

                    return Finish(0, total, tooLong: true);
                }
                else
                {
                    if (length + take > _line.Length)
                    {
                        Array.Resize(ref _line, Math.Min(Math.Max(_line.Length * 2, length + take), Math.Max(_maxLineLength, 256)));
                    }

                    rest[..take].CopyTo(_line.AsSpan(length));
                    length += take;
                }
            }

            if (end < 0)
            {
                _pos = _len;
                continue;
            }

            _afterCr = rest[end] == '\r';
            _pos += end + 1;
            return Finish(length, total, tooLong);
        }
    }

    private void SkipToLineEnd()
    {
        while (_pos < _len || (!_eof && Fill()))
        {
            var rest = _buffer.AsSpan(_pos, _len - _pos);
            int end = rest.IndexOfAny('\r', '\n');
            if (end >= 0)
            {
                _afterCr = rest[end] == '\r';
                _pos += end + 1;
                return;
            }

            _pos = _len;
        }
    }

    private string Finish(int length, long total, bool tooLong)
    {
        LastLineTooLong = tooLong;
        LastLineLength = total;
        return tooLong || length == 0 ? string.Empty : new string(_line, 0, length);
    }

    private bool Fill()
    {
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        if (_len <= 0)
        {
            _len = 0;
            _eof = true;
            return false;
        }

        return true;
    }
}
