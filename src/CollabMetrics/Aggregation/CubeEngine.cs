using System.Collections.Concurrent;
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

        int count = corpus.Count;
        int chunks = (int)(((long)count + chunkSize - 1) / chunkSize);
        var total = new CubeAccumulator();
        int workers = Math.Min(options.MaxDegreeOfParallelism ?? Environment.ProcessorCount, chunks);
        if (workers <= 1)
        {
            var kernel = new PublicationKernel(layout, unitCapacity);
            var acc = new CubeAccumulator();
            for (int c = 0; c < chunks; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                acc.Clear();
                int end = ProcessChunk(corpus, layout, kernel, acc, c, chunkSize);
                total.MergeFrom(acc);
                progress?.Report(end);
            }
        }
        else
        {
            var ready = new CubeAccumulator?[chunks];
            var pool = new ConcurrentBag<CubeAccumulator>();
            var gate = new object();
            int nextChunk = -1, nextToMerge = 0;
            long processed = 0;
            var parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
            Parallel.For(0, workers, parallelOptions, _ =>
            {
                var kernel = new PublicationKernel(layout, unitCapacity);
                int c;
                while ((c = Interlocked.Increment(ref nextChunk)) < chunks)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!pool.TryTake(out var acc))
                    {
                        acc = new CubeAccumulator();
                    }

                    int end = ProcessChunk(corpus, layout, kernel, acc, c, chunkSize);
                    lock (gate)
                    {
                        // Add finished chunks to the total strictly in chunk order.
                        ready[c] = acc;
                        while (nextToMerge < chunks && ready[nextToMerge] is { } next)
                        {
                            total.MergeFrom(next);
                            ready[nextToMerge] = null;
                            next.Clear();
                            pool.Add(next);
                            nextToMerge++;
                        }
                    }

                    progress?.Report(Interlocked.Add(ref processed, end - ((long)c * chunkSize)));
                }
            });
        }

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
        foreach (var publication in publications)
        {
            cancellationToken.ThrowIfCancellationRequested();
            builder.Add(publication);
        }

        return builder.Finish();
    }

    private static Unit InstitutionUnit(Institution institution) => Unit.Institution(institution.Key, institution.ToString());

    /// <summary>Aggregates chunk <paramref name="chunk"/> of the corpus into <paramref name="acc"/>; returns the end position.</summary>
    private static int ProcessChunk(Corpus corpus, UnitLayout layout, PublicationKernel kernel, CubeAccumulator acc, int chunk, int chunkSize)
    {
        var storage = corpus.Storage;
        var selection = corpus.Selection;
        var years = storage.Years;
        var entryStart = storage.EntryStart;
        var entries = storage.Entries;
        var techStart = storage.TechStart;
        var techIds = storage.TechIds;
        var institutionCountries = storage.InstitutionCountries;
        var institutionUnits = storage.InstitutionUnits;
        var territory = layout.TerritoryMap;
        bool countryLevel = layout.IsCountryLevel;
        int begin = chunk * chunkSize;
        int end = (int)Math.Min(corpus.Count, (long)begin + chunkSize);

        // Visit the chunk year by year (a stable counting sort): each year's tables stay hot in cache. Every key of
        // the accumulator belongs to one year, so each sum still adds its terms in input order.
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

        for (int i = 0; i < end - begin; i++)
        {
            int k = order[i];
            int first = entryStart[k], entryCount = entryStart[k + 1] - first;
            int techFirst = techStart[k], techCount = techStart[k + 1] - techFirst;
            kernel.EnsureCapacity(entryCount, techCount);
            var units = kernel.EntryUnits;
            var flags = kernel.EntryFlags;
            for (int j = 0; j < entryCount; j++)
            {
                uint entry = entries[first + j];
                uint value = entry & CorpusStorage.ValueMask;
                bool institution = (entry & CorpusStorage.InstitutionFlag) != 0;
                int unit;
                if (countryLevel)
                {
                    unit = territory[institution ? institutionCountries[value] : (int)value];
                    if (unit == 0)
                    {
                        unit = -1;
                    }
                }
                else
                {
                    unit = institution ? institutionUnits[value] + 1 : -1;
                }

                units[j] = unit;
                flags[j] = (byte)(entry >> 30);
            }

            var technologies = kernel.Technologies;
            for (int t = 0; t < techCount; t++)
            {
                technologies[t] = techIds[techFirst + t];
            }

            kernel.Process(acc, years[k], entryCount, techCount);
        }

        return end;
    }

    /// <summary>Aggregates publications one at a time (single-threaded, same chunking as the corpus path).</summary>
    internal sealed class StreamBuilder
    {
        private readonly AggregationOptions _options;
        private readonly IProgress<long>? _progress;
        private readonly UnitLayout _layout;
        private readonly PublicationKernel _kernel;
        private readonly CubeAccumulator _total = new();
        private readonly CubeAccumulator _chunk = new();
        private readonly Dictionary<string, int> _technologies = new(StringComparer.Ordinal);
        private readonly List<string> _technologyNames = [];
        private readonly Dictionary<string, int> _institutions = new(StringComparer.Ordinal);
        private readonly List<Unit> _institutionUnits = [];
        private readonly int _chunkSize;
        private long _count;

        internal StreamBuilder(AggregationOptions options, IProgress<long>? progress, int chunkSize = ChunkSize)
        {
            _chunkSize = chunkSize;
            _options = options;
            _progress = progress;
            _layout = new UnitLayout(options);
            _kernel = new PublicationKernel(_layout, _layout.IsCountryLevel ? UnitLayout.CountryLevelCapacity : 1024);
        }

        internal void Add(Publication publication)
        {
            ArgumentNullException.ThrowIfNull(publication);
            var authors = publication.Authors;
            int entryCount = 0;
            for (int a = 0; a < authors.Count; a++)
            {
                entryCount += Math.Max(1, authors[a].Affiliations.Count);
            }

            var labels = publication.Technologies;
            _kernel.EnsureCapacity(entryCount, labels.Count);
            var units = _kernel.EntryUnits;
            var flags = _kernel.EntryFlags;
            int e = 0;
            for (int a = 0; a < authors.Count; a++)
            {
                var author = authors[a];
                byte flag = (byte)(PublicationKernel.AuthorStart | (author.IsCorresponding ? PublicationKernel.Corresponding : 0));
                var affiliations = author.Affiliations;
                if (affiliations.Count == 0)
                {
                    units[e] = -1;
                    flags[e++] = flag;
                    continue;
                }

                for (int f = 0; f < affiliations.Count; f++)
                {
                    units[e] = UnitOf(affiliations[f]);
                    flags[e++] = flag;
                    flag = 0;
                }
            }

            int techCount = InternTechnologies(labels);
            int year = publication.Year is int y and > 0 and <= short.MaxValue ? y : 0;
            _kernel.Process(_chunk, year, entryCount, techCount);
            if (++_count % _chunkSize == 0)
            {
                FlushChunk();
            }
        }

        internal CollaborationCube Finish()
        {
            if (_count % _chunkSize != 0)
            {
                FlushChunk();
            }

            var names = _technologyNames;
            var institutions = _institutionUnits;
            return CubeFinisher.ToCube(
                _total,
                _options,
                _layout.IsCountryLevel ? _layout.CountryUnitOf : id => id == UnitLayout.UnknownId ? Unit.Unknown : institutions[id - 1],
                slot => names[slot - 1]);
        }

        private void FlushChunk()
        {
            _total.MergeFrom(_chunk);
            _chunk.Clear();
            _progress?.Report(_count);
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
                _kernel.EnsureUnitCapacity(unit + 1);
            }

            return unit;
        }

        private int InternTechnologies(IReadOnlyList<string> labels)
        {
            if (!_options.ByTechnology)
            {
                return 0;
            }

            var ids = _kernel.Technologies;
            int count = 0;
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

                bool seen = false;
                for (int j = 0; j < count; j++)
                {
                    seen |= ids[j] == id;
                }

                if (!seen)
                {
                    ids[count++] = id;
                }
            }

            return count;
        }
    }
}
