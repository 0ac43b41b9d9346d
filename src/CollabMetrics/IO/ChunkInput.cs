namespace CollabMetrics.IO;

/// <summary>The reading loop the chunk splitters share: fills a buffer from the input, stopping at its end or at damaged compressed data.</summary>
internal static class ChunkInput
{
    /// <summary>
    /// Reads <paramref name="stream"/> into <paramref name="buffer"/> after its first <paramref name="length"/> bytes until
    /// it holds <paramref name="target"/> bytes (the buffer must be that long), the input ends (<paramref name="eof"/> set)
    /// or compressed input turns out cut off or corrupt (<paramref name="error"/> set, reported after the bytes read before it).
    /// </summary>
    internal static void Fill(Stream stream, byte[] buffer, ref int length, int target, ref bool eof, ref CompressedInputException? error)
    {
        try
        {
            while (length < target)
            {
                int n = stream.Read(buffer, length, target - length);
                if (n == 0)
                {
                    eof = true;
                    break;
                }

                length += n;
            }
        }
        catch (CompressedInputException ex)
        {
            error = ex;
        }
    }
}
