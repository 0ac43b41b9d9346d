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
    private readonly int _unitStride;

    private readonly bool _worker;

    /// <summary>An empty accumulator.</summary>
    /// <param name="pairStride">Values per pair: <see cref="SliceData.PairStride"/>, or fewer when a build computes only some (see <see cref="CubeContent"/>).</param>
    /// <param name="unitStride">Values per unit: <see cref="SliceData.UnitStride"/>, or fewer when a build computes only some.</param>
    internal CubeAccumulator(int pairStride = SliceData.PairStride, int unitStride = SliceData.UnitStride)
    {
        _pairStride = pairStride;
        _unitStride = unitStride;
    }

    private CubeAccumulator(CubeAccumulator shared)
    {
        _pairStride = shared._pairStride;
        _unitStride = shared._unitStride;
        _byYear = shared._byYear;
        _active = shared._active;
        _worker = true;
    }

    /// <summary>Values per pair.</summary>
    internal int PairStride => _pairStride;

    /// <summary>Values per unit.</summary>
    internal int UnitStride => _unitStride;

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
        if (_worker)
        {
            // Shared cells: prepared before the workers start, never created by them.
            return cells ?? throw new InvalidOperationException($"Year {year} was not prepared for the workers.");
        }

        if (cells is null)
        {
            cells = new YearCells(year, _pairStride, _unitStride);
            _byYear[year] = cells;
        }

        if (!cells.Active)
        {
            cells.Active = true;
            _active.Add(cells);
        }

        return cells;
    }

    /// <summary>Creates (and activates, in this order) the cells of <paramref name="years"/>; year 0 (no year) has none.</summary>
    internal void Prepare(IEnumerable<int> years)
    {
        foreach (int year in years)
        {
            if (year > 0)
            {
                Year(year);
            }
        }
    }

    /// <summary>
    /// An accumulator for one worker thread: its own counters, the cells of this one. Workers must touch only
    /// prepared years (<see cref="Prepare"/>), and no two workers the same year.
    /// </summary>
    internal CubeAccumulator ForWorker() => new(this);

    /// <summary>Adds a worker's counters (<see cref="ForWorker"/>) to this accumulator's.</summary>
    internal void AddCounters(CubeAccumulator worker)
    {
        Publications += worker.Publications;
        Counted += worker.Counted;
        WithoutUnit += worker.WithoutUnit;
        WithoutYear += worker.WithoutYear;
        AuthorsWithoutUnit += worker.AuthorsWithoutUnit;
        UnresolvedAffiliations += worker.UnresolvedAffiliations;
    }

    /// <summary>
    /// Adds everything <paramref name="other"/> holds (counters, and every year's totals, unit sums and pair sums, keyed
    /// alike) to this accumulator: the sums are exact, so the result is the accumulator that would have taken both
    /// accumulators' publications, whatever the order.
    /// </summary>
    /// <param name="other">An accumulator with the same values per pair and per unit, left unchanged.</param>
    internal void Merge(CubeAccumulator other)
    {
        if (other._pairStride != _pairStride || other._unitStride != _unitStride)
        {
            throw new ArgumentException($"Values per pair or per unit differ ({other._pairStride} and {other._unitStride}, here {_pairStride} and {_unitStride}).", nameof(other));
        }

        AddCounters(other);
        foreach (var from in other._active)
        {
            var into = Year(from.Year);
            if (from.SlotCount > 0)
            {
                into.SliceOffset(from.SlotCount - 1);
                var source = from.Slices;
                var target = into.Slices;
                for (int i = 0; i < from.SlotCount * SliceStride; i++)
                {
                    target[i] += source[i];
                }
            }

            MergeTable(from.Units, into.Units);
            MergeTable(from.Pairs, into.Pairs);
        }
    }

    private static void MergeTable(SumTable from, SumTable into)
    {
        int stride = from.Stride;
        for (int i = 0; i < from.Count; i++)
        {
            int slot = into.GetOrAdd(from.Key(i));
            for (int j = 0; j < stride; j++)
            {
                into.Add(ref into.Sum(slot, j), from.Read(from.Sum(i, j)));
            }
        }
    }

    /// <summary>The unit and pair tables a worker lends to one year after another (<see cref="YearCells.Borrow"/>).</summary>
    /// <param name="pairStride">Values per pair, as in the accumulator.</param>
    /// <param name="unitStride">Values per unit, as in the accumulator.</param>
    internal sealed class Tables(int pairStride, int unitStride = SliceData.UnitStride)
    {
        internal SumTable Units { get; } = new(unitStride, 256);

        internal SumTable Pairs { get; } = new(pairStride, 256);
    }

    /// <summary>
    /// Worker tables kept between the builds of one pass (such as computing every technology of a cube for a save or a
    /// merge), so that each build starts with tables already grown by the previous ones. Thread-safe.
    /// </summary>
    /// <param name="pairStride">Values per pair of the builds that use it.</param>
    /// <param name="unitStride">Values per unit of the builds that use it.</param>
    internal sealed class TablePool(int pairStride, int unitStride = SliceData.UnitStride)
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<Tables> _free = [];

        internal int PairStride { get; } = pairStride;

        internal int UnitStride { get; } = unitStride;

        internal Tables Rent() => _free.TryTake(out var tables) ? tables : new Tables(PairStride, UnitStride);

        internal void Return(Tables tables) => _free.Add(tables);
    }

    /// <summary>
    /// The counts of one year: per technology slot N, N_int and T, and the unit and pair tables, every value a
    /// <see cref="FixedPoint"/> sum, so that the order of the contributions never changes a bit.
    /// </summary>
    internal sealed class YearCells(int year, int pairStride, int unitStride = SliceData.UnitStride)
    {
        private Fixed128[] _slices = new Fixed128[16 * SliceStride];

        // N, N_int and T of slot 0 (all technologies) not yet in _slices: whole numbers, counted as integers.
        private long _allCount;
        private long _allInternational;
        private long _allLinks;

        internal int Year { get; } = year;

        internal bool Active { get; set; }

        /// <summary>N, N_int, T per technology slot (<see cref="SliceStride"/> each, in <see cref="FixedPoint"/>); a slot with N = 0 is unused.</summary>
        internal Fixed128[] Slices
        {
            get
            {
                if (_allCount != 0)
                {
                    _slices[0] += FixedPoint.Whole(_allCount);
                    _slices[1] += FixedPoint.Whole(_allInternational);
                    _slices[2] += FixedPoint.Whole(_allLinks);
                    _allCount = _allInternational = _allLinks = 0;
                }

                return _slices;
            }
        }

        /// <summary>
        /// Counts one publication in the totals of slot 0 (all technologies, whose factor is 1): N gains 1, N_int
        /// <paramref name="international"/> and T <paramref name="links"/>, as integers (the same sums as in
        /// <see cref="FixedPoint"/>).
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal void CountAll(int international, long links)
        {
            if (SlotCount == 0)
            {
                SlotCount = 1;
            }

            _allCount++;
            _allInternational += international;
            _allLinks += links;
        }

        /// <summary>Adds <paramref name="factor"/> times one publication's N (1), N_int and T to the totals of <paramref name="slot"/>.</summary>
        internal void AddTotals(int slot, double factor, double international, double links)
        {
            int so = SliceOffset(slot);
            var sv = Slices;
            sv[so] += FixedPoint.FromDouble(factor);
            sv[so + 1] += FixedPoint.FromDouble(factor * international);
            sv[so + 2] += FixedPoint.FromDouble(factor * links);
        }

        /// <summary>One more than the highest slot used.</summary>
        internal int SlotCount { get; private set; }

        internal SumTable Units { get; private set; } = new(unitStride, 256, paged: true);

        internal SumTable Pairs { get; private set; } = new(pairStride, 256, paged: true);

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

        /// <summary>
        /// Makes <paramref name="tables"/> (emptied first) this year's unit and pair tables until <see cref="Release"/>:
        /// a worker that aggregates one year after another reuses its tables, sized by the largest year it met,
        /// instead of growing new ones for every year (at the institution level they reach hundreds of megabytes).
        /// </summary>
        /// <exception cref="InvalidOperationException">The year's own tables already hold rows.</exception>
        internal void Borrow(Tables tables)
        {
            if (Units.Count != 0 || Pairs.Count != 0)
            {
                throw new InvalidOperationException($"Year {Year} already has rows; tables can be lent only to an empty year.");
            }

            tables.Units.Clear();
            tables.Pairs.Clear();
            Units = tables.Units;
            Pairs = tables.Pairs;
        }

        /// <summary>Drops the tables (after the cube took their values), leaving the cells empty and small.</summary>
        internal void Release()
        {
            Units = new SumTable(unitStride, 8, paged: true);
            Pairs = new SumTable(pairStride, 8, paged: true);
        }
    }
}
