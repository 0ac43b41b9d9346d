using CollabMetrics.IO.Csv;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Model;

namespace CollabMetrics.IO;

public abstract partial class PublicationReader
{
    /// <summary>The path that means standard input in <see cref="ReadFile"/> and <see cref="ReadFiles"/>.</summary>
    public const string StandardInputPath = "-";

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
    /// name, with its trailer checked so that a cut file is reported), detects the format from the content unless
    /// <see cref="ReadOptions.Format"/> names it, and streams the publications. The file is never sought, so pipes,
    /// <c>/dev/stdin</c> and <see cref="StandardInputPath"/> ("-", standard input) work. Progress reports bytes of
    /// the file on disk (compressed bytes for .gz).
    /// </summary>
    /// <param name="path">The file, or "-" for standard input.</param>
    /// <param name="options">Options; default <see cref="ReadOptions.Default"/> (strict, detect the format).</param>
    /// <param name="report">Receives counts and problems; default a new report nobody reads.</param>
    /// <param name="cancellationToken">Stops the read between records.</param>
    /// <returns>The publications, read as the sequence is enumerated; the file is closed when enumeration ends.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist (thrown at once).</exception>
    /// <exception cref="IngestException">
    /// In strict mode, at the first bad record, when the format is not recognised, or when compressed data is
    /// corrupt or cut off. In lenient mode such a file is counted in the report and yields what could be read; but
    /// when not a single publication could be read from the input, that is an <see cref="IngestException"/> in
    /// either mode, as is going over <see cref="ReadOptions.MaxErrors"/>.
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
        return ReadSources([InputSource.ForPath(path)], options, report ?? new IngestReport(options.MaxIssueSamples), cancellationToken);
    }

    /// <summary>
    /// Reads several publication files, each as <see cref="ReadFile"/> does and in its own detected format, into one
    /// sequence and one report. The inputs may be files, directories (every publication file under them, recursively:
    /// the OpenAlex snapshot's <c>works</c> folder) and shell patterns (<c>works/**/*.gz</c>), listed as
    /// <see cref="PublicationFileList.Find"/> says; files that are not publication files are listed in
    /// <see cref="IngestReport.SkippedFiles"/>. Up to <see cref="ReadOptions.MaxDegreeOfParallelism"/> files are parsed
    /// at once, and the publications come out in file order, with the report of each file added in that order: the
    /// sequence and the report are the same whatever the number of threads. In lenient mode a file that cannot be read
    /// (not a recognised format, corrupt or cut-off compressed data) is counted and the next file is read.
    /// </summary>
    /// <param name="paths">The files, directories and patterns, read in order; "-" is standard input.</param>
    /// <param name="options">Options; default <see cref="ReadOptions.Default"/>.</param>
    /// <param name="report">Receives counts and problems of every file; default a new report nobody reads.</param>
    /// <param name="cancellationToken">Stops the read between records.</param>
    /// <returns>The publications of every file, read as the sequence is enumerated.</returns>
    /// <exception cref="FileNotFoundException">
    /// A file does not exist, a pattern matches no file, or a directory holds no publication file (checked for every
    /// input at once).
    /// </exception>
    /// <exception cref="IngestException">
    /// In strict mode, at the first problem; in either mode when no publication at all could be read from the
    /// files, or when <see cref="ReadOptions.MaxErrors"/> or <see cref="ReadOptions.MaxErrorShare"/> is exceeded.
    /// </exception>
    /// <example>
    /// <code>
    /// var report = new IngestReport();
    /// foreach (Publication p in PublicationReader.ReadFiles(["openalex-snapshot/data/works"], report: report))
    /// {
    ///     Console.WriteLine(p.Id);
    /// }
    /// Console.WriteLine($"{report.Files.Count} files read, {report.SkippedFiles.Count} skipped");
    /// </code>
    /// </example>
    public static IEnumerable<Publication> ReadFiles(
        IEnumerable<string> paths,
        ReadOptions? options = null,
        IngestReport? report = null,
        CancellationToken cancellationToken = default)
    {
        var list = PublicationFileList.Find(paths);
        options ??= ReadOptions.Default;
        report ??= new IngestReport(options.MaxIssueSamples);
        foreach (var skipped in list.Skipped)
        {
            report.AddSkippedFile(skipped.Path, skipped.Reason);
        }

        return ReadSources([.. list.Files.Select(InputSource.ForPath)], options, report, cancellationToken);
    }

    /// <summary>Reads several publication files asynchronously, as <see cref="ReadFiles"/> does, on a worker thread.</summary>
    /// <inheritdoc cref="ReadFiles" path="/param"/>
    /// <returns>The publications of every file, read as the sequence is enumerated.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist (checked for every file at once).</exception>
    /// <exception cref="IngestException">As <see cref="ReadFiles"/>.</exception>
    public static IAsyncEnumerable<Publication> ReadFilesAsync(
        IEnumerable<string> paths,
        ReadOptions? options = null,
        IngestReport? report = null,
        CancellationToken cancellationToken = default)
    {
        var publications = ReadFiles(paths, options, report, cancellationToken);
        return Pump(publications, cancellationToken);
    }

    /// <summary>
    /// Reads publications from a stream of any supported format, plain or gzip-compressed, as <see cref="ReadFile"/>
    /// reads a file: the format is detected from a buffered head (or taken from <see cref="ReadOptions.Format"/>),
    /// and the stream is read once, never sought, so network streams, uploads and pipes work.
    /// </summary>
    /// <param name="stream">The input, positioned at its start; it is not disposed.</param>
    /// <param name="name">The name used in messages and positions, or null.</param>
    /// <param name="options">Options; default <see cref="ReadOptions.Default"/> (strict, detect the format).</param>
    /// <param name="report">Receives counts and problems; default a new report nobody reads.</param>
    /// <param name="cancellationToken">Stops the read between records.</param>
    /// <returns>The publications, read as the sequence is enumerated.</returns>
    /// <exception cref="IngestException">As <see cref="ReadFile"/>.</exception>
    /// <example>
    /// <code>
    /// using var upload = request.Body;
    /// var report = new IngestReport();
    /// Corpus corpus = Corpus.Build(PublicationReader.ReadStream(upload, "upload", ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report), report: report);
    /// </code>
    /// </example>
    public static IEnumerable<Publication> ReadStream(
        Stream stream,
        string? name = null,
        ReadOptions? options = null,
        IngestReport? report = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream cannot be read.", nameof(stream));
        }

        options ??= ReadOptions.Default;
        return ReadSources([new InputSource(name, () => stream, LeaveOpen: true)], options, report ?? new IngestReport(options.MaxIssueSamples), cancellationToken);
    }

    /// <summary>
    /// Reads a publication file asynchronously, as <see cref="ReadFile"/> does: parsing runs on a worker thread
    /// and hands publications over through a bounded buffer.
    /// </summary>
    /// <inheritdoc cref="ReadFile" path="/param"/>
    /// <returns>The publications, read as the sequence is enumerated.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist (thrown at once).</exception>
    /// <exception cref="IngestException">As <see cref="ReadFile"/>.</exception>
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
        if (path != StandardInputPath && !File.Exists(path))
        {
            throw Directory.Exists(path)
                ? new FileNotFoundException($"'{path}' is a directory, not a publication file: read it with PublicationReader.ReadFiles or Corpus.FromDirectory.", path)
                : new FileNotFoundException($"The publication file '{path}' does not exist.", path);
        }
    }

    /// <summary>
    /// Reads the inputs in order through <see cref="OrderedFileReader"/> (up to <see cref="ReadOptions.MaxDegreeOfParallelism"/>
    /// at once), each through <see cref="ReadSource"/>, the one per-file entry point.
    /// </summary>
    private static IEnumerable<Publication> ReadSources(InputSource[] sources, ReadOptions options, IngestReport report, CancellationToken cancellationToken) =>
        ReadInOrder(
            sources,
            options,
            report,
            (source, sourceOptions, own, tally, buffered, token) => ReadSource(source, sourceOptions, own, token, tally, buffered),
            cancellationToken);

    /// <summary>
    /// The items of every input in input order, through the one scheduler of file reads (<see cref="OrderedFileReader"/>);
    /// throws when no item at all could be read.
    /// </summary>
    private static IEnumerable<T> ReadInOrder<T>(
        InputSource[] sources,
        ReadOptions options,
        IngestReport report,
        Func<InputSource, ReadOptions, IngestReport, ErrorTally, bool, CancellationToken, IEnumerable<T>> readOne,
        CancellationToken cancellationToken)
    {
        long yielded = 0;
        int threads = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;

        // A gzip file is decompressed on a thread of its own when every file read at once can have one within the
        // budget of threads (one file on two threads; files read in parallel on all of them are not).
        int readers = threads <= 1 || sources.Length <= 1 ? 1 : Math.Min(threads, sources.Length);
        var ahead = readers * 2 <= threads ? options with { DecompressAhead = true } : options;
        var items = OrderedFileReader.Read(
            sources.Length,
            threads,
            report,
            (i, own, tally, rereading, buffered, token) => readOne(sources[i], (rereading ? options with { Rejects = null } : sources[i].CanReadAgain ? ahead : options), own, tally, buffered, token),
            i => sources[i].CanReadAgain,
            cancellationToken);
        foreach (var item in items)
        {
            yielded++;
            yield return item;
        }

        if (yielded == 0)
        {
            ThrowNothingRead(sources, report);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNothingRead(InputSource[] sources, IngestReport report)
    {
        var skipped = report.Skipped;
        var reason = skipped.Count == 0
            ? SkipReason.UnrecognisedFormat
            : skipped.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
        string what = sources.Length == 1 ? "the input" : $"any of the {sources.Length} inputs";
        string found = report.RecordsRead == 0
            ? "no record was found"
            : $"{report.RecordsRead:N0} record{(report.RecordsRead == 1 ? string.Empty : "s")} found, all skipped ({string.Join(", ", skipped.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value:N0}"))})";
        throw new IngestException(
            new SourcePosition(sources[^1].Name, 0, 0),
            null,
            reason,
            $"no publication could be read from {what}: {found}. Check that it is an OpenAlex, Web of Science, Scopus or CollabMetrics CSV export (the ingest report lists each problem).");
    }

    /// <summary>Reads one input: the per-file entry point of every file reading.</summary>
    /// <param name="source">The input.</param>
    /// <param name="options">The options.</param>
    /// <param name="report">The input's report.</param>
    /// <param name="cancellationToken">Stops the read between records.</param>
    /// <param name="tally">The counts of every input of the read together, for the error limit; null when <paramref name="report"/> has them.</param>
    /// <param name="oneOfMany">Whether the input is read at the same time as others (its reader then parses on one thread).</param>
    private static IEnumerable<Publication> ReadSource(InputSource source, ReadOptions options, IngestReport report, CancellationToken cancellationToken, ErrorTally? tally = null, bool oneOfMany = false)
    {
        var opened = OpenSource(source, options, report, tally, oneOfMany, cancellationToken);
        if (opened is null)
        {
            yield break;
        }

        using var content = opened.Content;
        var context = opened.Context;
        long yieldedHere = 0;
        using (var publications = opened.Reader.ReadWith(opened.Input, context).GetEnumerator())
        {
            while (true)
            {
                bool more;
                try
                {
                    more = publications.MoveNext();
                }
                catch (CompressedInputException ex)
                {
                    Damaged(context, ex, yieldedHere);
                    break;
                }

                if (!more)
                {
                    break;
                }

                yieldedHere++;
                yield return publications.Current;
            }
        }

        context.Completed(context.RecordsHere);
    }

    /// <summary>
    /// Reads one input as records (see <see cref="RecordCursor"/>): the per-file entry point of the record reads, under
    /// <see cref="OrderedFileReader"/> as <see cref="ReadSource"/> is. With <paramref name="buffered"/> (several files
    /// read at once), batches are not reused and one thread parses the file.
    /// </summary>
    private static IEnumerable<RecordRef> ReadSourceRecords(
        InputSource source, ReadOptions options, IngestReport report, RecordNeeds needs, bool buffered, ErrorTally tally, CancellationToken cancellationToken, ChunkSink? sink = null)
    {
        // Without author keys nothing of an author but the affiliations is used: readers may leave ids and names out.
        var opened = OpenSource(source, needs.AuthorKeys ? options : options with { AuthorDetailsUnused = true }, report, tally, buffered, cancellationToken);
        if (opened is null)
        {
            yield break;
        }

        using var content = opened.Content;
        var context = opened.Context;
        context.ChunkSink = sink;
        long yieldedHere = 0;
        using (var records = opened.Reader.OpenCursor(opened.Input, context, needs, keepBatches: buffered))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = records.MoveNext();
                }
                catch (CompressedInputException ex)
                {
                    Damaged(context, ex, yieldedHere);
                    break;
                }

                if (!more)
                {
                    break;
                }

                yieldedHere++;
                yield return new RecordRef(records.Batch, records.Index);
            }
        }

        context.Completed(context.RecordsHere);
    }

    /// <summary>
    /// Reads files, directories and patterns as records (see <see cref="RecordCursor"/>), as <see cref="ReadFiles"/>
    /// reads them (the same file list, scheduler, order and report): what the corpus builder and the streamed
    /// aggregation consume. With <paramref name="sink"/>, readers that parse chunks on several threads let it take each
    /// chunk's publications there (see <see cref="ChunkSink"/>) and mark those batches <see cref="RecordBatch.TakenAhead"/>.
    /// </summary>
    internal static RecordCursor OpenRecords(IReadOnlyList<string> paths, ReadOptions options, IngestReport report, RecordNeeds needs, CancellationToken cancellationToken, ChunkSink? sink = null)
    {
        var list = PublicationFileList.Find(paths);
        foreach (var skipped in list.Skipped)
        {
            report.AddSkippedFile(skipped.Path, skipped.Reason);
        }

        InputSource[] sources = [.. list.Files.Select(InputSource.ForPath)];
        var records = ReadInOrder(
            sources,
            options,
            report,
            (source, sourceOptions, own, tally, buffered, token) => ReadSourceRecords(source, sourceOptions, own, needs, buffered, tally, token, sink),
            cancellationToken);
        return new OrderedRecords(records.GetEnumerator());
    }

    /// <summary>
    /// Opens a source: counts the bytes read from it, decompresses gzip, detects the format (unless the options name
    /// it). Returns null when the format is not recognised (reported, as one record read and skipped).
    /// </summary>
    private static OpenedSource? OpenSource(InputSource source, ReadOptions options, IngestReport report, ErrorTally? tally, bool oneOfMany, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var raw = source.Open();

        // A path that is a pipe (/dev/fd/63 from a shell's <(...)) would not give the same bytes again.
        bool canReadAgain = source.CanReadAgain && raw.CanSeek;
        long? rawLength = raw.CanSeek ? raw.Length - raw.Position : null;
        var counter = new ByteCountingStream(raw, leaveOpen: source.LeaveOpen);
        var magic = new byte[2];
        int m = counter.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        var gzip = m == 2 && PublicationFormats.IsGzip(magic)
            ? new ReadAheadStream(new CheckedGZipStream(new PrefixedStream(magic, m, counter)), ahead: false, cancellationToken)
            : null;
        Stream content = gzip ?? (Stream)new PrefixedStream(magic, m, counter);
        bool compressed = gzip is not null;
        var context = new ReadContext(source.Name, options, report, counter, cancellationToken)
        {
            Tally = tally,
            OneOfMany = oneOfMany,
            Reopen = canReadAgain ? () => compressed ? new CheckedGZipStream(source.Open()) : source.Open() : null,
            Length = compressed ? null : rawLength,
        };
        if (source.Name is not null)
        {
            report.AddFile(source.Name);
        }

        var format = options.Format;
        Stream input = content;
        if (format == PublicationFormat.Auto)
        {
            var head = new byte[PublicationFormats.HeadLength];
            int length = 0;
            Exception? pending = null;
            try
            {
                while (length < head.Length)
                {
                    int n = content.Read(head, length, head.Length - length);
                    if (n == 0)
                    {
                        break;
                    }

                    length += n;
                }
            }
            catch (CompressedInputException ex)
            {
                pending = ex;
            }

            if (!PublicationFormats.TryDetect(head.AsSpan(0, length), out format))
            {
                try
                {
                    context.RecordRead(1);
                    if (pending is CompressedInputException damage)
                    {
                        context.Fail(context.At(0, 1), null, damage.IsTruncated ? SkipReason.Truncated : SkipReason.Malformed, damage.Message);
                    }
                    else
                    {
                        context.Fail(context.At(0, 0), null, SkipReason.UnrecognisedFormat, PublicationFormats.UnrecognisedMessage(head.AsSpan(0, length)), RawHead(head, length));
                    }

                    context.Completed(1);
                }
                finally
                {
                    content.Dispose();
                }

                return null;
            }

            input = new PrefixedStream(head, length, content, pending);
        }

        if (gzip is not null && options.DecompressAhead && format != PublicationFormat.CollabMetricsCsv)
        {
            // The CollabMetrics CSV reader parses one file on several threads itself: no thread is left for this. The
            // OpenAlex reader starts it only when it parses on the caller's thread: JSON Lines cut into chunks are
            // decompressed on the cutting thread, straight into the chunks.
            context.Decompressor = gzip;
            if (format != PublicationFormat.OpenAlex)
            {
                context.DecompressAhead();
            }
        }

        return new OpenedSource(content, input, context, For(format));
    }

    /// <summary>
    /// Reports compressed data that is corrupt or cut off: the record being read when it happened is the one
    /// rejected; a cut between records counts as one more (truncated) record.
    /// </summary>
    private static void Damaged(ReadContext context, CompressedInputException ex, long yielded)
    {
        long open = context.RecordsHere - context.SkippedHere - yielded;
        var reason = ex.IsTruncated ? SkipReason.Truncated : SkipReason.Malformed;
        if (open <= 0)
        {
            long record = context.RecordsHere + 1;
            context.RecordRead(record);
            context.Fail(context.At(0, record), null, reason, $"after record {record - 1:N0}, {ex.Message}");
            return;
        }

        long first = context.RecordsHere - open + 1;
        context.Fail(context.At(0, first), null, reason, $"in record {first:N0}, {ex.Message}");
        for (long k = 1; k < open; k++)
        {
            context.Fail(context.At(0, first + k), null, reason, $"in record {first + k:N0}, {ex.Message}");
        }
    }

    private static string RawHead(byte[] head, int length) => RejectedRecord.Cut(head.AsSpan(0, length));

    /// <summary>A source opened for reading: the stream to dispose, the stream to read, the read's context and the reader of its format.</summary>
    private sealed record OpenedSource(Stream Content, Stream Input, ReadContext Context, PublicationReader Reader);

    /// <summary>The records of the inputs as <see cref="OrderedFileReader"/> hands them over.</summary>
    private sealed class OrderedRecords(IEnumerator<RecordRef> records) : RecordCursor
    {
        internal override bool MoveNext()
        {
            if (!records.MoveNext())
            {
                return false;
            }

            var current = records.Current;
            Batch = current.Batch;
            Index = current.Index;
            return true;
        }

        public override void Dispose()
        {
            records.Dispose();
            base.Dispose();
        }
    }

    /// <summary>One input: a name for messages and a way to open it.</summary>
    private sealed record InputSource(string? Name, Func<Stream> Open, bool LeaveOpen)
    {
        /// <summary>Whether the input can be opened a second time: files can, standard input and a caller's stream cannot.</summary>
        public bool CanReadAgain { get; init; }

        public static InputSource ForPath(string path) => path == StandardInputPath
            ? new InputSource("stdin", Console.OpenStandardInput, LeaveOpen: false)
            : new InputSource(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan), LeaveOpen: false) { CanReadAgain = true };
    }
}
