using CollabMetrics.Aggregation;

namespace CollabMetrics.Impact;

/// <summary>
/// Reads publications from a corpus's storage through the cube's <see cref="PublicationKernel"/> (units, f(k,i), m_k,
/// groups, pairs), and adds the kernel's contributions to the impact histograms.
/// </summary>
internal sealed class ImpactSource(Corpus corpus, UnitLayout layout, byte[]? referenceClasses)
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
            int techCount = Read(kernel, counters, k);
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
            Add(acc.Year(years[k]), kernel, ValueOf(k, c), techCount);
        }

        return end;
    }

    /// <summary>
    /// Reads publication <paramref name="k"/> (a storage position) into the kernel and lets it count the publication in
    /// <paramref name="counters"/>; returns its number of technologies. Afterwards <see cref="PublicationKernel.DistinctUnits"/>
    /// is 0 unless the publication has a year and a unit.
    /// </summary>
    internal int Read(PublicationKernel kernel, CubeAccumulator counters, int k)
    {
        int techCount = Decode(corpus.Storage, kernel, k, out int entryCount);
        kernel.Process(counters, corpus.Storage.Years[k], entryCount, techCount);
        return techCount;
    }

    /// <summary>The value (reference-set class and citations) of publication <paramref name="k"/> with <paramref name="citations"/> citations.</summary>
    internal long ValueOf(int k, int citations) => ReferenceCell.ValueOf(referenceClasses is null ? 0 : referenceClasses[k], citations);

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
