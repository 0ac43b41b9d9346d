using System.Diagnostics.CodeAnalysis;
using System.Text;
using CollabMetrics.Aggregation;
using CollabMetrics.IO;
using CollabMetrics.Metrics;
using CollabMetrics.Model;

namespace CollabMetrics;

/// <summary>
/// Publication files analysed without building a corpus: each question reads the files again, as a stream, and
/// aggregates what it needs on the way, so memory is bounded by the counts, not by the input. The answers are those
/// of a <see cref="Corpus"/> of the same files (<see cref="CorpusOptions"/>), bit for bit: files with duplicate
/// records are answered through such a corpus. Immutable; filters return new instances.
/// </summary>
/// <remarks>
/// <para>
/// Use it for one table from big files (the command-line tool does); build a <see cref="Corpus"/> instead to ask
/// many questions of the same publications, to resample them (bootstrap) or to read records back.
/// </para>
/// <para>
/// Ids and DOIs are remembered as 64-bit hashes while reading (16 to 32 bytes a publication). A corpus merges the
/// records of one work (same source and id, or same DOI) by a rule that may change what the first record counts, so
/// at the first such duplicate the read stops and the answer comes from a corpus of the files instead: exact in every
/// case, streamed whenever the files hold each work once.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var files = PublicationFiles.Open(["works.jsonl.gz"], ReadOptions.Default with { ErrorMode = ErrorMode.Lenient });
/// PairTable pairs = files.Years(2015, 2024).Countries().Pairs().ByYear().Compute();
/// Console.WriteLine(files.Report);
/// </code>
/// </example>
public sealed class PublicationFiles
{
    private readonly string[] _paths;
    private readonly int? _fromYear;
    private readonly int? _toYear;
    private readonly string[]? _technologies;
    private readonly ReportHolder _report;
    private IProgress<WorkProgress>? _progress;
    private bool[]? _types;
    private bool[][]? _typeQueries;

    private PublicationFiles(string[] paths, ReadOptions readOptions, CorpusOptions corpusOptions, int? fromYear, int? toYear, string[]? technologies, ReportHolder report, CancellationToken cancellationToken)
    {
        _paths = paths;
        ReadOptions = readOptions;
        CorpusOptions = corpusOptions;
        CancellationToken = cancellationToken;
        _fromYear = fromYear;
        _toYear = toYear;
        _technologies = technologies;
        _report = report;
    }

    /// <summary>The files, read in this order.</summary>
    public IReadOnlyList<string> Paths => Array.AsReadOnly(_paths);

    /// <summary>How the files are read (format, strict or lenient, progress).</summary>
    public ReadOptions ReadOptions { get; }

    /// <summary>How duplicates are handled (and how many examples the report keeps), as for a corpus.</summary>
    public CorpusOptions CorpusOptions { get; }

    /// <summary>Stops every read of these files between records.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The report of the latest read of the files (by a query, <see cref="Inspect"/> or <see cref="BuildCube"/>), or null before the first.</summary>
    public IngestReport? Report => _report.Value;

    /// <summary>Names files to analyse; they are checked now and read when a question needs them.</summary>
    /// <param name="paths">The files (any supported format, plain or .gz), directories and patterns, read in order (see <see cref="PublicationReader.ReadFiles"/>).</param>
    /// <param name="readOptions">How to read; default <see cref="ReadOptions.Default"/> (strict, detect the format).</param>
    /// <param name="corpusOptions">Duplicate handling as for a corpus; default <see cref="CorpusOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops every read of these files between records.</param>
    /// <exception cref="ArgumentException">No file is named.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist, a pattern matches nothing, or a directory holds no publication file.</exception>
    public static PublicationFiles Open(IEnumerable<string> paths, ReadOptions? readOptions = null, CorpusOptions? corpusOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string[] files = [.. paths];

        // Files, directories and patterns are checked now and listed again by each read.
        _ = PublicationFileList.Find(files);
        return new PublicationFiles(files, readOptions ?? ReadOptions.Default, corpusOptions ?? CorpusOptions.Default, null, null, null, new ReportHolder(), cancellationToken);
    }

    /// <summary>
    /// Only the publications from <paramref name="from"/> to <paramref name="to"/>, as <see cref="Corpus.Years(int, int)"/>.
    /// Years wholly outside the first to last year of the files are an error when the files are read (an
    /// <see cref="ArgumentOutOfRangeException"/> for the parameter <c>from</c>, naming the files' years), never an empty answer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public PublicationFiles Years(int from, int to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range ends ({to}) before it starts ({from}).");
        }

        return new PublicationFiles(_paths, ReadOptions, CorpusOptions, Math.Max(from, _fromYear ?? from), Math.Min(to, _toYear ?? to), _technologies, _report, CancellationToken) { _progress = _progress, _types = _types, _typeQueries = _typeQueries };
    }

    /// <summary>
    /// Only the publications labelled with any of the given technologies, as <see cref="Corpus.InTechnology(string[])"/>.
    /// A label that no publication of the files carries is an error when the files are read (an
    /// <see cref="ArgumentException"/> for the parameter <c>technologies</c>, naming the closest labels), never an
    /// empty answer that would read as "no collaboration".
    /// </summary>
    /// <exception cref="ArgumentException">No label is given.</exception>
    public PublicationFiles InTechnology(params string[] technologies)
    {
        ArgumentNullException.ThrowIfNull(technologies);
        if (technologies.Length == 0)
        {
            throw new ArgumentException("Name at least one technology.", nameof(technologies));
        }

        if (_technologies is not null)
        {
            // Filters compose like views: a publication must pass both.
            return new PublicationFiles(_paths, ReadOptions, CorpusOptions, _fromYear, _toYear, [.. technologies.Intersect(_technologies, StringComparer.Ordinal)], _report, CancellationToken) { _progress = _progress, _types = _types, _typeQueries = _typeQueries };
        }

        return new PublicationFiles(_paths, ReadOptions, CorpusOptions, _fromYear, _toYear, [.. technologies], _report, CancellationToken) { _progress = _progress, _types = _types, _typeQueries = _typeQueries };
    }

    /// <summary>Only the publications of the given document types, as <see cref="Corpus.OfTypes(DocumentType[])"/>.</summary>
    /// <exception cref="ArgumentException">No type is given.</exception>
    /// <remarks>
    /// A read finds out which types the files hold: when no publication is of any of the types (or none has a type at
    /// all), the query throws an <see cref="ArgumentException"/> for the parameter <c>types</c> naming the types the files
    /// have, as the corpus view does.
    /// </remarks>
    public PublicationFiles OfTypes(params DocumentType[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        if (types.Length == 0)
        {
            throw new ArgumentException("Name at least one document type.", nameof(types));
        }

        var wanted = new bool[DocumentInfo.TypeMask + 1];
        var asked = new bool[DocumentInfo.TypeMask + 1];
        foreach (var type in types)
        {
            if (!Enum.IsDefined(type))
            {
                throw new ArgumentOutOfRangeException(nameof(types), type, $"Not a document type; use {DocumentTypes.Choices}.");
            }

            // Filters compose like views: a publication must pass both.
            wanted[(int)type] = _types is null || _types[(int)type];
            asked[(int)type] = true;
        }

        // Each call is checked on its own when the files are read, as each corpus view is when it is made.
        return new PublicationFiles(_paths, ReadOptions, CorpusOptions, _fromYear, _toYear, _technologies, _report, CancellationToken)
        {
            _progress = _progress,
            _types = wanted,
            _typeQueries = [.. _typeQueries ?? [], asked],
        };
    }

    /// <summary>
    /// The same files whose aggregations report to <paramref name="progress"/> now and then: phase <c>aggregate</c>,
    /// in publications aggregated so far (the total is not known while the files stream). Reading progress (phase
    /// <c>read</c>) comes from <see cref="ReadOptions.Progress"/>; the same receiver may take both.
    /// </summary>
    /// <param name="progress">Receives the aggregation's progress; null for none.</param>
    public PublicationFiles WithProgress(IProgress<WorkProgress>? progress) =>
        new(_paths, ReadOptions, CorpusOptions, _fromYear, _toYear, _technologies, _report, CancellationToken) { _progress = progress, _types = _types, _typeQueries = _typeQueries };

    /// <summary>A country-level analysis of the files: each query reads them once and counts only what it needs.</summary>
    public CollaborationAnalysis Countries() => CollaborationAnalysis.Of(this, AggregationOptions.Default);

    /// <summary>An institution-level analysis of the files (see <see cref="Countries"/>).</summary>
    public CollaborationAnalysis ByInstitution() => CollaborationAnalysis.Of(this, AggregationOptions.Default with { Level = UnitLevel.Institution });

    /// <summary>
    /// Reads the files and returns the report a corpus of them would have (records read, skipped by reason,
    /// duplicates, publications without a country or a year, unresolved affiliations), without keeping anything.
    /// </summary>
    /// <exception cref="IngestException">In strict mode, at the first bad record.</exception>
    public IngestReport Inspect()
    {
        var report = new IngestReport(ReadOptions.MaxIssueSamples);
        if (!Read(report, null))
        {
            // A duplicate: the corpus's merge rule decides what is counted (see Read).
            report = ReadCorpus().Report;
        }

        _report.Value = report;
        return report;
    }

    /// <summary>
    /// Reads the files and aggregates them into the full cube, the cube of a corpus of the same files (and filters)
    /// without the corpus.
    /// </summary>
    /// <param name="options">Options; default <see cref="AggregationOptions.Default"/>.</param>
    /// <param name="progress">Receives the aggregation's progress (phase <c>aggregate</c>, publications aggregated so far), now and then; default the one of <see cref="WithProgress"/>.</param>
    /// <exception cref="IngestException">In strict mode, at the first bad record.</exception>
    public CollaborationCube BuildCube(AggregationOptions? options = null, IProgress<WorkProgress>? progress = null)
    {
        options ??= AggregationOptions.Default;
        options.Validate();
        return Aggregate(options, CubeContent.Full, progress);
    }

    /// <summary>"Publication files: a.csv, b.jsonl".</summary>
    public override string ToString() => $"Publication files: {string.Join(", ", _paths.Select(Path.GetFileName))}";

    /// <summary>Reads the files once and aggregates <paramref name="content"/> of the accepted publications that pass the filters.</summary>
    internal CollaborationCube Aggregate(AggregationOptions options, CubeContent content, IProgress<WorkProgress>? progress)
    {
        var counts = PhaseProgress.For(progress ?? _progress, "aggregate", "publications", null);
        IngestReport report;
        CubeEngine.StreamBuilder builder;
        Seen? seen;
        long[] typeCounts;
        bool streamed;
        bool onWorkers = true;
        while (true)
        {
            report = new IngestReport(ReadOptions.MaxIssueSamples);
            builder = new CubeEngine.StreamBuilder(options, content, counts, CubeEngine.FileStreamChunkSize);
            seen = _technologies is null && _fromYear is null ? null : new Seen();
            typeCounts = new long[DocumentInfo.TypeMask + 1];

            // At the country level the parse workers aggregate each chunk as soon as they parse it; this thread keeps
            // what must happen in input order (the report, the duplicate check, the filters' labels and years).
            var sink = onWorkers && builder.CanAggregateOnWorkers ? builder.OnWorkers(CorpusOptions.Documents, NewWorkerFilter) : null;
            try
            {
                streamed = Read(report, builder, seen, typeCounts, sink);
            }
            catch
            {
                builder.Abandon();
                throw;
            }

            if (!streamed || sink is null || sink.IsExact)
            {
                break;
            }

            // The read left out a publication a worker had already aggregated (a CSV publication whose rows are not
            // contiguous, read leniently): read again, aggregating every publication on this thread.
            builder.Abandon();
            onWorkers = false;
        }

        if (!streamed)
        {
            // A duplicate: the records of one work are merged by the corpus's rule, which may change what the first
            // record counts, so the answer comes from a corpus of the files (exact by construction).
            builder.Abandon();
            var corpus = ReadCorpus();
            _report.Value = corpus.Report;
            var span = corpus.Storage.YearSpan;
            CheckFilters(corpus.Technologies, span?.First, span?.Last);
            var typesPresent = corpus.DocumentTypeCounts();
            foreach (var asked in _typeQueries ?? [])
            {
                Unanswerable.ThrowIfNoneOfTypes(asked, typesPresent, "the files", "types");
            }

            var view = corpus;
            if (_fromYear is { } from)
            {
                view = from <= _toYear!.Value ? view.Years(from, _toYear.Value) : view.Where(static _ => false);
            }

            if (_technologies is { } technologies)
            {
                view = technologies.Length == 0 ? view.Where(static _ => false) : view.InTechnology(technologies);
            }

            foreach (var asked in _typeQueries ?? [])
            {
                view = view.OfTypes([.. Enumerable.Range(0, asked.Length).Where(t => asked[t]).Select(t => (DocumentType)t)]);
            }

            return CubeEngine.BuildFromCorpus(view, options, content, PhaseProgress.For(progress ?? _progress, "aggregate", "publications", view.Count), CancellationToken);
        }

        try
        {
            // In the order a chain of views checks them: years and technologies, then each OfTypes.
            if (seen is not null)
            {
                CheckFilters(seen.Labels, seen.First, seen.Last);
            }

            foreach (var asked in _typeQueries ?? [])
            {
                Unanswerable.ThrowIfNoneOfTypes(asked, typeCounts, "the files", "types");
            }
        }
        catch
        {
            builder.Abandon();
            throw;
        }

        var cube = builder.Finish();
        _report.Value = report;
        return cube;
    }

    /// <summary>A worker's test of the filters (each worker its own: a filter keeps per-batch state), or null without filters.</summary>
    private Func<RecordBatch, int, bool>? NewWorkerFilter()
    {
        if (_fromYear is null && _technologies is null && _types is null)
        {
            return null;
        }

        var filter = new RecordFilter(_fromYear, _toYear, _technologies, _types, null);
        return (batch, k) => filter.Passes(batch, k, excluded: false);
    }

    /// <summary>The files read into a corpus, as <see cref="Corpus.FromFilesAsync"/> reads them.</summary>
    private Corpus ReadCorpus() =>
        Corpus.FromFilesAsync(_paths, ReadOptions, CorpusOptions, CancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Reads every file on this thread, each publication straight into the duplicate check and the builder (whose
    /// full batches are aggregated on a second thread), or, when <paramref name="sink"/> aggregated its chunk on the
    /// thread that parsed it, into the duplicate check only. Nothing is queued between threads, so publications die
    /// young and the heap stays small. Returns false, having stopped, at the first record a corpus would merge with another.
    /// </summary>
    private bool Read(IngestReport report, CubeEngine.StreamBuilder? builder, Seen? seen = null, long[]? typeCounts = null, ChunkSink? sink = null)
    {
        // Sized from the input (an estimate: the sets grow past it, and a smaller input leaves them partly empty). For a
        // big input the sets are tens of megabytes of new memory: they are estimated and made on a thread of their own
        // while this one opens the input and the reader parses its first chunks, and taken at the first record.
        var options = CorpusOptions;
        var paths = _paths;
        var format = ReadOptions.Format;
        var making = Task.Factory.StartNew(
            () => new StreamDeduplicator(options, report, InputSizeEstimate.OfInputs(paths, format)),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        StreamDeduplicator? deduplicator = null;
        var filter = new RecordFilter(_fromYear, _toYear, _technologies, _types, seen);
        var needs = new RecordNeeds(Institutions: builder?.NeedsInstitutions ?? false, AuthorKeys: false);
        try
        {
            return Read(report, builder, making, ref deduplicator, filter, needs, typeCounts, sink);
        }
        finally
        {
            // The sets are not needed for the cube's finish or for a corpus: let them go before either allocates.
            deduplicator?.Release();
        }
    }

    private bool Read(
        IngestReport report,
        CubeEngine.StreamBuilder? builder,
        Task<StreamDeduplicator> making,
        ref StreamDeduplicator? deduplicator,
        RecordFilter filter,
        RecordNeeds needs,
        long[]? typeCounts,
        ChunkSink? sink)
    {
        bool checksFilters = filter.CollectsSeen;
        using var records = PublicationReader.OpenRecords(_paths, ReadOptions, report, needs, CancellationToken, sink);
        while (records.MoveNext())
        {
            var batch = records.Batch;
            int k = records.Index;
            deduplicator ??= making.GetAwaiter().GetResult();
            if (!deduplicator.Accept(batch, k, out bool excluded))
            {
                return false;
            }

            if (typeCounts is not null && !excluded)
            {
                // The publications of each type, left out or not by the filters, as a corpus stores them.
                typeCounts[(int)DocumentInfo.Type(batch.Document(k))]++;
            }

            if (batch.TakenAhead)
            {
                // Aggregated by the worker that parsed it (see OnWorkers); the labels and years are still seen here.
                if (checksFilters)
                {
                    filter.Passes(batch, k, excluded);
                }

                continue;
            }

            // Labels are seen from every record, left out or not, as a corpus interns them.
            bool passes = filter.Passes(batch, k, excluded);
            if (builder is not null && !excluded)
            {
                if (passes)
                {
                    builder.AddRecord(batch, k);
                }
                else
                {
                    builder.ObserveRecord(batch, k);
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The year, document type and technology filters, deciding as the corpus views do. With <c>seen</c>, every label
    /// and year of the files is collected whatever the filters (a corpus knows the labels and years of all its
    /// publications).
    /// </summary>
    private sealed class RecordFilter(int? fromYear, int? toYear, string[]? technologies, bool[]? types, Seen? seen)
    {
        private readonly byte[][]? _wanted = technologies?.Where(t => !string.IsNullOrWhiteSpace(t)).Select(Encoding.UTF8.GetBytes).ToArray();
        private BatchMapping _mapping;
        private sbyte[] _labels = new sbyte[64];

        /// <summary>Whether the filter collects the labels and years of the records (<c>seen</c>), so every record must pass through it.</summary>
        public bool CollectsSeen => seen is not null;

        public bool Passes(RecordBatch batch, int k, bool excluded)
        {
            // A corpus stores a year out of 1..short.MaxValue as 0 (unknown).
            int raw = batch.Year(k);
            int year = raw is > 0 and <= short.MaxValue ? raw : 0;
            if (_wanted is not null || seen is not null)
            {
                Classify(batch, k);
            }

            if (seen is not null && year != 0 && !excluded)
            {
                seen.First = Math.Min(seen.First ?? year, year);
                seen.Last = Math.Max(seen.Last ?? year, year);
            }

            if (fromYear is { } from && (year < from || year > toYear!.Value))
            {
                return false;
            }

            if (types is not null && !types[(int)DocumentInfo.Type(batch.Document(k))])
            {
                return false;
            }

            if (_wanted is null)
            {
                return true;
            }

            var labels = batch.LabelsOf(k);
            for (int i = 0; i < labels.Length; i++)
            {
                if (_labels[labels[i]] > 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Decides once per batch label whether it is wanted, and collects it into <c>seen</c>.</summary>
        private void Classify(RecordBatch batch, int k)
        {
            // A reader may add labels to a batch whose earlier publications were already classified (0: not yet).
            if (_mapping.Update(batch, out _, out int labelsFrom))
            {
                BatchMapping.Extend(ref _labels, labelsFrom, batch.TechnologyCount, (sbyte)0);
            }

            var labels = batch.LabelsOf(k);
            for (int i = 0; i < labels.Length; i++)
            {
                int label = labels[i];
                if (_labels[label] == 0)
                {
                    var bytes = batch.Label(label);
                    _labels[label] = _wanted is not null && Wanted(bytes) ? (sbyte)1 : (sbyte)-1;
                    if (seen is not null && !bytes.IsEmpty)
                    {
                        string text = Encoding.UTF8.GetString(bytes);
                        if (!string.IsNullOrWhiteSpace(text))
                        {
                            seen.Labels.Add(text);
                        }
                    }
                }
            }
        }

        private bool Wanted(ReadOnlySpan<byte> label)
        {
            foreach (var wanted in _wanted!)
            {
                if (label.SequenceEqual(wanted))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Throws, as a corpus view would, for a wanted technology that none of <paramref name="labels"/> (the labels of the
    /// publications read) is, naming the closest labels, and for years wholly outside <paramref name="first"/> to
    /// <paramref name="last"/> (the years of the publications read), naming them: a filter that selects nothing of
    /// what the files hold is a question they cannot answer, not an answer.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208:Instantiate argument exceptions correctly", Justification = "The wrong arguments are the ones given to InTechnology and Years, checked when the files are read.")]
    private void CheckFilters(IReadOnlyCollection<string> labels, int? first, int? last)
    {
        if (_fromYear is { } from && from <= _toYear!.Value)
        {
            Unanswerable.ThrowIfOutside(from, _toYear.Value, first, last, "the files", "from");
        }

        if (_technologies is { } wanted)
        {
            Unanswerable.ThrowIfUnknownTechnology(wanted, labels, "the files", "technologies");
        }
    }

    /// <summary>The labels and years of the publications read, whatever the filters.</summary>
    private sealed class Seen
    {
        public HashSet<string> Labels { get; } = new(StringComparer.Ordinal);

        public int? First { get; set; }

        public int? Last { get; set; }
    }

    /// <summary>The report of the latest read, shared by the filtered copies of one <see cref="Open"/>.</summary>
    private sealed class ReportHolder
    {
        private IngestReport? _value;

        [DisallowNull]
        public IngestReport? Value
        {
            get => Volatile.Read(ref _value);
            set => Volatile.Write(ref _value, value);
        }
    }
}
