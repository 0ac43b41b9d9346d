using System.Text;
using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics.Aggregation;

/// <summary>
/// The one-pass aggregation behind <see cref="CollaborationCube.Build(Corpus, AggregationOptions?, IProgress{WorkProgress}?, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// Every sum of the cube is formed in input order, whatever the number of threads: a corpus is aggregated year by
/// year, each year by one thread from its first publication to its last, straight into the one accumulator (every
/// key of the accumulator belongs to one year); a stream is decoded into batches that are aggregated one after the
/// other. So results are identical bit for bit on one thread or many, from a corpus or from a stream, and there is no
/// partial accumulator to hold or merge (which matters for institutions: millions of pairs).
/// </remarks>
internal static class CubeEngine
{
    internal const int MaxGroups = AggregationOptionsLimits.MaxGroups;

    /// <summary>Publications per batch of a stream.</summary>
    internal const int ChunkSize = 1 << 19;

    /// <summary>
    /// Publications per batch of a stream read from files (<see cref="PublicationFiles"/>): small enough that the
    /// aggregation keeps pace with the read on its own thread and has little left to do once the read ends, and that
    /// a batch's arrays stay in the cache; large enough that handing a batch over is rare.
    /// </summary>
    internal const int FileStreamChunkSize = 1 << 14;

    internal static CollaborationCube BuildFromCorpus(Corpus corpus, AggregationOptions options, IProgress<long>? progress, CancellationToken cancellationToken) =>
        BuildFromCorpus(corpus, options, CubeContent.Full, progress, cancellationToken);

    /// <summary>
    /// Aggregates a corpus, computing <paramref name="content"/> (the full cube, or what one table needs). A full cube
    /// with technology slices gets the units and pairs of its technology cells on first use when
    /// <paramref name="technologiesOnDemand"/> says so (null: at the institution level, see <see cref="TechnologiesOnDemandByDefault"/>).
    /// The workers take their tables from <paramref name="tablePool"/> when given (and of the content's pair stride),
    /// and give them back.
    /// </summary>
    internal static CollaborationCube BuildFromCorpus(Corpus corpus, AggregationOptions options, CubeContent content, IProgress<long>? progress, CancellationToken cancellationToken, bool? technologiesOnDemand = null, CubeAccumulator.TablePool? tablePool = null)
    {
        if (content.IsFull && options.ByTechnology && (technologiesOnDemand ?? TechnologiesOnDemandByDefault(options)))
        {
            // Every total of every slice and the units and pairs of the all-technologies cells now; those of each
            // technology when a question first reads it, from the same corpus (see TechnologySlicesOnDemand).
            var first = BuildFromCorpus(corpus, options, CubeContent.Full with { AllTechnologySlices = false }, progress, cancellationToken, technologiesOnDemand: false, tablePool);
            return first.WithTechnologiesOnDemand(new TechnologySlicesOnDemand(corpus, options));
        }

        var layout = new UnitLayout(options);
        var storage = corpus.Storage;
        int unitCapacity = layout.IsCountryLevel ? UnitLayout.CountryLevelCapacity : storage.Institutions.Length + 1;
        if (unitCapacity > CubeAccumulator.MaxUnitId)
        {
            throw new InvalidOperationException($"The corpus has {storage.Institutions.Length} institutions; the engine handles at most {CubeAccumulator.MaxUnitId - 1}. Aggregate a subset, or at the country level.");
        }

        int focusId = FocusId(layout, content.PairFocus, key =>
        {
            var institutions = storage.Institutions;
            for (int i = 0; i < institutions.Length; i++)
            {
                if (string.Equals(institutions[i].Key, key, StringComparison.Ordinal))
                {
                    return i + 1;
                }
            }

            return -1;
        });
        var countedTechnologies = new bool[content.AllTechnologySlices || content.Technology is null ? 0 : storage.TechnologyNames.Length];
        for (int t = 0; t < countedTechnologies.Length; t++)
        {
            countedTechnologies[t] = string.Equals(storage.TechnologyNames[t], content.Technology, StringComparison.Ordinal);
        }

        PublicationKernel NewKernel() => new(layout, unitCapacity, content) { PairFocusId = focusId, CountedTechnologies = countedTechnologies };
        var pool = tablePool is not null && tablePool.PairStride == content.PairStride && tablePool.UnitStride == content.UnitStride ? tablePool : null;

        // The publications of each year, in input order (a stable counting sort): a year is one unit of work, done by
        // one thread from start to end, straight into the one accumulator. Every sum is formed in input order.
        var plan = YearPlan.Of(corpus);
        var total = new CubeAccumulator(content.PairStride, content.UnitStride);
        total.Prepare(plan.Years);
        int workers = Math.Min(options.MaxDegreeOfParallelism ?? Environment.ProcessorCount, plan.Years.Length);
        long processed = 0;
        // Each year's tables become compact cells as soon as the year is done, so that only the years in progress
        // are held in hash tables. The cells are keyed by each unit's rank in the cube's order of units (every
        // institution's, or every country's and group's), so that the finished cells need no second sort and no copy.
        var finished = new FinishedYear?[plan.Years.Length];
        var institutions = storage.Institutions;
        Unit UnitOfId(int id) => id == UnitLayout.UnknownId ? Unit.Unknown : InstitutionUnit(institutions[id - 1]);
        int[]? rank = null;
        int[]? idOfRank = null;
        if (layout.IsCountryLevel)
        {
            (rank, idOfRank) = layout.CountryRanks();
        }
        else
        {
            var candidates = new Unit[institutions.Length + 1];
            idOfRank = new int[candidates.Length];
            for (int id = 0; id < candidates.Length; id++)
            {
                candidates[id] = UnitOfId(id);
                idOfRank[id] = id;
            }

            UnitSort.Sort(candidates, idOfRank);
            rank = new int[candidates.Length];
            for (int r = 0; r < idOfRank.Length; r++)
            {
                rank[idOfRank[r]] = r;
            }
        }

        if (workers <= 1)
        {
            var kernel = NewKernel();
            var tables = pool?.Rent() ?? new CubeAccumulator.Tables(content.PairStride, content.UnitStride);
            for (int item = 0; item < plan.Years.Length; item++)
            {
                ProcessYear(corpus, kernel, total, tables, plan, plan.Years[item], progress, ref processed, cancellationToken);
                finished[item] = Finish(total, plan.Years[item], content, rank);
            }

            pool?.Return(tables);
        }
        else
        {
            // Biggest years first, so that the threads finish together.
            int[] work = [.. plan.Years];
            Array.Sort(work, (a, b) => plan.Count(b).CompareTo(plan.Count(a)) is var c && c != 0 ? c : a.CompareTo(b));
            int next = -1;
            var parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
            Parallel.For(0, workers, parallelOptions, _ =>
            {
                var kernel = NewKernel();
                var counters = total.ForWorker();
                var tables = pool?.Rent() ?? new CubeAccumulator.Tables(content.PairStride, content.UnitStride);
                int item;
                while ((item = Interlocked.Increment(ref next)) < work.Length)
                {
                    ProcessYear(corpus, kernel, counters, tables, plan, work[item], progress, ref processed, cancellationToken);
                    finished[Array.BinarySearch(plan.Years, work[item])] = Finish(counters, work[item], content, rank);
                }

                pool?.Return(tables);

                lock (total)
                {
                    total.AddCounters(counters);
                }
            });
        }

        var technologyNames = storage.TechnologyNames;
        var years = new List<FinishedYear>(finished.Length);
        foreach (var year in finished)
        {
            if (year is not null)
            {
                years.Add(year);
            }
        }

        return CubeFinisher.ToCube(
            years,
            total.Diagnostics(),
            options,
            layout.IsCountryLevel ? r => layout.CountryUnitOf(idOfRank![r]) : r => UnitOfId(idOfRank![r]),
            slot => technologyNames[slot - 1],
            content,
            ranked: true);
    }

    /// <summary>
    /// Whether a full cube of a corpus computes its technology cells on first use unless told otherwise: at the
    /// institution level, where those cells hold most of the cube (millions of pairs), and not at the country level,
    /// where they are small and a table of every technology reads them all.
    /// </summary>
    internal static bool TechnologiesOnDemandByDefault(AggregationOptions options) => options.Level == UnitLevel.Institution;

    /// <summary>
    /// The engine id of a pair focus: -1 when there is none or it is not a unit of this build (no pair matches).
    /// <paramref name="institutionId"/> gives the id of an institution key (or -1).
    /// </summary>
    internal static int FocusId(UnitLayout layout, Unit? focus, Func<string, int> institutionId)
    {
        if (focus is not { } unit)
        {
            return -1;
        }

        switch (unit.Kind)
        {
            case UnitKind.Unknown:
                return UnitLayout.UnknownId;
            case UnitKind.Country when layout.IsCountryLevel:
                return layout.TerritoryMap[unit.Id];
            case UnitKind.Group:
                for (int g = 0; g < layout.GroupCount; g++)
                {
                    if (string.Equals(layout.Options.Groups[g].Name, unit.Code, StringComparison.Ordinal))
                    {
                        return UnitLayout.GroupBase + g;
                    }
                }

                return -1;
            case UnitKind.Institution when !layout.IsCountryLevel:
                return institutionId(unit.Code);
            default:
                return -1;
        }
    }

    internal static CollaborationCube BuildFromStream(IEnumerable<Publication> publications, AggregationOptions options, IProgress<long>? progress, CancellationToken cancellationToken, int chunkSize = ChunkSize) =>
        BuildFromStream(publications, options, CubeContent.Full, progress, cancellationToken, chunkSize);

    /// <summary>Aggregates a stream of publications, computing <paramref name="content"/>.</summary>
    internal static CollaborationCube BuildFromStream(IEnumerable<Publication> publications, AggregationOptions options, CubeContent content, IProgress<long>? progress, CancellationToken cancellationToken, int chunkSize = ChunkSize)
    {
        var builder = new StreamBuilder(options, content, progress, chunkSize);
        try
        {
            foreach (var publication in publications)
            {
                cancellationToken.ThrowIfCancellationRequested();
                builder.Add(publication);
            }
        }
        catch
        {
            builder.Abandon();
            throw;
        }

        return builder.Finish();
    }

    /// <summary>The finished cells of <paramref name="year"/> (none for publications without a year), its tables released.</summary>
    private static FinishedYear? Finish(CubeAccumulator acc, int year, CubeContent content, int[]? rank) =>
        year > 0 ? CubeFinisher.FinishYear(acc.Year(year), content, rank) : null;

    private static Unit InstitutionUnit(Institution institution) => Unit.Institution(institution.Key, institution.ToString());

    /// <summary>
    /// Aggregates the publications of year <paramref name="year"/> (0: those without a year) into
    /// <paramref name="acc"/>, in input order, reporting progress and checking cancellation every few thousand. The
    /// year's tables are the worker's <paramref name="tables"/>, lent until the year is finished.
    /// </summary>
    private static void ProcessYear(Corpus corpus, PublicationKernel kernel, CubeAccumulator acc, CubeAccumulator.Tables tables, YearPlan plan, int year, IProgress<long>? progress, ref long processed, CancellationToken cancellationToken)
    {
        if (year > 0)
        {
            acc.Year(year).Borrow(tables);
        }

        var storage = corpus.Storage;
        var years = storage.Years;
        var order = plan.Order;
        int from = plan.Start(year), to = plan.Start(year) + plan.Count(year);
        cancellationToken.ThrowIfCancellationRequested();
        for (int i = from; i < to; i++)
        {
            if (((i - from) & (ProgressInterval - 1)) == ProgressInterval - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(Interlocked.Add(ref processed, ProgressInterval));
            }

            int k = order[i];
            int entryCount = kernel.Load(storage, k, out int techCount);
            kernel.Process(acc, years[k], entryCount, techCount);
        }

        progress?.Report(Interlocked.Add(ref processed, (to - from) & (ProgressInterval - 1)));
    }

    /// <summary>
    /// The storage positions of publications <paramref name="begin"/> to <paramref name="end"/> - 1 of the corpus,
    /// year by year (a stable counting sort, in the kernel's buffer): each year's tables stay hot in cache, and every
    /// key of an accumulator belongs to one year, so each sum still adds its terms in input order.
    /// </summary>
    internal static int[] OrderByYear(Corpus corpus, PublicationKernel kernel, int begin, int end)
    {
        var selection = corpus.Selection;
        var years = corpus.Storage.Years;
        int minYear = int.MaxValue, maxYear = int.MinValue;
        for (int i = begin; i < end; i++)
        {
            int y = years[selection is null ? i : selection[i]];
            minYear = Math.Min(minYear, y);
            maxYear = Math.Max(maxYear, y);
        }

        var order = kernel.OrderBuffer(end - begin);
        if (end > begin)
        {
            var starts = kernel.YearCountBuffer(maxYear - minYear + 2);
            for (int i = begin; i < end; i++)
            {
                starts[years[selection is null ? i : selection[i]] - minYear + 1]++;
            }

            for (int y = 1; y < maxYear - minYear + 2; y++)
            {
                starts[y] += starts[y - 1];
            }

            for (int i = begin; i < end; i++)
            {
                int k = selection is null ? i : selection[i];
                order[starts[years[k] - minYear]++] = k;
            }
        }

        return order;
    }

    /// <summary>Publications between two progress reports (a power of two).</summary>
    private const int ProgressInterval = 1 << 16;

    /// <summary>The publications of a corpus grouped by year, each group in input order.</summary>
    private sealed class YearPlan
    {
        private readonly int _minYear;
        private readonly int[] _starts;

        private YearPlan(int minYear, int[] starts, int[] order, int[] years)
        {
            _minYear = minYear;
            _starts = starts;
            Order = order;
            Years = years;
        }

        /// <summary>Publication indices, grouped by year in ascending order.</summary>
        public int[] Order { get; }

        /// <summary>The years present (0 for publications without a year), ascending.</summary>
        public int[] Years { get; }

        public int Start(int year) => _starts[year - _minYear];

        public int Count(int year) => _starts[year - _minYear + 1] - _starts[year - _minYear];

        public static YearPlan Of(Corpus corpus)
        {
            var years = corpus.Storage.Years;
            var selection = corpus.Selection;
            int count = corpus.Count;
            int minYear = 0, maxYear = 0;
            if (count > 0)
            {
                minYear = int.MaxValue;
                maxYear = int.MinValue;
                for (int i = 0; i < count; i++)
                {
                    int y = years[selection is null ? i : selection[i]];
                    minYear = Math.Min(minYear, y);
                    maxYear = Math.Max(maxYear, y);
                }
            }

            var starts = new int[maxYear - minYear + 2];
            for (int i = 0; i < count; i++)
            {
                starts[years[selection is null ? i : selection[i]] - minYear + 1]++;
            }

            int present = 0;
            for (int y = 1; y < starts.Length; y++)
            {
                present += starts[y] > 0 ? 1 : 0;
                starts[y] += starts[y - 1];
            }

            var order = new int[count];
            var fill = (int[])starts.Clone();
            for (int i = 0; i < count; i++)
            {
                int k = selection is null ? i : selection[i];
                order[fill[years[k] - minYear]++] = k;
            }

            var list = new int[present];
            int n = 0;
            for (int y = 0; y < starts.Length - 1; y++)
            {
                if (starts[y + 1] > starts[y])
                {
                    list[n++] = y + minYear;
                }
            }

            return new YearPlan(minYear, starts, order, list);
        }
    }

    /// <summary>
    /// Aggregates publications one at a time: each is decoded into a batch of <see cref="ChunkSize"/> publications
    /// (unit ids, not objects), and full batches are aggregated year by year into the one accumulator on a second
    /// thread while the next batch fills (unless <see cref="AggregationOptions.MaxDegreeOfParallelism"/> is 1). Batches
    /// are aggregated one at a time in input order, so every sum is formed in input order, as on the corpus path, and
    /// the cube is identical to it.
    /// </summary>
    internal sealed class StreamBuilder
    {
        private readonly AggregationOptions _options;
        private readonly CubeContent _content;
        private readonly IProgress<long>? _progress;
        private readonly UnitLayout _layout;
        private readonly PublicationKernel _kernel;
        private readonly List<bool> _countedTechnologies = [];
        private readonly CubeAccumulator _total;
        private int _focusId;
        private readonly Dictionary<string, int> _technologies = new(StringComparer.Ordinal);
        private readonly List<string> _technologyNames = [];
        private readonly Dictionary<string, int> _institutions = new(StringComparer.Ordinal);
        private readonly List<string> _institutionKeys = [];
        private readonly Dictionary<string, InstitutionNaming> _naming = new(StringComparer.Ordinal);
        private readonly int _chunkSize;
        private readonly bool _background;
        private BatchMapping _mapping;
        private int[] _batchUnits = new int[256];
        private InstitutionNaming?[] _batchNaming = new InstitutionNaming?[256];
        private string?[] _batchNames = new string?[256];
        private int[] _batchTechnologies = new int[64];
        private PublicationBatch _filling;
        private PublicationBatch _spare;
        private Task? _pending;
        private long _count;
        private WorkerSink? _sink;

        internal StreamBuilder(AggregationOptions options, IProgress<long>? progress, int chunkSize = ChunkSize)
            : this(options, CubeContent.Full, progress, chunkSize)
        {
        }

        internal StreamBuilder(AggregationOptions options, CubeContent content, IProgress<long>? progress, int chunkSize = ChunkSize)
        {
            _chunkSize = chunkSize;
            _options = options;
            _content = content;
            _progress = progress;
            _layout = new UnitLayout(options);
            _kernel = new PublicationKernel(_layout, _layout.IsCountryLevel ? UnitLayout.CountryLevelCapacity : 1024, content);
            _total = new CubeAccumulator(content.PairStride, content.UnitStride);
            // Institutions are numbered as they come: the focus institution gets its id when it is first seen.
            _focusId = FocusId(_layout, content.PairFocus, _ => -1);
            _background = options.MaxDegreeOfParallelism is not 1 && Environment.ProcessorCount > 1;
            _filling = new PublicationBatch();
            _spare = new PublicationBatch();
        }

        internal void Add(Publication publication)
        {
            ArgumentNullException.ThrowIfNull(publication);
            var batch = _filling;
            int year = publication.Year is int y and > 0 and <= short.MaxValue ? y : 0;
            batch.BeginPublication(year);
            var authors = publication.Authors;
            for (int a = 0; a < authors.Count; a++)
            {
                var author = authors[a];
                byte flag = (byte)(PublicationKernel.AuthorStart | (author.IsCorresponding ? PublicationKernel.Corresponding : 0));
                var affiliations = author.Affiliations;
                if (affiliations.Count == 0)
                {
                    batch.AddEntry(-1, flag);
                    continue;
                }

                for (int f = 0; f < affiliations.Count; f++)
                {
                    batch.AddEntry(UnitOf(affiliations[f]), flag);
                    flag = 0;
                }
            }

            if (_options.ByTechnology)
            {
                InternTechnologies(publication.Technologies, batch);
            }

            batch.EndPublication();
            if (++_count % _chunkSize == 0)
            {
                Dispatch();
            }
        }

        /// <summary>
        /// Whether the publications can be aggregated on the threads that parse them (<see cref="OnWorkers"/>): at the
        /// country level without technology slices, where a publication's units and the cube's numbering depend on
        /// nothing seen before it. The institution level numbers institutions and technologies as first seen in input
        /// order, so it stays on the reading thread.
        /// </summary>
        internal bool CanAggregateOnWorkers => _layout.IsCountryLevel && !_options.ByTechnology;

        /// <summary>
        /// A sink that aggregates the publications of each parsed chunk on the thread that parsed it, each thread into an
        /// accumulator of its own, merged into this builder's at <see cref="Finish"/> (the sums are exact, so the merge
        /// gives the same cube whatever went where). A publication is aggregated when <paramref name="documents"/> keeps
        /// it and <paramref name="newFilter"/>'s test (one per thread; null for none) passes it, as the reading thread
        /// would decide; batches the sink took (<see cref="RecordBatch.TakenAhead"/>) are not given to <see cref="AddRecord"/>.
        /// </summary>
        /// <exception cref="InvalidOperationException">Not <see cref="CanAggregateOnWorkers"/>, or a sink was made already.</exception>
        internal ChunkSink OnWorkers(DocumentFilter documents, Func<Func<RecordBatch, int, bool>?> newFilter)
        {
            if (!CanAggregateOnWorkers || _sink is not null)
            {
                throw new InvalidOperationException("Only one sink, and only at the country level without technology slices.");
            }

            _sink = new WorkerSink(this, documents, newFilter);
            return _sink;
        }

        /// <summary>Whether the records given to <see cref="AddRecord"/> must carry institutions (the institution level).</summary>
        internal bool NeedsInstitutions => !_layout.IsCountryLevel;

        /// <summary>As <see cref="Add"/>, for publication <paramref name="k"/> of a batch decoded by a reader.</summary>
        internal void AddRecord(RecordBatch source, int k)
        {
            if (_mapping.Update(source, out int institutionsFrom, out int technologiesFrom))
            {
                MapNew(source, institutionsFrom, technologiesFrom);
            }

            var batch = _filling;
            int rawYear = source.Year(k);
            batch.BeginPublication(rawYear is > 0 and <= short.MaxValue ? rawYear : 0);
            bool countryLevel = _layout.IsCountryLevel;
            var territory = _layout.TerritoryMap;
            int authorEnd = source.AuthorEnd(k);
            for (int a = source.AuthorStart(k); a < authorEnd; a++)
            {
                byte flag = (byte)(PublicationKernel.AuthorStart | (source.IsCorresponding(a) ? PublicationKernel.Corresponding : 0));
                int first = source.EntryStart(a), end = source.EntryEnd(a);
                if (first == end)
                {
                    batch.AddEntry(-1, flag);
                    continue;
                }

                for (int e = first; e < end; e++)
                {
                    int unit;
                    if (countryLevel)
                    {
                        unit = territory[source.EntryCountry(e)];
                        unit = unit == 0 ? -1 : unit;
                    }
                    else
                    {
                        int institution = source.EntryInstitution(e);
                        unit = institution < 0 ? -1 : InstitutionUnit(source, institution);
                        if (unit > 0)
                        {
                            // Named over every affiliation, as a corpus names institutions.
                            _batchNaming[institution]!.Add(_batchNames[institution], source.EntryCountry(e));
                        }
                    }

                    batch.AddEntry(unit, flag);
                    flag = 0;
                }
            }

            if (_options.ByTechnology)
            {
                var labels = source.LabelsOf(k);
                for (int i = 0; i < labels.Length; i++)
                {
                    int id = TechnologyId(source, labels[i]);
                    if (id >= 0)
                    {
                        batch.AddTechnology(id);
                    }
                }
            }

            batch.EndPublication();
            if (++_count % _chunkSize == 0)
            {
                Dispatch();
            }
        }

        /// <summary>
        /// Marks the institutions and labels a batch gained since it was last seen as not mapped yet: a reader may add
        /// publications to the batch whose earlier publications were already added.
        /// </summary>
        private void MapNew(RecordBatch source, int institutionsFrom, int technologiesFrom)
        {
            int institutions = source.InstitutionCount;
            BatchMapping.Grow(ref _batchNaming, institutions);
            BatchMapping.Grow(ref _batchNames, institutions);
            BatchMapping.Extend(ref _batchUnits, institutionsFrom, institutions, -2);
            BatchMapping.Extend(ref _batchTechnologies, technologiesFrom, source.TechnologyCount, -2);
        }

        /// <summary>
        /// The unit of institution <paramref name="i"/> of a batch (by its id, else its name), numbered as first seen;
        /// -1 without a key. Its name and naming are kept for the batch (see <see cref="NamingOf"/>).
        /// </summary>
        private int InstitutionUnit(RecordBatch source, int i)
        {
            int unit = _batchUnits[i];
            if (unit == -3)
            {
                unit = UnitOfKey(KeyOf(source, i)!);
                _batchUnits[i] = unit;
            }
            else if (unit == -2)
            {
                var key = NamingOf(source, i);
                unit = key is null ? -1 : UnitOfKey(key);
                _batchUnits[i] = unit;
            }

            return unit;
        }

        /// <summary>
        /// The key of institution <paramref name="i"/> of a batch (its id, else its name), or null; its name and the
        /// naming of its key are kept for the batch, so each affiliation counts its name without a new string.
        /// </summary>
        private string? NamingOf(RecordBatch source, int i)
        {
            string? id = source.HasInstitutionId(i) ? Encoding.UTF8.GetString(source.InstitutionId(i)) : null;
            string? name = source.HasInstitutionName(i) ? Encoding.UTF8.GetString(source.InstitutionName(i)) : null;
            var key = !string.IsNullOrWhiteSpace(id) ? id : !string.IsNullOrWhiteSpace(name) ? name : null;
            if (key is null)
            {
                return null;
            }

            if (!_naming.TryGetValue(key, out var naming))
            {
                naming = new InstitutionNaming();
                _naming.Add(key, naming);
            }

            _batchNaming[i] = naming;
            _batchNames[i] = name;
            return key;
        }

        /// <summary>
        /// As <see cref="Observe"/>, for publication <paramref name="k"/> of a batch: its institutions' names are counted,
        /// the publication is not.
        /// </summary>
        internal void ObserveRecord(RecordBatch source, int k)
        {
            if (_layout.IsCountryLevel)
            {
                return;
            }

            if (_mapping.Update(source, out int institutionsFrom, out int technologiesFrom))
            {
                MapNew(source, institutionsFrom, technologiesFrom);
            }

            int authorEnd = source.AuthorEnd(k);
            for (int a = source.AuthorStart(k); a < authorEnd; a++)
            {
                int end = source.EntryEnd(a);
                for (int e = source.EntryStart(a); e < end; e++)
                {
                    int institution = source.EntryInstitution(e);
                    if (institution < 0)
                    {
                        continue;
                    }

                    if (_batchUnits[institution] == -2)
                    {
                        // Named, not numbered: a unit is made when a counted publication holds it.
                        _batchUnits[institution] = NamingOf(source, institution) is null ? -1 : -3;
                    }

                    if (_batchUnits[institution] != -1)
                    {
                        _batchNaming[institution]!.Add(_batchNames[institution], source.EntryCountry(e));
                    }
                }
            }
        }

        /// <summary>The technology id of label <paramref name="label"/> of a batch, numbered as first seen; -1 for a blank label.</summary>
        private int TechnologyId(RecordBatch source, int label)
        {
            int id = _batchTechnologies[label];
            if (id == -2)
            {
                var text = source.LabelText(label);
                id = string.IsNullOrWhiteSpace(text) ? -1 : InternTechnology(text);
                _batchTechnologies[label] = id;
            }

            return id;
        }

        internal CollaborationCube Finish()
        {
            if (_filling.Count > 0)
            {
                Dispatch();
            }

            _pending?.GetAwaiter().GetResult();
            var total = _sink?.Merge(_total) ?? _total;
            var names = _technologyNames;
            if (_layout.IsCountryLevel)
            {
                // Cells keyed by rank: the finished cells are the cube's, without a second sort or copy.
                var (rank, idOfRank) = _layout.CountryRanks();
                return CubeFinisher.ToCube(total, _options, r => _layout.CountryUnitOf(idOfRank[r]), slot => names[slot - 1], _content, rank);
            }

            var institutions = new Unit[_institutionKeys.Count];
            for (int i = 0; i < institutions.Length; i++)
            {
                var key = _institutionKeys[i];
                institutions[i] = Unit.Institution(key, _naming[key].Name ?? key);
            }

            return CubeFinisher.ToCube(
                total,
                _options,
                id => id == UnitLayout.UnknownId ? Unit.Unknown : institutions[id - 1],
                slot => names[slot - 1],
                _content);
        }

        /// <summary>Waits for the batch being aggregated, if any, ignoring its outcome: the build failed or was cancelled.</summary>
        internal void Abandon()
        {
            try
            {
                _pending?.GetAwaiter().GetResult();
            }
#pragma warning disable CA1031 // The build already failed; the first error is the one to report.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        /// <summary>Hands the full batch to the aggregation (after the previous one is done) and starts filling the other.</summary>
        private void Dispatch()
        {
            _pending?.GetAwaiter().GetResult();
            var batch = _filling;
            _filling = _spare;
            _spare = batch;
            _filling.Clear();
            long processed = _count;
            int unitCapacity = _layout.IsCountryLevel ? UnitLayout.CountryLevelCapacity : _institutionKeys.Count + 1;
            int focusId = _focusId;
            bool[] counted = [.. _countedTechnologies];
            if (_background)
            {
                _pending = Task.Run(() => Aggregate(batch, unitCapacity, focusId, counted, processed));
            }
            else
            {
                Aggregate(batch, unitCapacity, focusId, counted, processed);
            }
        }

        private void Aggregate(PublicationBatch batch, int unitCapacity, int focusId, bool[] countedTechnologies, long processed)
        {
            _kernel.EnsureUnitCapacity(unitCapacity);
            _kernel.PairFocusId = focusId;
            _kernel.CountedTechnologies = countedTechnologies;
            batch.Aggregate(_kernel, _total);
            _progress?.Report(processed);
        }

        /// <summary>The sink of <see cref="OnWorkers"/>: one <see cref="ChunkAggregator"/> per parse worker.</summary>
        private sealed class WorkerSink(StreamBuilder owner, DocumentFilter documents, Func<Func<RecordBatch, int, bool>?> newFilter) : ChunkSink
        {
            private readonly List<ChunkAggregator> _workers = [];
            private readonly Lock _gate = new();
            private long _aggregated;
            private long _reported;

            internal override IChunkSinkWorker NewWorker()
            {
                var worker = new ChunkAggregator(this, owner, documents, newFilter());
                lock (_gate)
                {
                    _workers.Add(worker);
                }

                return worker;
            }

            /// <summary>Counts publications aggregated by a worker, reporting progress every chunk size.</summary>
            internal void Aggregated(int publications)
            {
                if (owner._progress is null || publications == 0)
                {
                    return;
                }

                lock (_gate)
                {
                    _aggregated += publications;
                    if (_aggregated - _reported >= owner._chunkSize)
                    {
                        _reported = _aggregated;
                        owner._progress.Report(_aggregated);
                    }
                }
            }

            /// <summary>
            /// The workers' accumulators and <paramref name="total"/> (what this thread aggregated) merged into one, and the
            /// publications aggregated reported. An empty <paramref name="total"/> is left out, so that no third copy of
            /// the tables is made; each merged accumulator is let go.
            /// </summary>
            internal CubeAccumulator Merge(CubeAccumulator total)
            {
                lock (_gate)
                {
                    var target = total;
                    int first = 0;
                    if (_workers.Count > 0 && total.Publications == 0)
                    {
                        target = _workers[0].Accumulator;
                        first = 1;
                    }

                    for (int i = first; i < _workers.Count; i++)
                    {
                        target.Merge(_workers[i].Accumulator);
                    }

                    _workers.Clear();
                    if (_aggregated != _reported)
                    {
                        _reported = _aggregated;
                        owner._progress?.Report(_aggregated);
                    }

                    return target;
                }
            }
        }

        /// <summary>
        /// One parse worker's aggregation: the publications of each chunk it parsed, in year order (as a batch of the
        /// reading thread is), into its own kernel and accumulator. No allocation per publication.
        /// </summary>
        private sealed class ChunkAggregator : IChunkSinkWorker
        {
            private readonly WorkerSink _sink;
            private readonly DocumentFilter _documents;
            private readonly Func<RecordBatch, int, bool>? _filter;
            private readonly PublicationKernel _kernel;
            private readonly ushort[] _territory;
            private int[] _picked = new int[1024];

            internal ChunkAggregator(WorkerSink sink, StreamBuilder owner, DocumentFilter documents, Func<RecordBatch, int, bool>? filter)
            {
                _sink = sink;
                _documents = documents;
                _filter = filter;
                _kernel = new PublicationKernel(owner._layout, UnitLayout.CountryLevelCapacity, owner._content) { PairFocusId = owner._focusId };
                _territory = owner._layout.TerritoryMap;
                Accumulator = new CubeAccumulator(owner._content.PairStride, owner._content.UnitStride);
            }

            internal CubeAccumulator Accumulator { get; }

            public int Take(RecordBatch batch, ReadEventLog log)
            {
                int publications = 0, count = 0;
                int minYear = int.MaxValue, maxYear = int.MinValue;
                for (int i = 0; i < log.Count; i++)
                {
                    var e = log[i];
                    if (e.Kind != ReadEventKind.Publication)
                    {
                        continue;
                    }

                    publications++;
                    int k = e.Index;
                    if (_documents.Excludes(batch.Document(k), batch.AuthorEnd(k) - batch.AuthorStart(k)) is not null || (_filter is not null && !_filter(batch, k)))
                    {
                        continue;
                    }

                    if (count == _picked.Length)
                    {
                        Array.Resize(ref _picked, count * 2);
                    }

                    _picked[count++] = k;
                    int year = YearOf(batch, k);
                    minYear = Math.Min(minYear, year);
                    maxYear = Math.Max(maxYear, year);
                }

                if (count > 0)
                {
                    Aggregate(batch, count, minYear, maxYear);
                    _sink.Aggregated(count);
                }

                return publications;
            }

            private static int YearOf(RecordBatch batch, int k)
            {
                int raw = batch.Year(k);
                return raw is > 0 and <= short.MaxValue ? raw : 0;
            }

            /// <summary>Aggregates the picked publications year by year (stable), keeping the tables of one year hot.</summary>
            private void Aggregate(RecordBatch batch, int count, int minYear, int maxYear)
            {
                var kernel = _kernel;
                var picked = _picked;
                var order = kernel.OrderBuffer(count);
                var starts = kernel.YearCountBuffer(maxYear - minYear + 2);
                for (int i = 0; i < count; i++)
                {
                    starts[YearOf(batch, picked[i]) - minYear + 1]++;
                }

                for (int y = 1; y < maxYear - minYear + 2; y++)
                {
                    starts[y] += starts[y - 1];
                }

                for (int i = 0; i < count; i++)
                {
                    int k = picked[i];
                    order[starts[YearOf(batch, k) - minYear]++] = k;
                }

                var territory = _territory;
                var acc = Accumulator;
                for (int i = 0; i < count; i++)
                {
                    int k = order[i];
                    int authorStart = batch.AuthorStart(k), authorEnd = batch.AuthorEnd(k);

                    // The publication's affiliations are contiguous; an author without one takes one entry.
                    int entries = authorEnd > authorStart ? batch.EntryEnd(authorEnd - 1) - batch.EntryStart(authorStart) : 0;
                    kernel.EnsureCapacity(entries + (authorEnd - authorStart), 0);
                    var units = kernel.EntryUnits;
                    var flags = kernel.EntryFlags;
                    int n = 0;
                    for (int a = authorStart; a < authorEnd; a++)
                    {
                        byte flag = (byte)(PublicationKernel.AuthorStart | (batch.IsCorresponding(a) ? PublicationKernel.Corresponding : 0));
                        int first = batch.EntryStart(a), end = batch.EntryEnd(a);
                        if (first == end)
                        {
                            units[n] = -1;
                            flags[n++] = flag;
                            continue;
                        }

                        for (int e = first; e < end; e++)
                        {
                            int unit = territory[batch.EntryCountry(e)];
                            units[n] = unit == 0 ? -1 : unit;
                            flags[n++] = flag;
                            flag = 0;
                        }
                    }

                    kernel.Process(acc, YearOf(batch, k), n, 0);
                }
            }
        }

        private int UnitOf(Affiliation affiliation)
        {
            if (_layout.IsCountryLevel)
            {
                int id = _layout.TerritoryMap[affiliation.Country.Id];
                return id == 0 ? -1 : id;
            }

            var key = Name(affiliation);
            return key is null ? -1 : UnitOfKey(key);
        }

        /// <summary>The key of institution <paramref name="i"/> of a batch (its id, else its name), or null.</summary>
        private static string? KeyOf(RecordBatch source, int i)
        {
            string? id = source.HasInstitutionId(i) ? Encoding.UTF8.GetString(source.InstitutionId(i)) : null;
            if (!string.IsNullOrWhiteSpace(id))
            {
                return id;
            }

            string? name = source.HasInstitutionName(i) ? Encoding.UTF8.GetString(source.InstitutionName(i)) : null;
            return !string.IsNullOrWhiteSpace(name) ? name : null;
        }

        /// <summary>The unit of an institution key, numbered as first seen.</summary>
        private int UnitOfKey(string key)
        {
            if (!_institutions.TryGetValue(key, out int unit))
            {
                unit = _institutionKeys.Count + 1;
                if (unit > CubeAccumulator.MaxUnitId)
                {
                    throw new InvalidOperationException($"More than {CubeAccumulator.MaxUnitId - 1} institutions: aggregate a subset, or at the country level.");
                }

                _institutions.Add(key, unit);
                _institutionKeys.Add(key);
                if (_content.PairFocus is { Kind: UnitKind.Institution } focus && string.Equals(focus.Code, key, StringComparison.Ordinal))
                {
                    _focusId = unit;
                }
            }

            return unit;
        }

        /// <summary>
        /// Takes note of the institution names of a publication that is not counted (left out by a filter): institutions
        /// are named over all the publications read, as a corpus names them over all of its publications.
        /// </summary>
        internal void Observe(Publication publication)
        {
            ArgumentNullException.ThrowIfNull(publication);
            if (_layout.IsCountryLevel)
            {
                return;
            }

            var authors = publication.Authors;
            for (int a = 0; a < authors.Count; a++)
            {
                var affiliations = authors[a].Affiliations;
                for (int f = 0; f < affiliations.Count; f++)
                {
                    Name(affiliations[f]);
                }
            }
        }

        /// <summary>The institution key of an affiliation (its id, else its name), or null; its name is counted for the institution's label.</summary>
        private string? Name(Affiliation affiliation)
        {
            var key = !string.IsNullOrWhiteSpace(affiliation.InstitutionId) ? affiliation.InstitutionId
                : !string.IsNullOrWhiteSpace(affiliation.InstitutionName) ? affiliation.InstitutionName
                : null;
            if (key is null)
            {
                return null;
            }

            if (!_naming.TryGetValue(key, out var naming))
            {
                naming = new InstitutionNaming();
                _naming.Add(key, naming);
            }

            naming.Add(affiliation.InstitutionName, affiliation.Country.Id);
            return key;
        }

        private void InternTechnologies(IReadOnlyList<string> labels, PublicationBatch batch)
        {
            for (int i = 0; i < labels.Count; i++)
            {
                var label = labels[i];
                if (string.IsNullOrWhiteSpace(label))
                {
                    continue;
                }

                batch.AddTechnology(InternTechnology(label));
            }
        }

        private int InternTechnology(string label)
        {
            if (!_technologies.TryGetValue(label, out int id))
            {
                if (_technologyNames.Count > ushort.MaxValue)
                {
                    throw new InvalidOperationException($"At most {ushort.MaxValue + 1} distinct technology labels are supported.");
                }

                id = _technologyNames.Count;
                _technologies.Add(label, id);
                _technologyNames.Add(label);
                _countedTechnologies.Add(!_content.AllTechnologySlices && string.Equals(label, _content.Technology, StringComparison.Ordinal));
            }

            return id;
        }
    }

    /// <summary>Decoded publications waiting to be aggregated: years, unit ids and flags per entry, technology ids.</summary>
    private sealed class PublicationBatch
    {
        private GrowableArray<short> _years = new(1024);
        private GrowableArray<int> _entryStart = new(1024);
        private GrowableArray<int> _units = new(4096);
        private GrowableArray<byte> _flags = new(4096);
        private GrowableArray<int> _techStart = new(1024);
        private GrowableArray<int> _techIds = new(1024);
        private int _publicationTechStart;

        public PublicationBatch() => Clear();

        public int Count => _years.Count;

        public void Clear()
        {
            _years.Clear();
            _entryStart.Clear();
            _units.Clear();
            _flags.Clear();
            _techStart.Clear();
            _techIds.Clear();
            _entryStart.Add(0);
            _techStart.Add(0);
        }

        public void BeginPublication(int year)
        {
            _years.Add((short)year);
            _publicationTechStart = _techIds.Count;
        }

        public void AddEntry(int unit, byte flags)
        {
            _units.Add(unit);
            _flags.Add(flags);
        }

        /// <summary>Adds a technology id unless the publication has it already.</summary>
        public void AddTechnology(int id)
        {
            for (int j = _publicationTechStart; j < _techIds.Count; j++)
            {
                if (_techIds[j] == id)
                {
                    return;
                }
            }

            _techIds.Add(id);
        }

        public void EndPublication()
        {
            _entryStart.Add(_units.Count);
            _techStart.Add(_techIds.Count);
        }

        /// <summary>Aggregates the batch into <paramref name="acc"/>, year by year (stable), like a corpus chunk.</summary>
        public void Aggregate(PublicationKernel kernel, CubeAccumulator acc)
        {
            int count = Count;
            if (count == 0)
            {
                return;
            }

            int minYear = int.MaxValue, maxYear = int.MinValue;
            for (int i = 0; i < count; i++)
            {
                minYear = Math.Min(minYear, _years[i]);
                maxYear = Math.Max(maxYear, _years[i]);
            }

            var order = kernel.OrderBuffer(count);
            var starts = kernel.YearCountBuffer(maxYear - minYear + 2);
            for (int i = 0; i < count; i++)
            {
                starts[_years[i] - minYear + 1]++;
            }

            for (int y = 1; y < maxYear - minYear + 2; y++)
            {
                starts[y] += starts[y - 1];
            }

            for (int i = 0; i < count; i++)
            {
                order[starts[_years[i] - minYear]++] = i;
            }

            for (int i = 0; i < count; i++)
            {
                int k = order[i];
                int first = _entryStart[k], entryCount = _entryStart[k + 1] - first;
                int techFirst = _techStart[k], techCount = _techStart[k + 1] - techFirst;
                kernel.EnsureCapacity(entryCount, techCount);
                var units = kernel.EntryUnits;
                var flags = kernel.EntryFlags;
                for (int j = 0; j < entryCount; j++)
                {
                    units[j] = _units[first + j];
                    flags[j] = _flags[first + j];
                }

                var technologies = kernel.Technologies;
                for (int t = 0; t < techCount; t++)
                {
                    technologies[t] = _techIds[techFirst + t];
                }

                kernel.Process(acc, _years[k], entryCount, techCount);
            }
        }
    }
}
