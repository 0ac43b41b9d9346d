using CollabMetrics.Model;

namespace CollabMetrics.Aggregation;

/// <summary>
/// The one-pass aggregation behind <see cref="CollaborationCube.Build(Corpus, AggregationOptions?, IProgress{long}?, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// Publications are cut into chunks of <see cref="ChunkSize"/> in input order, whatever the number of threads. Each
/// chunk goes into its own accumulator; accumulators are added to the total strictly in chunk order. So every sum
/// is formed in the same order on one thread or many, and results are identical bit for bit.
/// </remarks>
internal static class CubeEngine
{
    internal const int MaxGroups = AggregationOptionsLimits.MaxGroups;

    /// <summary>Publications per chunk: fixed, so that results never depend on the number of threads.</summary>
    internal const int ChunkSize = 1 << 19;

    internal static CollaborationCube BuildFromCorpus(Corpus corpus, AggregationOptions options, IProgress<long>? progress, CancellationToken cancellationToken, int chunkSize = ChunkSize)
    {
        var layout = new UnitLayout(options);
        var storage = corpus.Storage;
        int unitCapacity = layout.IsCountryLevel ? UnitLayout.CountryLevelCapacity : storage.Institutions.Length + 1;
        if (unitCapacity > CubeAccumulator.MaxUnitId)
        {
            throw new InvalidOperationException($"The corpus has {storage.Institutions.Length} institutions; the engine handles at most {CubeAccumulator.MaxUnitId - 1}. Aggregate a subset, or at the country level.");
        }

        var total = OrderedChunks.Run(
            corpus.Count,
            chunkSize,
            options.MaxDegreeOfParallelism,
            () => new CubeAccumulator(),
            () => new PublicationKernel(layout, unitCapacity),
            (kernel, acc, c) => ProcessChunk(corpus, layout, kernel, acc, c, chunkSize),
            CubeAccumulator.AddInto,
            progress,
            cancellationToken);

        var technologyNames = storage.TechnologyNames;
        var institutions = storage.Institutions;
        return CubeFinisher.ToCube(
            total,
            options,
            layout.IsCountryLevel ? layout.CountryUnitOf : id => id == UnitLayout.UnknownId ? Unit.Unknown : InstitutionUnit(institutions[id - 1]),
            slot => technologyNames[slot - 1]);
    }

    internal static CollaborationCube BuildFromStream(IEnumerable<Publication> publications, AggregationOptions options, IProgress<long>? progress, CancellationToken cancellationToken, int chunkSize = ChunkSize)
    {
        var builder = new StreamBuilder(options, progress, chunkSize);
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

    private static Unit InstitutionUnit(Institution institution) => Unit.Institution(institution.Key, institution.ToString());

    /// <summary>Aggregates chunk <paramref name="chunk"/> of the corpus into <paramref name="acc"/>; returns the end position.</summary>
    private static int ProcessChunk(Corpus corpus, UnitLayout layout, PublicationKernel kernel, CubeAccumulator acc, int chunk, int chunkSize)
    {
        var storage = corpus.Storage;
        var years = storage.Years;
        int begin = chunk * chunkSize;
        int end = (int)Math.Min(corpus.Count, (long)begin + chunkSize);
        var order = OrderByYear(corpus, kernel, begin, end);
        for (int i = 0; i < end - begin; i++)
        {
            int k = order[i];
            int entryCount = kernel.Load(storage, k, out int techCount);
            kernel.Process(acc, years[k], entryCount, techCount);
        }

        return end;
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

    /// <summary>
    /// Aggregates publications one at a time: each is decoded into a batch of <see cref="ChunkSize"/> publications
    /// (unit ids, not objects), and full batches are aggregated like corpus chunks, year by year, on a second thread
    /// while the next batch fills (unless <see cref="AggregationOptions.MaxDegreeOfParallelism"/> is 1). Batches are
    /// aggregated one at a time in input order, so the cube is identical to the corpus path's.
    /// </summary>
    internal sealed class StreamBuilder
    {
        private readonly AggregationOptions _options;
        private readonly IProgress<long>? _progress;
        private readonly UnitLayout _layout;
        private readonly PublicationKernel _kernel;
        private CubeAccumulator _total = new();
        private CubeAccumulator _chunk = new();
        private readonly Dictionary<string, int> _technologies = new(StringComparer.Ordinal);
        private readonly List<string> _technologyNames = [];
        private readonly Dictionary<string, int> _institutions = new(StringComparer.Ordinal);
        private readonly List<Unit> _institutionUnits = [];
        private readonly int _chunkSize;
        private readonly bool _background;
        private PublicationBatch _filling;
        private PublicationBatch _spare;
        private Task? _pending;
        private long _count;

        internal StreamBuilder(AggregationOptions options, IProgress<long>? progress, int chunkSize = ChunkSize)
        {
            _chunkSize = chunkSize;
            _options = options;
            _progress = progress;
            _layout = new UnitLayout(options);
            _kernel = new PublicationKernel(_layout, _layout.IsCountryLevel ? UnitLayout.CountryLevelCapacity : 1024);
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

        internal CollaborationCube Finish()
        {
            if (_filling.Count > 0)
            {
                Dispatch();
            }

            _pending?.GetAwaiter().GetResult();
            var names = _technologyNames;
            var institutions = _institutionUnits;
            return CubeFinisher.ToCube(
                _total,
                _options,
                _layout.IsCountryLevel ? _layout.CountryUnitOf : id => id == UnitLayout.UnknownId ? Unit.Unknown : institutions[id - 1],
                slot => names[slot - 1]);
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
            int unitCapacity = _layout.IsCountryLevel ? UnitLayout.CountryLevelCapacity : _institutionUnits.Count + 1;
            if (_background)
            {
                _pending = Task.Run(() => Aggregate(batch, unitCapacity, processed));
            }
            else
            {
                Aggregate(batch, unitCapacity, processed);
            }
        }

        private void Aggregate(PublicationBatch batch, int unitCapacity, long processed)
        {
            _kernel.EnsureUnitCapacity(unitCapacity);
            batch.Aggregate(_kernel, _chunk);
            CubeAccumulator.AddInto(ref _total, ref _chunk);
            _progress?.Report(processed);
        }

        private int UnitOf(Affiliation affiliation)
        {
            if (_layout.IsCountryLevel)
            {
                int id = _layout.TerritoryMap[affiliation.Country.Id];
                return id == 0 ? -1 : id;
            }

            var key = !string.IsNullOrWhiteSpace(affiliation.InstitutionId) ? affiliation.InstitutionId
                : !string.IsNullOrWhiteSpace(affiliation.InstitutionName) ? affiliation.InstitutionName
                : null;
            if (key is null)
            {
                return -1;
            }

            if (!_institutions.TryGetValue(key, out int unit))
            {
                unit = _institutionUnits.Count + 1;
                if (unit > CubeAccumulator.MaxUnitId)
                {
                    throw new InvalidOperationException($"More than {CubeAccumulator.MaxUnitId - 1} institutions: aggregate a subset, or at the country level.");
                }

                _institutions.Add(key, unit);
                _institutionUnits.Add(Unit.Institution(key, affiliation.InstitutionName ?? key));
            }

            return unit;
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

                if (!_technologies.TryGetValue(label, out int id))
                {
                    if (_technologyNames.Count > ushort.MaxValue)
                    {
                        throw new InvalidOperationException($"At most {ushort.MaxValue + 1} distinct technology labels are supported.");
                    }

                    id = _technologyNames.Count;
                    _technologies.Add(label, id);
                    _technologyNames.Add(label);
                }

                batch.AddTechnology(id);
            }
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
