namespace CollabMetrics.IO.OpenAlex;

/// <summary>
/// Decides from the start of an OpenAlex input whether it is read as JSON Lines, as <see cref="JsonWorkSplitter"/>
/// decides it: the name says so (.jsonl, .ndjson) and the input is not a JSON array (see <see cref="BracketFirstLine"/>), or the
/// first object fits on its line (with nothing after it on that line, and no "results" key that would make it an API response). When in doubt
/// the answer is no, and the input is read by the splitter as before.
/// </summary>
internal static class JsonLinesProbe
{
    /// <summary>How far the first object is looked for when the name does not say JSON Lines.</summary>
    private const int MaxProbe = 4 << 20;

    /// <summary>How far from its <c>[</c> a first line is looked at by <see cref="BracketFirstLine"/>.</summary>
    internal const int MaxBracketLookahead = 1 << 20;

    /// <summary>
    /// For an input named JSON Lines that starts with <c>[</c> (<paramref name="head"/> from that byte on): whether
    /// it is read line by line. It is when that first value closes on its own line and the next non-blank line starts
    /// with <c>{</c>: a bad first line of JSON Lines (<c>[1,2,3]</c>), skipped, with the works after it read. Otherwise
    /// (a JSON array over several lines, a file that is one array, arrays one after the other, a first line longer
    /// than <see cref="MaxBracketLookahead"/>) it is a JSON array. Null when more input is needed to tell; with
    /// <paramref name="ended"/> the answer is never null.
    /// </summary>
    internal static bool? BracketFirstLine(ReadOnlySpan<byte> head, bool ended)
    {
        var window = head.Length > MaxBracketLookahead ? head[..MaxBracketLookahead] : head;
        var nesting = default(JsonNesting);
        switch (nesting.Feed(window, out int j, stopAtLineFeed: true))
        {
            case JsonNesting.Stop.LineFeed:
                return false;
            case JsonNesting.Stop.End:
                return ended || head.Length >= MaxBracketLookahead ? false : null;
        }

        // The first value closed on its line: JSON Lines when a work follows on a later line.
        bool lineEnded = false;
        for (; j < head.Length && j < MaxBracketLookahead; j++)
        {
            byte b = head[j];
            if (b == (byte)'\n')
            {
                lineEnded = true;
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return lineEnded && b == (byte)'{';
            }
        }

        return ended || j >= MaxBracketLookahead ? false : null;
    }

    /// <summary>The decision and the input to read on.</summary>
    /// <param name="IsJsonLines">Whether the input is JSON Lines.</param>
    /// <param name="Rest">
    /// For JSON Lines, the input from its first work on (byte order mark and leading white space skipped); otherwise
    /// the whole input, as it was.
    /// </param>
    /// <param name="FirstLine">For JSON Lines, the line the first work starts on.</param>
    internal readonly record struct Outcome(bool IsJsonLines, Stream Rest, long FirstLine);

    internal static Outcome Run(Stream stream, bool nameSaysLines, ReadLimits limits)
    {
        var head = new byte[1 << 16];
        int length = 0;
        bool ended = false;
        Exception? pending = null;

        bool More()
        {
            if (ended)
            {
                return false;
            }

            if (length == head.Length)
            {
                if (head.Length >= MaxProbe)
                {
                    return false;
                }

                Array.Resize(ref head, head.Length * 2);
            }

            try
            {
                int n = stream.Read(head, length, head.Length - length);
                if (n == 0)
                {
                    ended = true;
                    return false;
                }

                length += n;
                return true;
            }
            catch (CompressedInputException ex)
            {
                pending = ex;
                ended = true;
                return false;
            }
        }

        while (length < 3 && More())
        {
        }

        int i = length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        long line = 1;
        while (true)
        {
            if (i == length && !More())
            {
                return Whole();
            }

            byte b = head[i];
            if (b == (byte)'\n')
            {
                line++;
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                break;
            }

            i++;
        }

        if (nameSaysLines ? head[i] == (byte)'[' && !BracketLinesAt(i) : head[i] != (byte)'{')
        {
            return Whole();
        }

        if (nameSaysLines || FirstObjectFitsItsLine(i))
        {
            // From the first work on: the leading bytes are dropped, the line they ended on is kept.
            Buffer.BlockCopy(head, i, head, 0, length - i);
            return new Outcome(true, new PrefixedStream(head, length - i, stream, pending), line);
        }

        return Whole();

        Outcome Whole() => new(false, new PrefixedStream(head, length, stream, pending), 1);

        bool BracketLinesAt(int start)
        {
            while (true)
            {
                if (BracketFirstLine(head.AsSpan(start, length - start), ended) is { } lines)
                {
                    return lines;
                }

                if (!More())
                {
                    // Ended (or the probe's limit reached): decided on what there is.
                    return BracketFirstLine(head.AsSpan(start, length - start), ended: true) ?? false;
                }
            }
        }

        bool FirstObjectFitsItsLine(int start)
        {
            // The first object, fed as the probe reads on (each read picks up where the last one stopped).
            var nesting = default(JsonNesting);
            int j = start;
            while (true)
            {
                int limit = (int)Math.Min(length, (long)start + limits.MaxRecordBytes);
                var stop = nesting.Feed(head.AsSpan(j, limit - j), out int fed, stopAtLineFeed: true, limits.MaxJsonDepth);
                j += fed;
                if (stop == JsonNesting.Stop.Closed)
                {
                    break;
                }

                if (stop != JsonNesting.Stop.End || limit < length || !More())
                {
                    // A line feed first, too deep, over the record limit, or the input ends inside it.
                    return false;
                }
            }

            if (head.AsSpan(start, j - start).IndexOf("\"results\""u8) >= 0)
            {
                // Perhaps an API response on one line: left to the splitter.
                return false;
            }

            // Nothing but white space may follow the object on its line.
            while (true)
            {
                if (j == length && !More())
                {
                    return pending is null;
                }

                byte b = head[j++];
                if (b == (byte)'\n')
                {
                    return true;
                }

                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }
    }
}
