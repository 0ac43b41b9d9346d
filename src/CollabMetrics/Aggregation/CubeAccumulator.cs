namespace CollabMetrics.Aggregation;

/// <summary>
/// The mutable partial result of an aggregation, one <see cref="YearCells"/> per year. Within a year, units are
/// keyed by <c>technology slot &lt;&lt; 21 | unit</c> and pairs by <c>technology slot &lt;&lt; 42 | a &lt;&lt; 21 | b</c> with
/// a &lt; b, where slot 0 is all technologies and slot t + 1 technology t, and units are engine unit ids (see
/// <see cref="UnitLayout"/>). Keeping each year apart keeps the tables a year's publications touch small and hot.
/// </summary>
internal sealed class CubeAccumulator
{
    internal const int UnitBits = 21;
    internal const int MaxUnitId = (1 << UnitBits) - 1;
    internal const int SliceStride = 3;
    internal const int MaxYear = short.MaxValue;

    private readonly YearCells?[] _byYear = new YearCells?[MaxYear + 1];
    private readonly List<YearCells> _active = [];
    private readonly int _pairStride;

    /// <summary>An empty accumulator.</summary>
    /// <param name="pairStride">Values per pair: <see cref="SliceData.PairStride"/>, or fewer when a build computes only some (see <see cref="CubeContent"/>).</param>
    internal CubeAccumulator(int pairStride = SliceData.PairStride) => _pairStride = pairStride;

    /// <summary>Values per pair.</summary>
    internal int PairStride => _pairStride;

    /// <summary>The years with data, in order of first use.</summary>
    internal IReadOnlyList<YearCells> Years => _active;

    internal long Publications { get; set; }

    internal long Counted { get; set; }

    internal long WithoutUnit { get; set; }

    internal long WithoutYear { get; set; }

    internal long AuthorsWithoutUnit { get; set; }

    internal long UnresolvedAffiliations { get; set; }

    internal CubeDiagnostics Diagnostics() =>
        new(Publications, Counted, WithoutUnit, WithoutYear, AuthorsWithoutUnit, UnresolvedAffiliations);

    /// <summary>The cells of a year (1..<see cref="MaxYear"/>), created or reactivated on first use.</summary>
    internal YearCells Year(int year)
    {
        var cells = _byYear[year];
        if (cells is null)
        {
            cells = new YearCells(year, _pairStride);
            _byYear[year] = cells;
        }

        if (!cells.Active)
        {
            cells.Active = true;
            _active.Add(cells);
        }

        return cells;
    }

    /// <summary>Whether nothing has been added since construction or the last <see cref="Clear"/>.</summary>
    internal bool IsEmpty => _active.Count == 0 && Publications == 0;

    /// <summary>
    /// Adds <paramref name="partial"/> into <paramref name="total"/> and leaves <paramref name="partial"/> empty. An
    /// empty total simply takes the partial's tables (0 + x = x, so the values are the same as an addition).
    /// </summary>
    internal static void AddInto(ref CubeAccumulator total, ref CubeAccumulator partial)
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

    /// <summary>Adds <paramref name="other"/> into this accumulator, key by key.</summary>
    internal void MergeFrom(CubeAccumulator other)
    {
        Publications += other.Publications;
        Counted += other.Counted;
        WithoutUnit += other.WithoutUnit;
        WithoutYear += other.WithoutYear;
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
        foreach (var cells in _active)
        {
            cells.Clear();
        }

        _active.Clear();
        Publications = Counted = WithoutUnit = WithoutYear = AuthorsWithoutUnit = UnresolvedAffiliations = 0;
    }

    /// <summary>The counts of one year: per technology slot N, N_int and T, and the unit and pair tables.</summary>
    internal sealed class YearCells(int year, int pairStride)
    {
        private double[] _slices = new double[16 * SliceStride];

        internal int Year { get; } = year;

        internal bool Active { get; set; }

        /// <summary>N, N_int, T per technology slot (<see cref="SliceStride"/> each); a slot with N = 0 is unused.</summary>
        internal double[] Slices => _slices;

        /// <summary>One more than the highest slot used.</summary>
        internal int SlotCount { get; private set; }

        internal KeyTable Units { get; private set; } = new(SliceData.UnitStride, 256);

        internal KeyTable Pairs { get; private set; } = new(pairStride, 256);

        /// <summary>The offset of <paramref name="slot"/>'s totals in <see cref="Slices"/>, growing it when needed.</summary>
        internal int SliceOffset(int slot)
        {
            if (slot >= SlotCount)
            {
                if ((slot + 1) * SliceStride > _slices.Length)
                {
                    Array.Resize(ref _slices, Math.Max(_slices.Length * 2, (slot + 1) * SliceStride));
                }

                SlotCount = slot + 1;
            }

            return slot * SliceStride;
        }

        internal void Add(YearCells other)
        {
            for (int slot = 0; slot < other.SlotCount; slot++)
            {
                int o = slot * SliceStride;
                if (other._slices[o] != 0)
                {
                    int at = SliceOffset(slot);
                    for (int v = 0; v < SliceStride; v++)
                    {
                        _slices[at + v] += other._slices[o + v];
                    }
                }
            }

            AddTable(Units, other.Units);
            AddTable(Pairs, other.Pairs);
        }

        /// <summary>Drops the tables (after the cube took their values), leaving the cells empty and small.</summary>
        internal void Release()
        {
            Units = new KeyTable(SliceData.UnitStride, 8);
            Pairs = new KeyTable(pairStride, 8);
        }

        internal void Clear()
        {
            Array.Clear(_slices, 0, SlotCount * SliceStride);
            SlotCount = 0;
            Units.Clear();
            Pairs.Clear();
            Active = false;
        }

        private static void AddTable(KeyTable target, KeyTable source)
        {
            int stride = source.Stride;
            var keys = source.Keys;
            var values = source.Values;
            for (int i = 0; i < source.Count; i++)
            {
                int slot = target.GetOrAdd(keys[i]);
                var t = target.Values;
                int o = slot * stride, s = i * stride;
                for (int v = 0; v < stride; v++)
                {
                    t[o + v] += values[s + v];
                }
            }
        }
    }
}
