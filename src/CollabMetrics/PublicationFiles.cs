using System.Diagnostics.CodeAnalysis;
using System.Text;
using CollabMetrics.Aggregation;
using CollabMetrics.IO;
using CollabMetrics.Metrics;

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
    private IProgress<long>? _progress;

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
    /// <param name="paths">The files (any supported format, plain or .gz), read in order.</param>
    /// <param name="readOptions">How to read; default <see cref="ReadOptions.Default"/> (strict, detect the format).</param>
    /// <param name="corpusOptions">Duplicate handling as for a corpus; default <see cref="CorpusOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops every read of these files between records.</param>
    /// <exception cref="ArgumentException">No file is named.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public static PublicationFiles Open(IEnumerable<string> paths, ReadOptions? readOptions = null, CorpusOptions? corpusOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string[] files = [.. paths];
        if (files.Length == 0)
        {
            throw new ArgumentException("Name at least one file.", nameof(paths));
        }

        foreach (var file in files)
        {
            PublicationReader.ThrowIfMissing(file);
        }

        return new PublicationFiles(files, readOptions ?? ReadOptions.Default, corpusOptions ?? CorpusOptions.Default, null, null, null, new ReportHolder(), cancellationToken);
    }

    /// <summary>Only the publications from <paramref name="from"/> to <paramref name="to"/>, as <see cref="Corpus.Years(int, int)"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public PublicationFiles Years(int from, int to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range ends ({to}) before it starts ({from}).");
        }

        return new PublicationFiles(_paths, ReadOptions, CorpusOptions, Math.Max(from, _fromYear ?? from), Math.Min(to, _toYear ?? to), _technologies, _report, CancellationToken) { _progress = _progress };
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
            return new PublicationFiles(_paths, ReadOptions, CorpusOptions, _fromYear, _toYear, [.. technologies.Intersect(_technologies, StringComparer.Ordinal)], _report, CancellationToken) { _progress = _progress };
        }

        return new PublicationFiles(_paths, ReadOptions, CorpusOptions, _fromYear, _toYear, [.. technologies], _report, CancellationToken) { _progress = _progress };
    }

    /// <summary>The same files whose reads report the number of publications aggregated so far to <paramref name="progress"/>, now and then.</summary>
    /// <param name="progress">Receives counts of publications; null for none.</param>
    public PublicationFiles WithProgress(IProgress<long>? progress) =>
        new(_paths, ReadOptions, CorpusOptions, _fromYear, _toYear, _technologies, _report, CancellationToken) { _progress = progress };

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
    /// <param name="progress">Receives the number of publications aggregated so far, now and then; default the one of <see cref="WithProgress"/>.</param>
    /// <exception cref="IngestException">In strict mode, at the first bad record.</exception>
    public CollaborationCube BuildCube(AggregationOptions? options = null, IProgress<long>? progress = null)
    {
        options ??= AggregationOptions.Default;
        options.Validate();
        return Aggregate(options, CubeContent.Full, progress);
    }

    /// <summary>"Publication files: a.csv, b.jsonl".</summary>
    public override string ToString() => $"Publication files: {string.Join(", ", _paths.Select(Path.GetFileName))}";

    /// <summary>Reads the files once and aggregates <paramref name="content"/> of the accepted publications that pass the filters.</summary>
    internal CollaborationCube Aggregate(AggregationOptions options, CubeContent content, IProgress<long>? progress)
    {
        var report = new IngestReport(ReadOptions.MaxIssueSamples);
        var builder = new CubeEngine.StreamBuilder(options, content, progress ?? _progress);
        var seen = _technologies is null ? null : new HashSet<string>(StringComparer.Ordinal);
        bool streamed;
        try
        {
            streamed = Read(report, builder, seen);
        }
        catch
        {
            builder.Abandon();
            throw;
        }

        if (!streamed)
        {
            // A duplicate: the records of one work are merged by the corpus's rule, which may change what the first
            // record counts, so the answer comes from a corpus of the files (exact by construction).
            builder.Abandon();
            var corpus = ReadCorpus();
            _report.Value = corpus.Report;
            CheckTechnologies(corpus.Technologies);
            var view = corpus;
            if (_fromYear is { } from)
            {
                view = from <= _toYear!.Value ? view.Years(from, _toYear.Value) : view.Where(static _ => false);
            }

            if (_technologies is { } technologies)
            {
                view = technologies.Length == 0 ? view.Where(static _ => false) : view.InTechnology(technologies);
            }

            return CubeEngine.BuildFromCorpus(view, options, content, progress ?? _progress, CancellationToken);
        }

        if (seen is not null)
        {
            try
            {
                CheckTechnologies(seen);
            }
            catch
            {
                builder.Abandon();
                throw;
            }
        }

        var cube = builder.Finish();
        _report.Value = report;
        return cube;
    }

    /// <summary>The files read into a corpus, as <see cref="Corpus.FromFilesAsync"/> reads them.</summary>
    private Corpus ReadCorpus() =>
        Corpus.FromFilesAsync(_paths, ReadOptions, CorpusOptions, CancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Reads every file on this thread, each publication straight into the duplicate check and the builder (whose
    /// full batches are aggregated on a second thread). Nothing is queued between threads, so publications die young
    /// and the heap stays small. Returns false, having stopped, at the first record a corpus would merge with another.
    /// </summary>
    private bool Read(IngestReport report, CubeEngine.StreamBuilder? builder, HashSet<string>? seen = null)
    {
        var deduplicator = new StreamDeduplicator(CorpusOptions, report);
        var filter = new RecordFilter(_fromYear, _toYear, _technologies, seen);
        var needs = new RecordNeeds(Institutions: builder?.NeedsInstitutions ?? false, AuthorKeys: false);
        using var records = PublicationReader.OpenRecords(_paths, ReadOptions, report, needs, CancellationToken);
        while (records.MoveNext())
        {
            var batch = records.Batch;
            int k = records.Index;
            if (!deduplicator.Accept(batch, k))
            {
                return false;
            }

            if (builder is not null && filter.Passes(batch, k))
            {
                builder.AddRecord(batch, k);
            }
        }

        return true;
    }

    /// <summary>
    /// The year and technology filters, deciding as the corpus views do. With <c>seen</c>, every label of the files is
    /// collected whatever the year filter (a corpus knows the labels of all its publications).
    /// </summary>
    private sealed class RecordFilter(int? fromYear, int? toYear, string[]? technologies, HashSet<string>? seen)
    {
        private readonly byte[][]? _wanted = technologies?.Where(t => !string.IsNullOrWhiteSpace(t)).Select(Encoding.UTF8.GetBytes).ToArray();
        private RecordBatch? _batch;
        private int _version;
        private sbyte[] _labels = new sbyte[64];

        public bool Passes(RecordBatch batch, int k)
        {
            if (_wanted is not null || seen is not null)
            {
                Classify(batch, k);
            }

            if (fromYear is { } from)
            {
                // A corpus stores a year out of 1..short.MaxValue as 0 (unknown).
                int raw = batch.Year(k);
                int year = raw is > 0 and <= short.MaxValue ? raw : 0;
                if (year < from || year > toYear!.Value)
                {
                    return false;
                }
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
            if (batch != _batch || batch.Version != _version)
            {
                _batch = batch;
                _version = batch.Version;
                if (_labels.Length < batch.TechnologyCount)
                {
                    _labels = new sbyte[Math.Max(batch.TechnologyCount, _labels.Length * 2)];
                }

                Array.Clear(_labels, 0, batch.TechnologyCount);
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
                            seen.Add(text);
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
    /// Throws for a wanted technology that none of <paramref name="seen"/> (the labels of the publications read) is,
    /// naming the closest labels: a label that selects nothing is a typo, not an answer.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2208:Instantiate argument exceptions correctly", Justification = "The wrong argument is the technologies given to InTechnology, checked when the files are read.")]
    private void CheckTechnologies(IEnumerable<string> seen)
    {
        if (_technologies is not { } wanted)
        {
            return;
        }

        var known = seen as IReadOnlyCollection<string> ?? [.. seen];
        foreach (var technology in wanted)
        {
            if (known.Contains(technology, StringComparer.Ordinal))
            {
                continue;
            }

            var closest = Geography.NameDistance.Closest(technology, known);
            throw new ArgumentException(
                known.Count == 0
                    ? $"no publication of the files carries a technology label, so '{technology}' selects nothing."
                    : $"no publication of the files is labelled '{technology}' (labels compare exactly)"
                      + (closest.Count > 0 ? $"; closest: {string.Join(", ", closest.Select(c => $"'{c}'"))}." : "."),
                "technologies");
        }
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
