namespace CollabMetrics.IO.Csv;

/// <summary>
/// A piece of a CollabMetrics CSV file cut by <see cref="CsvChunkSplitter"/>: whole rows (or one row over the record
/// limit, of which only the start is kept), with what the parser needs to know about its neighbours.
/// </summary>
internal sealed class CsvChunk
{
    /// <summary>The rows: bytes [0, <see cref="Length"/>) of the buffer, which has <see cref="CsvRowCursor.Padding"/> bytes more.</summary>
    internal byte[] Buffer { get; set; } = [];

    internal int Length { get; set; }

    /// <summary>The chunk's place in the file, from 0.</summary>
    internal int Sequence { get; set; }

    /// <summary>
    /// Whether the first rows may belong to the publication the previous chunk ended with: the chunk must be parsed
    /// after the previous one, by the same parser (rare: a publication larger than the chunks, a row over the limit).
    /// </summary>
    internal bool Continues { get; set; }

    /// <summary>Whether the next chunk starts a new publication, so that the publication open at the end is complete.</summary>
    internal bool EndsPublication { get; set; }

    /// <summary>Whether this is the end of the file.</summary>
    internal bool IsFinal { get; set; }

    /// <summary>The start of a row larger than <see cref="ReadLimits.MaxRecordBytes"/> (the chunk is that row alone), or null.</summary>
    internal OversizedRow? Oversized { get; set; }

    /// <summary>The decompression error that ended the input after these rows, or null.</summary>
    internal CompressedInputException? Error { get; set; }

    /// <summary>Bytes of the file read up to the end of this chunk (for progress).</summary>
    internal long EndOffset { get; set; }
}

/// <summary>A row over the record limit: its first bytes (kept to find its publication_id), and the line breaks it spans.</summary>
/// <param name="Prefix">The first bytes of the row (with <see cref="CsvRowCursor.Padding"/> bytes more).</param>
/// <param name="PrefixLength">How many bytes of <paramref name="Prefix"/> are the row's.</param>
/// <param name="LineBreaks">Line breaks inside the row and the one that ends it.</param>
/// <param name="Bytes">The length of the row as far as it was read.</param>
/// <param name="ReachedEnd">Whether the file ended inside the row.</param>
internal sealed record OversizedRow(byte[] Prefix, int PrefixLength, long LineBreaks, long Bytes, bool ReachedEnd);
