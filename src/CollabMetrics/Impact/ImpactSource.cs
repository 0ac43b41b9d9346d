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
        var years = corpus.Storage.Years;
        var citations = corpus.Storage.Citations;
        int begin = chunk * chunkSize;
        int end = (int)Math.Min(corpus.Count, (long)begin + chunkSize);
        var order = CubeEngine.OrderByYear(corpus, kernel, begin, end);
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
        int techCount = CubeEngine.LoadPublication(corpus.Storage, layout, kernel, k, out int entryCount);
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
}
