using System.IO.Compression;

namespace CollabMetrics.IO;

/// <summary>
/// How many publications a read is likely to bring, from the size of its files: what the corpus builder sizes its
/// tables with (<see cref="CorpusBuilder.ExpectPublications"/>). An estimate only, never a limit, and never a result:
/// a wrong one costs time or passing memory, not a different corpus.
/// </summary>
/// <remarks>
/// Only JSON Lines (OpenAlex works, one per line) are estimated: the first megabyte of the first file (decompressed when
/// it is gzip) gives the works per byte on disk, applied to the size of every file. Other formats, standard input, and
/// reads under <see cref="MinimumBytes"/> give 0 (unknown), and the builder grows its tables as it goes.
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

    /// <summary>Reads smaller than this on disk are not estimated (the tables grow a few times at most).</summary>
    internal const long MinimumBytes = 4L << 20;

    /// <summary>The publications the files probably hold, or 0 when unknown.</summary>
    /// <param name="files">The files as listed for the read (no directories or patterns).</param>
    /// <param name="format">The format the read was told to use (<see cref="PublicationFormat.Auto"/> to detect).</param>
    /// <param name="minimumBytes">Files smaller than this in all are not estimated.</param>
    internal static long Publications(IReadOnlyList<string> files, PublicationFormat format, long minimumBytes = MinimumBytes)
    {
        if (files.Count == 0 || format is not (PublicationFormat.Auto or PublicationFormat.OpenAlex))
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
            long works = WorksIn(buffer.AsSpan(0, length));
            long disk = counter.BytesRead;
            return works <= 0 || disk <= 0 ? 0 : Math.Min((long)(total * (works / (double)disk)), total / MinimumWorkBytes);
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
}
