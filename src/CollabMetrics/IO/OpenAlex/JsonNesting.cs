namespace CollabMetrics.IO.OpenAlex;

/// <summary>
/// The nesting of JSON objects and arrays outside strings, followed byte by byte (strings and their escapes skipped):
/// enough to find where a value ends without parsing it.
/// </summary>
internal struct JsonNesting
{
    private bool _inString;
    private bool _escape;

    /// <summary>How many objects and arrays are open (negative after a stray closing bracket).</summary>
    public int Depth { get; private set; }

    /// <summary>Whether the last byte fed left a string open.</summary>
    public readonly bool InString => _inString;

    /// <summary>How far <see cref="Feed"/> went.</summary>
    public enum Stop
    {
        /// <summary>Every byte was fed.</summary>
        End,

        /// <summary>The outermost value closed at the byte before the returned index.</summary>
        Closed,

        /// <summary>A line feed (in or out of a string) at the returned index, not fed.</summary>
        LineFeed,

        /// <summary>An object or array would open past the depth limit, at the returned index.</summary>
        TooDeep,
    }

    /// <summary>
    /// Feeds <paramref name="bytes"/> until the outermost value closes, or (with <paramref name="stopAtLineFeed"/>) a
    /// line feed comes, or an object or array would open deeper than <paramref name="maxDepth"/>.
    /// </summary>
    /// <returns>Where it stopped: for <see cref="Stop.Closed"/> the index just past the closing bracket; otherwise the index of the byte it stopped at, or the length.</returns>
    public Stop Feed(ReadOnlySpan<byte> bytes, out int index, bool stopAtLineFeed = false, int maxDepth = int.MaxValue)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            if (stopAtLineFeed && b == (byte)'\n')
            {
                index = i;
                return Stop.LineFeed;
            }

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
                }
            }
            else if (b == (byte)'"')
            {
                _inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                if (Depth >= maxDepth)
                {
                    index = i;
                    return Stop.TooDeep;
                }

                Depth++;
            }
            else if (b is (byte)'}' or (byte)']' && --Depth == 0)
            {
                index = i + 1;
                return Stop.Closed;
            }
        }

        index = bytes.Length;
        return Stop.End;
    }
}
