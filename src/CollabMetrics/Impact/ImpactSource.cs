using CollabMetrics.Aggregation;

namespace CollabMetrics.Impact;

/// <summary>
/// Reads publications from a corpus's storage through the cube's <see cref="PublicationKernel"/> (units, f(k,i), m_k,
/// groups, pairs), and adds the kernel's contributions to the impact histograms.
/// </summary>
internal sealed class ImpactSource(Corpus corpus, UnitLayout layout, ImpactScoring scoring)
{
    private readonly bool _byTechnology = layout.Options.ByTechnology;
    private readonly bool _fractional = layout.Options.Technologies == TechnologyAssignment.Fractional;

    /// <summary>Where the values of publications come from.</summary>
    internal ImpactScoring Scoring => scoring;

    /// <summary>Aggregates chunk <paramref name="chunk"/> of the corpus into <paramref name="acc"/>; returns the end position.</summary>
    internal int ProcessChunk(PublicationKernel kernel, ImpactAccumulator acc, int chunk, int chunkSize)
    {
        var storage = corpus.Storage;
        var years = storage.Years;
        var citations = storage.Citations;
        var openAlex = storage.OpenAlexImpact;
        int begin = chunk * chunkSize;
        int end = (int)Math.Min(corpus.Count, (long)begin + chunkSize);
        var order = CubeEngine.OrderByYear(corpus, kernel, begin, end);
        for (int i = 0; i < end - begin; i++)
        {
            int k = order[i];
            int year = years[k];
            acc.Publications++;
            int n = Read(kernel, k, out int techCount);
            acc.AuthorsWithoutUnit += kernel.AuthorsWithoutUnit;
            acc.UnresolvedAffiliations += kernel.UnresolvedAffiliations;
            if (n == 0)
            {
                acc.WithoutUnit++;
                if (year == 0)
                {
                    acc.WithoutYear++;
                    acc.WithoutYearAndUnit++;
                }

                continue;
            }

            if (year == 0)
            {
                acc.WithoutYear++;
                continue;
            }

            acc.WithoutCitationCount += citations is null || citations[k] < 0 ? 1 : 0;
            acc.WithoutOpenAlexImpact += openAlex is null || !openAlex.HasBoth(k) ? 1 : 0;
            if (!scoring.TryValue(k, out long value))
            {
                continue;
            }

            acc.Counted++;
            kernel.Contribute();
            Add(acc.Year(year), kernel, value, techCount);
        }

        return end;
    }

    /// <summary>
    /// Loads publication <paramref name="k"/> (a storage position) into the kernel and resolves its units; returns n_k,
    /// 0 when it has no unit. Call <see cref="PublicationKernel.Contribute"/> next for its contributions.
    /// </summary>
    internal int Read(PublicationKernel kernel, int k, out int technologyCount)
    {
        int entryCount = kernel.Load(corpus.Storage, k, out technologyCount);
        return kernel.Resolve(entryCount);
    }

    /// <summary>Adds one counted publication with a citation count to its year's histograms.</summary>
    private void Add(ImpactAccumulator.YearTables tables, PublicationKernel kernel, long value, int techCount)
    {
        int valueId = tables.ValueId(value);
        int m = kernel.UnitCount;
        int type = m == 1 ? ReferenceCell.Domestic : m == 2 ? ReferenceCell.Bilateral : ReferenceCell.Multilateral;
        AddToSlot(tables, kernel, 0, 1.0, valueId, type);
        if (_byTechnology && techCount > 0)
        {
            double phi = _fractional ? 1.0 / techCount : 1.0;
            var technologies = kernel.Technologies;
            for (int t = 0; t < techCount; t++)
            {
                AddToSlot(tables, kernel, technologies[t] + 1, phi, valueId, type);
            }
        }
    }

    private static void AddToSlot(ImpactAccumulator.YearTables tables, PublicationKernel kernel, long slot, double phi, int valueId, int type)
    {
        var reference = tables.Reference;
        int row = reference.GetOrAdd((slot << ImpactAccumulator.ValueBits) | (uint)valueId);
        var rv = reference.Values;
        rv[row * ImpactAccumulator.ReferenceStride] += 1.0;
        rv[(row * ImpactAccumulator.ReferenceStride) + 1] += phi;

        var unitTable = tables.Units;
        long slotBase = (slot << ImpactAccumulator.SlotShift) | (uint)valueId;
        int units = kernel.UnitContributionCount;
        for (int i = 0; i < units; i++)
        {
            int r = unitTable.GetOrAdd(slotBase | ((long)kernel.ContributedUnit(i) << ImpactAccumulator.UnitShift));
            var v = unitTable.Values;
            int o = r * ReferenceCell.UnitStride;
            v[o + ReferenceCell.Count] += 1.0;
            v[o + ReferenceCell.Fractional] += phi * kernel.UnitValues(i)[1];
            v[o + type] += phi;
        }

        int pairs = kernel.PairContributionCount;
        if (pairs == 0)
        {
            return;
        }

        var pairRows = tables.PairRows;
        var pairTable = tables.Pairs;
        long pairBase = slot << (2 * CubeAccumulator.UnitBits);
        for (int i = 0; i < pairs; i++)
        {
            long pairRow = pairRows.GetOrAdd(pairBase | kernel.ContributedPair(i));
            int r = pairTable.GetOrAdd((pairRow << ImpactAccumulator.ValueBits) | (uint)valueId);
            pairTable.Values[r] += phi;
        }
    }
}
