using System.IO.Compression;

namespace CollabMetrics.IO;

/// <summary>
/// How many publications a read is likely to bring, from the size of its files: what the corpus builder sizes its
/// tables with (<see cref="CorpusBuilder.ExpectPublications"/>). An estimate only, never a limit, and never a result:
/// a wrong one costs time or passing memory, not a different corpus.
/// </summary>
/// <remarks>
/// The first megabyte of the first file (decompressed when it is gzip) gives the publications per byte on disk, applied
/// to the size of every file: OpenAlex JSON Lines (a work a line), CollabMetrics CSV (a publication per run of rows with
/// one <c>publication_id</c>), Web of Science plain text (a record per <c>ER</c> line), Web of Science tab-delimited
/// and Scopus CSV (a record a row after the header). A single OpenAlex JSON document, standard input, content of
/// another kind, and reads under <see cref="MinimumBytes"/> give 0 (unknown), and the tables grow as they go.
/// </remarks>
internal static class InputSizeEstimate
{
    /// <summary>The bytes of content sampled from the first file.</summary>
    internal const int SampleBytes = 1 << 20;

    /// <summary>
    /// The fewest bytes on disk a work is taken to hold, whatever the sample says (a first megabyte of unusually short
    /// works must not make the builder reserve far more than the input can fill).
    /// </summary>
    internal const int MinimumWorkBytes = 256;

    /// <summary>The same for a publication of the other formats (a CSV row of a few short fields).</summary>
    internal const int MinimumRecordBytes = 32;

    /// <summary>Reads smaller than this on disk are not estimated (the tables grow a few times at most).</summary>
    internal const long MinimumBytes = 4L << 20;

    /// <summary>
    /// The publications the inputs (files, directories or patterns, as a read is given them) probably hold, or 0 when
    /// unknown, also when an input cannot be listed: the read itself reports that.
    /// </summary>
    internal static long OfInputs(IEnumerable<string> inputs, PublicationFormat format)
    {
        try
        {
            return Publications(PublicationFileList.Find(inputs).Files, format);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 0;
        }
    }

    /// <summary>The publications the files probably hold, or 0 when unknown.</summary>
    /// <param name="files">The files as listed for the read (no directories or patterns).</param>
    /// <param name="format">The format the read was told to use (<see cref="PublicationFormat.Auto"/> to detect).</param>
    /// <param name="minimumBytes">Files smaller than this in all are not estimated.</param>
    internal static long Publications(IReadOnlyList<string> files, PublicationFormat format, long minimumBytes = MinimumBytes)
    {
        if (files.Count == 0)
        {
            return 0;
        }

        long total = 0;
        foreach (var file in files)
        {
            if (file == PublicationReader.StandardInputPath)
            {
                return 0;
            }

            try
            {
                total += new FileInfo(file).Length;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return 0;
            }
        }

        if (total < minimumBytes || total == 0)
        {
            return 0;
        }

        // Not rented: a pooled megabyte would stay in the pool for the life of the process.
        var buffer = GC.AllocateUninitializedArray<byte>(SampleBytes);
        try
        {
            using var counter = new ByteCountingStream(new FileStream(files[0], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
            Span<byte> magic = stackalloc byte[2];
            bool gzip = counter.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && PublicationFormats.IsGzip(magic);
            using Stream content = gzip
                ? new GZipStream(new PrefixedStream(magic.ToArray(), 2, counter), CompressionMode.Decompress, leaveOpen: true)
                : new PrefixedStream(magic.ToArray(), 2, counter);
            int length = content.ReadAtLeast(buffer.AsSpan(0, SampleBytes), SampleBytes, throwOnEndOfStream: false);
            var sample = buffer.AsSpan(0, length);
            var detected = format == PublicationFormat.Auto && PublicationFormats.TryDetect(sample[..Math.Min(length, 1 << 14)], out var found) ? found : format;
            long works = RecordsIn(sample, detected);
            long disk = counter.BytesRead;
            int smallest = detected == PublicationFormat.OpenAlex ? MinimumWorkBytes : MinimumRecordBytes;
            return works <= 0 || disk <= 0 ? 0 : Math.Min((long)(total * (works / (double)disk)), total / smallest);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // The read itself reports what is wrong with the file.
            return 0;
        }
    }

    /// <summary>
    /// The complete lines of <paramref name="sample"/> when it is JSON Lines (its first line one JSON object), else 0.
    /// </summary>
    internal static long WorksIn(ReadOnlySpan<byte> sample)
    {
        int end = sample.IndexOf((byte)'\n');
        if (end < 0)
        {
            return 0;
        }

        var first = sample[..end].Trim(" \t\r"u8);
        if (first.Length < 2 || first[0] != (byte)'{' || first[^1] != (byte)'}')
        {
            return 0;
        }

        return sample.Count((byte)'\n');
    }

    /// <summary>The complete publications of <paramref name="sample"/>, the first bytes of content in <paramref name="format"/>; 0 when it cannot tell.</summary>
    internal static long RecordsIn(ReadOnlySpan<byte> sample, PublicationFormat format) => format switch
    {
        PublicationFormat.OpenAlex => WorksIn(sample),
        PublicationFormat.CollabMetricsCsv => CsvPublicationsIn(sample),
        PublicationFormat.WebOfScience => WebOfScienceRecordsIn(sample),
        PublicationFormat.WebOfScienceTab => Math.Max(0, RowsIn(sample, quoted: false) - 1),
        PublicationFormat.Scopus => Math.Max(0, RowsIn(sample, quoted: true) - 1),
        _ => 0,
    };

    /// <summary>
    /// The publications of a CollabMetrics CSV sample: the complete rows after the header, a publication for each run of
    /// rows with the same <c>publication_id</c> (rows of a publication are adjacent); 0 without that column.
    /// </summary>
    internal static long CsvPublicationsIn(ReadOnlySpan<byte> sample)
    {
        int column = -1;
        int field = 0;
        int start = sample.StartsWith("\uFEFF"u8) ? 3 : 0;
        bool quoted = false;
        bool header = true;
        long publications = 0;
        ReadOnlySpan<byte> last = default;
        ReadOnlySpan<byte> id = default;
        for (int i = start; i < sample.Length; i++)
        {
            byte b = sample[i];
            if (b == (byte)'"')
            {
                quoted = !quoted;
                continue;
            }

            if (quoted || (b != (byte)',' && b != (byte)'\n'))
            {
                continue;
            }

            var value = sample[start..i].Trim(" \t\r\""u8);
            if (header)
            {
                if (value.SequenceEqual("publication_id"u8))
                {
                    column = field;
                }
            }
            else if (field == column)
            {
                id = value;
            }

            field++;
            start = i + 1;
            if (b == (byte)'\n')
            {
                if (header)
                {
                    if (column < 0)
                    {
                        return 0;
                    }

                    header = false;
                }
                else if (field > column && !id.IsEmpty && !id.SequenceEqual(last))
                {
                    publications++;
                    last = id;
                }

                field = 0;
                id = default;
            }
        }

        return publications;
    }

    /// <summary>The Web of Science plain-text records of a sample: its <c>ER</c> (end of record) lines.</summary>
    internal static long WebOfScienceRecordsIn(ReadOnlySpan<byte> sample)
    {
        long records = 0;
        while (!sample.IsEmpty)
        {
            int end = sample.IndexOf((byte)'\n');
            if (end < 0)
            {
                break;
            }

            if (sample[..end].TrimEnd(" \t\r"u8).SequenceEqual("ER"u8))
            {
                records++;
            }

            sample = sample[(end + 1)..];
        }

        return records;
    }

    /// <summary>The complete rows of a delimited sample; with <paramref name="quoted"/>, a quoted field's line breaks stay inside its row.</summary>
    internal static long RowsIn(ReadOnlySpan<byte> sample, bool quoted)
    {
        long rows = 0;
        bool inside = false;
        foreach (byte b in sample)
        {
            if (b == (byte)'"' && quoted)
            {
                inside = !inside;
            }
            else if (b == (byte)'\n' && !inside)
            {
                rows++;
            }
        }

        return rows;
    }
}
