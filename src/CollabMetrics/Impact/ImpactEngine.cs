using System.Collections.Concurrent;
using CollabMetrics.Aggregation;
using CollabMetrics.Model;

namespace CollabMetrics.Impact;

/// <summary>
/// The one-pass impact aggregation of a corpus into <see cref="ImpactStatistics"/>: per (year, technology) the
/// citation histogram of the reference set and of every unit and pair of units.
/// </summary>
/// <remarks>
/// <para>
/// Each publication goes through the collaboration cube's <see cref="PublicationKernel"/> (the same units, author
/// credit f(k,i), m_k, groups and pairs as the cube), which then hands its contributions here instead of adding them
/// to a cube. A publication with a year, a unit and a citation count c adds, in the slot of all technologies and in
/// the slot of each of its technologies (times 1, or 1/t with fractional technology assignment): one to the reference
/// set's count of c; to each of its units' histograms at c its count, phi f(k,i), and phi under its collaboration
/// type (m_k = 1, 2, 3+); phi to each of its pairs' histograms at c.
/// </para>
/// <para>
/// Chunks of <see cref="CubeEngine.ChunkSize"/> publications in input order are aggregated in parallel and added to
/// the total strictly in chunk order, as the cube does: the statistics are identical bit for bit whatever the number
/// of threads.
/// </para>
/// </remarks>
internal static class ImpactEngine
{
    /// <summary>Aggregates a corpus or view.</summary>
    /// <param name="corpus">The corpus.</param>
    /// <param name="options">The aggregation options (level, territory, technologies, unknown authors, groups, threads).</param>
    /// <param name="referenceClasses">
    /// Optional reference-set class of each publication of the underlying storage (such as a document type), indexed by
    /// storage position: publications of different classes form different reference sets. Null for one class.
    /// </param>
    /// <param name="progress">Receives the number of publications processed.</param>
    /// <param name="chunkSize">Publications per chunk (tests use small chunks).</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    internal static ImpactStatistics Build(
        Corpus corpus, AggregationOptions options, byte[]? referenceClasses = null,
        IProgress<long>? progress = null, int chunkSize = CubeEngine.ChunkSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var storage = corpus.Storage;
        if (referenceClasses is not null && referenceClasses.Length != storage.Count)
        {
            throw new ArgumentException($"Give one reference-set class per publication of the underlying corpus ({storage.Count}), not {referenceClasses.Length}.", nameof(referenceClasses));
        }

        var layout = new UnitLayout(options);
        int unitCapacity = layout.IsCountryLevel ? UnitLayout.CountryLevelCapacity : storage.Institutions.Length + 1;
        if (unitCapacity > CubeAccumulator.MaxUnitId)
        {
            throw new InvalidOperationException($"The corpus has {storage.Institutions.Length} institutions; the engine handles at most {CubeAccumulator.MaxUnitId - 1}. Aggregate a subset, or at the country level.");
        }

        int count = corpus.Count;
        int chunks = (int)(((long)count + chunkSize - 1) / chunkSize);
        var total = new ImpactAccumulator();
        int workers = Math.Min(options.MaxDegreeOfParallelism ?? Environment.ProcessorCount, chunks);
        var source = new Source(corpus, layout, referenceClasses);
        if (workers <= 1)
        {
            var kernel = new PublicationKernel(layout, unitCapacity) { AddsToCube = false };
            var acc = new ImpactAccumulator();
            for (int c = 0; c < chunks; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int end = source.ProcessChunk(kernel, acc, c, chunkSize);
                ImpactAccumulator.AddInto(ref total, ref acc);
                progress?.Report(end);
            }
        }
        else
        {
            var ready = new ImpactAccumulator?[chunks];
            var pool = new ConcurrentBag<ImpactAccumulator>();
            var gate = new object();
            int nextChunk = -1, nextToMerge = 0;
            long processed = 0;
            var parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
            Parallel.For(0, workers, parallelOptions, _ =>
            {
                var kernel = new PublicationKernel(layout, unitCapacity) { AddsToCube = false };
                int c;
                while ((c = Interlocked.Increment(ref nextChunk)) < chunks)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!pool.TryTake(out var acc))
                    {
                        acc = new ImpactAccumulator();
                    }

                    int end = source.ProcessChunk(kernel, acc, c, chunkSize);
                    lock (gate)
                    {
                        // Add finished chunks to the total strictly in chunk order.
                        ready[c] = acc;
                        while (nextToMerge < chunks && ready[nextToMerge] is { } next)
                        {
                            ImpactAccumulator.AddInto(ref total, ref next);
                            ready[nextToMerge] = null;
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
        return ImpactFinisher.ToStatistics(
            total,
            options,
            referenceClasses is not null,
            layout.IsCountryLevel ? layout.CountryUnitOf : id => id == UnitLayout.UnknownId ? Unit.Unknown : InstitutionUnit(institutions[id - 1]),
            slot => technologyNames[slot - 1]);
    }

    private static Unit InstitutionUnit(Institution institution) => Unit.Institution(institution.Key, institution.ToString());

    /// <summary>Reads publications from the corpus storage into a kernel, and the kernel's contributions into an accumulator.</summary>
    private sealed class Source(Corpus corpus, UnitLayout layout, byte[]? referenceClasses)
    {
        private readonly bool _byTechnology = layout.Options.ByTechnology;
        private readonly bool _fractional = layout.Options.Technologies == TechnologyAssignment.Fractional;

        /// <summary>Aggregates chunk <paramref name="chunk"/> of the corpus into <paramref name="acc"/>; returns the end position.</summary>
        internal int ProcessChunk(PublicationKernel kernel, ImpactAccumulator acc, int chunk, int chunkSize)
        {
            var storage = corpus.Storage;
            var selection = corpus.Selection;
            var years = storage.Years;
            var citations = storage.Citations;
            int begin = chunk * chunkSize;
            int end = (int)Math.Min(corpus.Count, (long)begin + chunkSize);

            // Visit the chunk year by year (a stable counting sort): each year's tables stay hot in cache, and each sum
            // still adds its terms in input order.
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

            var counters = acc.Counters;
            for (int i = 0; i < end - begin; i++)
            {
                int k = order[i];
                int techCount = Decode(storage, kernel, k, out int entryCount);
                int year = years[k];
                kernel.Process(counters, year, entryCount, techCount);
                if (kernel.DistinctUnits == 0)
                {
                    continue;
                }

                int c = citations is null ? CorpusStorage.NoCitations : citations[k];
                if (c < 0)
                {
                    acc.WithoutCitationCount++;
                    continue;
                }

                acc.WithCitationCount++;
                long value = ReferenceCell.ValueOf(referenceClasses is null ? 0 : referenceClasses[k], c);
                Add(acc.Year(year), kernel, value, techCount);
            }

            return end;
        }

        /// <summary>Adds one counted publication with a citation count to its year's histograms.</summary>
        private void Add(ImpactAccumulator.YearTables tables, PublicationKernel kernel, long value, int techCount)
        {
            int valueId = tables.ValueId(value);
            int m = kernel.DistinctUnits;
            int type = m == 1 ? ReferenceCell.Domestic : m == 2 ? ReferenceCell.Bilateral : ReferenceCell.Multilateral;
            var units = kernel.ContributedUnits;
            var unitValues = kernel.ContributedUnitValues;
            var pairs = kernel.ContributedPairs;
            AddToSlot(tables, 0, 1.0, valueId, type, units, unitValues, pairs);
            if (_byTechnology && techCount > 0)
            {
                double phi = _fractional ? 1.0 / techCount : 1.0;
                var technologies = kernel.Technologies;
                for (int t = 0; t < techCount; t++)
                {
                    AddToSlot(tables, technologies[t] + 1, phi, valueId, type, units, unitValues, pairs);
                }
            }
        }

        private static void AddToSlot(
            ImpactAccumulator.YearTables tables, long slot, double phi, int valueId, int type,
            ReadOnlySpan<int> units, ReadOnlySpan<double> unitValues, ReadOnlySpan<long> pairs)
        {
            var reference = tables.Reference;
            int row = reference.GetOrAdd((slot << ImpactAccumulator.ValueBits) | (uint)valueId);
            var rv = reference.Values;
            rv[row * ImpactAccumulator.ReferenceStride] += 1.0;
            rv[(row * ImpactAccumulator.ReferenceStride) + 1] += phi;

            var unitTable = tables.Units;
            long slotBase = (slot << ImpactAccumulator.SlotShift) | (uint)valueId;
            for (int i = 0; i < units.Length; i++)
            {
                int r = unitTable.GetOrAdd(slotBase | ((long)units[i] << ImpactAccumulator.UnitShift));
                var v = unitTable.Values;
                int o = r * ReferenceCell.UnitStride;
                v[o + ReferenceCell.Count] += 1.0;
                v[o + ReferenceCell.Fractional] += phi * unitValues[(i * SliceData.UnitStride) + 1];
                v[o + type] += phi;
            }

            if (pairs.Length == 0)
            {
                return;
            }

            var pairRows = tables.PairRows;
            var pairTable = tables.Pairs;
            long pairBase = slot << (2 * CubeAccumulator.UnitBits);
            for (int i = 0; i < pairs.Length; i++)
            {
                long pairRow = pairRows.GetOrAdd(pairBase | pairs[i]);
                int r = pairTable.GetOrAdd((pairRow << ImpactAccumulator.ValueBits) | (uint)valueId);
                pairTable.Values[r] += phi;
            }
        }

        /// <summary>Fills the kernel's entries and technologies with publication <paramref name="k"/>; returns its technology count.</summary>
        private int Decode(CorpusStorage storage, PublicationKernel kernel, int k, out int entryCount)
        {
            var entries = storage.Entries;
            var institutionCountries = storage.InstitutionCountries;
            var institutionUnits = storage.InstitutionUnits;
            var territory = layout.TerritoryMap;
            bool countryLevel = layout.IsCountryLevel;
            int first = storage.EntryStart[k];
            entryCount = storage.EntryStart[k + 1] - first;
            int techFirst = storage.TechStart[k], techCount = storage.TechStart[k + 1] - techFirst;
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
            var techIds = storage.TechIds;
            for (int t = 0; t < techCount; t++)
            {
                technologies[t] = techIds[techFirst + t];
            }

            return techCount;
        }
    }
}
