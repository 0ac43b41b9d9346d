using System.IO.Compression;
using CollabMetrics.IO.Csv;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Model;

namespace CollabMetrics.IO;

public abstract partial class PublicationReader
{
    /// <summary>The reader for a format.</summary>
    /// <param name="format">A concrete format (not <see cref="PublicationFormat.Auto"/>).</param>
    /// <returns>A new reader; readers are stateless and can be shared.</returns>
    /// <exception cref="ArgumentException"><paramref name="format"/> is <see cref="PublicationFormat.Auto"/>.</exception>
    /// <example>
    /// <code>
    /// var reader = PublicationReader.For(PublicationFormats.Detect("works.json"));
    /// </code>
    /// </example>
    public static PublicationReader For(PublicationFormat format) =>
        format switch
        {
            PublicationFormat.OpenAlex => new OpenAlexReader(),
            PublicationFormat.CollabMetricsCsv => new CollabMetricsCsvReader(),
            PublicationFormat.WebOfScience => new WebOfScience.WebOfScienceReader(),
            PublicationFormat.WebOfScienceTab => new WebOfScience.WebOfScienceTabReader(),
            PublicationFormat.Scopus => new Scopus.ScopusReader(),
            PublicationFormat.Auto => throw new ArgumentException(
                "Auto is not a format: detect it first with PublicationFormats.Detect, or use PublicationReader.ReadFile, which detects it.",
                nameof(format)),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a publication format."),
        };

    /// <summary>
    /// Reads a publication file lazily: opens it, decompresses gzip (recognised by its content, whatever the
    /// name), detects the format from the content unless <see cref="ReadOptions.Format"/> names it, and streams
    /// the publications. Progress reports bytes of the file on disk (compressed bytes for .gz).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Options; default <see cref="ReadOptions.Default"/> (strict, detect the format).</param>
    /// <param name="report">Receives counts and problems; default a new report nobody reads.</param>
    /// <param name="cancellationToken">Stops the read between records.</param>
    /// <returns>The publications, read as the sequence is enumerated; the file is closed when enumeration ends.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist (thrown at once).</exception>
    /// <exception cref="IngestException">
    /// In strict mode, at the first bad record, or when the format is not recognised. In lenient mode an
    /// unrecognised file is counted as <see cref="SkipReason.UnrecognisedFormat"/> and yields nothing.
    /// </exception>
    /// <example>
    /// <code>
    /// var report = new IngestReport();
    /// foreach (Publication p in PublicationReader.ReadFile("works-2024.jsonl.gz", report: report))
    /// {
    ///     Console.WriteLine(p.Id);
    /// }
    /// Console.WriteLine(report);
    /// </code>
    /// </example>
    public static IEnumerable<Publication> ReadFile(
        string path,
        ReadOptions? options = null,
        IngestReport? report = null,
        CancellationToken cancellationToken = default)
    {
        ThrowIfMissing(path);
        options ??= ReadOptions.Default;
        return ReadFileCore(path, options, report ?? new IngestReport(options.MaxIssueSamples), cancellationToken);
    }

    /// <summary>
    /// Reads a publication file asynchronously, as <see cref="ReadFile"/> does: parsing runs on a worker thread
    /// and hands publications over through a bounded buffer.
    /// </summary>
    /// <inheritdoc cref="ReadFile" path="/param"/>
    /// <returns>The publications, read as the sequence is enumerated.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist (thrown at once).</exception>
    /// <exception cref="IngestException">In strict mode, at the first bad record or an unrecognised format.</exception>
    public static IAsyncEnumerable<Publication> ReadFileAsync(
        string path,
        ReadOptions? options = null,
        IngestReport? report = null,
        CancellationToken cancellationToken = default)
    {
        var publications = ReadFile(path, options, report, cancellationToken);
        return Pump(publications, cancellationToken);
    }

    internal static void ThrowIfMissing(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The publication file '{path}' does not exist.", path);
        }
    }

    private static IEnumerable<Publication> ReadFileCore(string path, ReadOptions options, IngestReport report, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        int m = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        var counter = new ByteCountingStream(file, leaveOpen: true);
        using Stream content = m == 2 && PublicationFormats.IsGzip(magic)
            ? new GZipStream(counter, CompressionMode.Decompress, leaveOpen: false)
            : counter;
        var format = options.Format;
        Stream input = content;
        if (format == PublicationFormat.Auto)
        {
            var head = new byte[PublicationFormats.HeadLength];
            int length;
            try
            {
                length = PublicationFormats.ReadHead(content, head);
                format = PublicationFormats.DetectOrThrow(head.AsSpan(0, length), path);
            }
            catch (Exception ex) when (options.ErrorMode == ErrorMode.Lenient && ex is IngestException or InvalidDataException)
            {
                report.AddFile(path);
                report.AddSkipped(new SourcePosition(path, 0, 0), null, ex is IngestException ie ? ie.Reason : SkipReason.Truncated, ex.Message);
                report.AddBytes(counter.BytesRead);
                yield break;
            }
            catch (InvalidDataException ex)
            {
                throw new IngestException(new SourcePosition(path, 0, 0), null, SkipReason.Truncated, $"the compressed data is corrupt or incomplete ({ex.Message}).", ex);
            }

            input = new PrefixedStream(head, length, content);
        }

        var reader = For(format);
        foreach (var publication in reader.ReadInternal(input, path, options, report, counter, cancellationToken))
        {
            yield return publication;
        }
    }
}
