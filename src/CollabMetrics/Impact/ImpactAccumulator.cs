using CollabMetrics.Aggregation;

namespace CollabMetrics.Impact;

/// <summary>
/// The mutable partial result of an impact aggregation: per year, citation histograms of every reference set, of
/// every unit and of every pair of units, all exact and additive. Keys are packed longs over per-year value ids
/// (a value is a citation count with its reference-set class, interned in order of first appearance):
/// <list type="bullet">
/// <item>reference set: <c>slot &lt;&lt; 24 | value</c>, values [publications, publications times the technology factor];</item>
/// <item>unit: <c>slot &lt;&lt; 45 | unit &lt;&lt; 24 | value</c>, values <see cref="ReferenceCell.UnitStride"/>;</item>
/// <item>pair: <c>slot &lt;&lt; 42 | a &lt;&lt; 21 | b</c> to a row, then <c>row &lt;&lt; 24 | value</c>, one value.</item>
/// </list>
/// Slot 0 is all technologies and slot t + 1 technology t; units are engine unit ids (see <see cref="UnitLayout"/>).
/// </summary>
internal sealed class ImpactAccumulator
{
    internal const int ValueBits = 24;
    internal const long ValueMask = (1L << ValueBits) - 1;
    internal const int UnitShift = ValueBits;
    internal const int SlotShift = ValueBits + CubeAccumulator.UnitBits;
    internal const int ReferenceStride = 2;

    private readonly YearTables?[] _byYear = new YearTables?[CubeAccumulator.MaxYear + 1];
    private readonly List<YearTables> _active = [];

    /// <summary>Publications read.</summary>
    internal long Publications { get; set; }

    /// <summary>Publications without a year.</summary>
    internal long WithoutYear { get; set; }

    /// <summary>Publications without a unit.</summary>
    internal long WithoutUnit { get; set; }

    /// <summary>Publications with a year and a unit but no citation count.</summary>
    internal long WithoutCitationCount { get; set; }

    /// <summary>Publications with a year and a unit but without OpenAlex's FWCI or citation percentile.</summary>
    internal long WithoutOpenAlexImpact { get; set; }

    /// <summary>Publications in the reference sets (a year, a unit and the citation data of the source).</summary>
    internal long Counted { get; set; }

    /// <summary>Authors none of whose affiliations resolved to a unit.</summary>
    internal long AuthorsWithoutUnit { get; set; }

    /// <summary>Affiliations that resolved to no unit.</summary>
    internal long UnresolvedAffiliations { get; set; }

    /// <summary>The years with data, in order of first use.</summary>
    internal IReadOnlyList<YearTables> Years => _active;

    internal bool IsEmpty => _active.Count == 0 && Publications == 0;

    internal ImpactDiagnostics Diagnostics() =>
        new(Publications, Counted, WithoutYear, WithoutUnit, WithoutCitationCount, WithoutOpenAlexImpact);

    /// <summary>The diagnostics of the same publications as a collaboration cube counts them.</summary>
    internal CubeDiagnostics CubeDiagnostics() =>
        new(Publications, Publications - WithoutUnit - WithoutYear + WithoutYearAndUnit, WithoutUnit, WithoutYear, AuthorsWithoutUnit, UnresolvedAffiliations);

    /// <summary>Publications with neither a year nor a unit (counted in both <see cref="WithoutYear"/> and <see cref="WithoutUnit"/>).</summary>
    internal long WithoutYearAndUnit { get; set; }

    /// <summary>The tables of a year (1..<see cref="CubeAccumulator.MaxYear"/>), created or reactivated on first use.</summary>
    internal YearTables Year(int year)
    {
        var tables = _byYear[year];
        if (tables is null)
        {
            tables = new YearTables(year);
            _byYear[year] = tables;
        }

        if (!tables.Active)
        {
            tables.Active = true;
            _active.Add(tables);
        }

        return tables;
    }

    /// <summary>Adds <paramref name="partial"/> into <paramref name="total"/> and leaves <paramref name="partial"/> empty (an empty total takes the partial's tables).</summary>
    internal static void AddInto(ref ImpactAccumulator total, ref ImpactAccumulator partial)
    {
        if (total.IsEmpty)
        {
            (total, partial) = (partial, total);
        }
        else
        {
            total.MergeFrom(partial);
        }

        partial.Clear();
    }

    /// <summary>Adds <paramref name="other"/> into this accumulator, row by row in the other's insertion order.</summary>
    internal void MergeFrom(ImpactAccumulator other)
    {
        Publications += other.Publications;
        WithoutYear += other.WithoutYear;
        WithoutUnit += other.WithoutUnit;
        WithoutYearAndUnit += other.WithoutYearAndUnit;
        WithoutCitationCount += other.WithoutCitationCount;
        WithoutOpenAlexImpact += other.WithoutOpenAlexImpact;
        Counted += other.Counted;
        AuthorsWithoutUnit += other.AuthorsWithoutUnit;
        UnresolvedAffiliations += other.UnresolvedAffiliations;
        foreach (var source in other._active)
        {
            Year(source.Year).Add(source);
        }
    }

    /// <summary>Empties the accumulator, keeping its tables for reuse.</summary>
    internal void Clear()
    {
        foreach (var tables in _active)
        {
            tables.Clear();
        }

        _active.Clear();
        Publications = WithoutYear = WithoutUnit = WithoutYearAndUnit = WithoutCitationCount = WithoutOpenAlexImpact = Counted = 0;
        AuthorsWithoutUnit = UnresolvedAffiliations = 0;
    }

    /// <summary>The histograms of one year.</summary>
    internal sealed class YearTables(int year)
    {
        internal int Year { get; } = year;

        internal bool Active { get; set; }

        /// <summary>Value ids: <c>class &lt;&lt; 32 | citations</c> to the id (the slot of the table).</summary>
        internal KeyTable<double> Values { get; } = new(0, 256);

        internal KeyTable<double> Reference { get; } = new(ReferenceStride, 256);

        internal KeyTable<double> Units { get; } = new(ReferenceCell.UnitStride, 1024);

        internal KeyTable<double> PairRows { get; } = new(0, 256);

        internal KeyTable<double> Pairs { get; } = new(ReferenceCell.PairStride, 1024);

        /// <summary>The id of a (class, citations) value.</summary>
        internal int ValueId(long value)
        {
            int id = Values.GetOrAdd(value);
            if (id > ValueMask)
            {
                ThrowTooManyValues();
            }

            return id;
        }

        internal void Add(YearTables other)
        {
            var valueMap = new int[other.Values.Count];
            var keys = other.Values.Keys;
            for (int v = 0; v < valueMap.Length; v++)
            {
                valueMap[v] = ValueId(keys[v]);
            }

            AddRemapped(Reference, other.Reference, valueMap, null);
            AddRemapped(Units, other.Units, valueMap, null);
            var rowMap = new int[other.PairRows.Count];
            keys = other.PairRows.Keys;
            for (int r = 0; r < rowMap.Length; r++)
            {
                rowMap[r] = PairRows.GetOrAdd(keys[r]);
            }

            AddRemapped(Pairs, other.Pairs, valueMap, rowMap);
        }

        internal void Clear()
        {
            Values.Clear();
            Reference.Clear();
            Units.Clear();
            PairRows.Clear();
            Pairs.Clear();
            Active = false;
        }

        /// <summary>Adds the rows of <paramref name="source"/>, their value ids (low bits) and, for pairs, row ids (high bits) renumbered.</summary>
        private static void AddRemapped(KeyTable<double> target, KeyTable<double> source, int[] valueMap, int[]? rowMap)
        {
            int stride = source.Stride;
            var keys = source.Keys;
            var values = source.Values;
            for (int i = 0; i < source.Count; i++)
            {
                long key = keys[i];
                long high = key >> ValueBits;
                if (rowMap is not null)
                {
                    high = rowMap[high];
                }

                int slot = target.GetOrAdd((high << ValueBits) | (uint)valueMap[key & ValueMask]);
                var t = target.Values;
                int o = slot * stride, s = i * stride;
                for (int v = 0; v < stride; v++)
                {
                    t[o + v] += values[s + v];
                }
            }
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private void ThrowTooManyValues() =>
            throw new InvalidOperationException($"Year {Year} has more than {ValueMask + 1} distinct citation counts; aggregate fewer publications at a time.");
    }
}
