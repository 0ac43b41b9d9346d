namespace CollabMetrics.Aggregation;

/// <summary>
/// The counts of one (year, technology) cell of a cube, or of a sum of cells, in sorted arrays: units by cube index,
/// pairs by packed (a, b) with a &lt; b. Immutable once built. Every value is a <see cref="FixedPoint"/> sum, so cells
/// add up exactly (windows, all years, merged cubes); it is stored compactly as its nearest double (what a read
/// returns), and only the values that this double does not give back exactly keep their exact sum beside it
/// (<see cref="ExactValues"/>): at the institution level most cells hold one or a few publications, whose sums are
/// doubles, so a value costs 8 bytes, not 16.
/// </summary>
internal sealed class SliceData
{
    internal const int UnitStride = 7;
    internal const int PairStride = 5;

    internal static readonly SliceData Empty = new(0, 0, 0, [], [], [], []);

    internal SliceData(Fixed128 n, Fixed128 nInternational, Fixed128 links, int[] unitIndex, Fixed128[] unitValues, long[] pairKeys, Fixed128[] pairValues)
        : this(n, nInternational, links, unitIndex, ExactValues.Of(unitValues), pairKeys, ExactValues.Of(pairValues))
    {
    }

    internal SliceData(Fixed128 n, Fixed128 nInternational, Fixed128 links, int[] unitIndex, ExactValues units, long[] pairKeys, ExactValues pairs)
    {
        ExactN = n;
        ExactNInternational = nInternational;
        ExactLinks = links;
        UnitIndex = unitIndex;
        Units = units;
        PairKeys = pairKeys;
        Pairs = pairs;
    }

    internal Fixed128 ExactN { get; }

    internal Fixed128 ExactNInternational { get; }

    internal Fixed128 ExactLinks { get; }

    internal double N => FixedPoint.ToDouble(ExactN);

    internal double NInternational => FixedPoint.ToDouble(ExactNInternational);

    internal double Links => FixedPoint.ToDouble(ExactLinks);

    /// <summary>Cube unit indices, ascending.</summary>
    internal int[] UnitIndex { get; }

    /// <summary><see cref="UnitStride"/> values per unit: P, F, E, I, C_i, SCP, MCP.</summary>
    internal ExactValues Units { get; }

    /// <summary>The unit values as doubles (<see cref="UnitStride"/> per unit).</summary>
    internal double[] UnitValues => Units.Nearest;

    /// <summary>Pairs as <c>(long)a &lt;&lt; 32 | b</c> with a &lt; b, ascending.</summary>
    internal long[] PairKeys { get; }

    /// <summary><see cref="PairStride"/> values per pair: Full, CountrySet, Author, AuthorRefined, Nature Index score.</summary>
    internal ExactValues Pairs { get; }

    /// <summary>The pair values as doubles (<see cref="PairStride"/> per pair).</summary>
    internal double[] PairValues => Pairs.Nearest;

    /// <summary>Value <paramref name="field"/> of unit row <paramref name="row"/>, as a double.</summary>
    internal double UnitValue(int row, int field) => Units.Nearest[(row * UnitStride) + field];

    /// <summary>Value <paramref name="field"/> of pair row <paramref name="row"/>, as a double.</summary>
    internal double PairValue(int row, int field) => Pairs.Nearest[(row * PairStride) + field];

    internal static long PairKey(int a, int b) => ((long)a << 32) | (uint)b;

    internal static int PairFirst(long key) => (int)(key >> 32);

    internal static int PairSecond(long key) => (int)(key & 0xFFFF_FFFF);

    internal int FindUnit(int index) => Array.BinarySearch(UnitIndex, index);

    internal int FindPair(int a, int b) => Array.BinarySearch(PairKeys, PairKey(a, b));

    /// <summary>Element-wise sum of two cells, merging the sorted arrays: exact, so the order of the cells does not matter.</summary>
    internal static SliceData Add(SliceData x, SliceData y) => Sum([x, y]);

    /// <summary>
    /// The element-wise sum of <paramref name="cells"/> in one merge of their sorted arrays: every key's values are
    /// added exactly (so the order of the cells does not matter), and the result is allocated once at its size, with
    /// no intermediate sum (the all-years slice of an institution cube sums millions of pairs over decades). Empty
    /// cells are skipped; a single cell is returned as it is.
    /// </summary>
    internal static SliceData Sum(IReadOnlyList<SliceData> cells)
    {
        var parts = new List<SliceData>(cells.Count);
        foreach (var cell in cells)
        {
            if (!ReferenceEquals(cell, Empty))
            {
                parts.Add(cell);
            }
        }

        if (parts.Count <= 1)
        {
            return parts.Count == 0 ? Empty : parts[0];
        }

        Fixed128 n = Fixed128.Zero, nInternational = Fixed128.Zero, links = Fixed128.Zero;
        var unitKeys = new long[parts.Count][];
        var pairKeys = new long[parts.Count][];
        var unitValues = new ExactValues[parts.Count];
        var pairValues = new ExactValues[parts.Count];
        for (int c = 0; c < parts.Count; c++)
        {
            var part = parts[c];
            n += part.ExactN;
            nInternational += part.ExactNInternational;
            links += part.ExactLinks;
            var keys = new long[part.UnitIndex.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = part.UnitIndex[i];
            }

            unitKeys[c] = keys;
            pairKeys[c] = part.PairKeys;
            unitValues[c] = part.Units;
            pairValues[c] = part.Pairs;
        }

        var units = MergeRows(unitKeys, unitValues, UnitStride, out var unitRows);
        var ui = new int[unitRows.Length];
        for (int i = 0; i < ui.Length; i++)
        {
            ui[i] = (int)unitRows[i];
        }

        var pairs = MergeRows(pairKeys, pairValues, PairStride, out var pk);
        return new SliceData(n, nInternational, links, ui, units, pk, pairs);
    }

    /// <summary>
    /// The union of several ascending key arrays (<paramref name="merged"/>) and, for each key, the exact sums of the
    /// rows that have it (<paramref name="stride"/> values a row): a count pass, then one pass that fills arrays of
    /// the final size.
    /// </summary>
    private static ExactValues MergeRows(long[][] keys, ExactValues[] values, int stride, out long[] merged)
    {
        int k = keys.Length;
        var at = new int[k];
        int count = 0;
        while (NextKey(keys, at, out long key))
        {
            for (int c = 0; c < k; c++)
            {
                if (at[c] < keys[c].Length && keys[c][at[c]] == key)
                {
                    at[c]++;
                }
            }

            count++;
        }

        merged = new long[count];
        var builder = new ExactValues.Builder(count * stride);
        var cursors = new ExactValues.Cursor[k];
        for (int c = 0; c < k; c++)
        {
            cursors[c] = new ExactValues.Cursor(values[c]);
        }

        Array.Clear(at);
        Span<Fixed128> sums = stackalloc Fixed128[Math.Max(UnitStride, PairStride)];
        sums = sums[..stride];
        count = 0;
        while (NextKey(keys, at, out long key))
        {
            sums.Clear();
            for (int c = 0; c < k; c++)
            {
                if (at[c] < keys[c].Length && keys[c][at[c]] == key)
                {
                    int from = at[c] * stride;
                    for (int v = 0; v < stride; v++)
                    {
                        sums[v] = FixedPoint.Add(sums[v], cursors[c].Exact(from + v));
                    }

                    at[c]++;
                }
            }

            for (int v = 0; v < stride; v++)
            {
                builder.Add(sums[v]);
            }

            merged[count++] = key;
        }

        return builder.ToValues();
    }

    /// <summary>The smallest key at the positions <paramref name="at"/> of the arrays, or false when all are exhausted.</summary>
    private static bool NextKey(long[][] keys, int[] at, out long key)
    {
        key = long.MaxValue;
        bool any = false;
        for (int c = 0; c < keys.Length; c++)
        {
            if (at[c] < keys[c].Length && keys[c][at[c]] <= key)
            {
                key = keys[c][at[c]];
                any = true;
            }
        }

        return any;
    }

    /// <summary>The same cell with unit indices renumbered by a monotone map (old index to new index).</summary>
    internal SliceData Remap(int[] map)
    {
        var ui = new int[UnitIndex.Length];
        for (int i = 0; i < ui.Length; i++)
        {
            ui[i] = map[UnitIndex[i]];
        }

        var pk = new long[PairKeys.Length];
        for (int i = 0; i < pk.Length; i++)
        {
            pk[i] = PairKey(map[PairFirst(PairKeys[i])], map[PairSecond(PairKeys[i])]);
        }

        return new SliceData(ExactN, ExactNInternational, ExactLinks, ui, Units, pk, Pairs);
    }

    /// <summary>
    /// As <see cref="Remap"/>, renumbering this cell's own arrays instead of copies: only for a cell that nothing else
    /// reads yet (the finisher's fresh cells), which must not be used afterwards.
    /// </summary>
    internal SliceData RemapOwned(int[] map)
    {
        var ui = UnitIndex;
        for (int i = 0; i < ui.Length; i++)
        {
            ui[i] = map[ui[i]];
        }

        var pk = PairKeys;
        for (int i = 0; i < pk.Length; i++)
        {
            pk[i] = PairKey(map[PairFirst(pk[i])], map[PairSecond(pk[i])]);
        }

        return new SliceData(ExactN, ExactNInternational, ExactLinks, ui, Units, pk, Pairs);
    }
}

/// <summary>
/// Fixed-point values stored as their nearest doubles (<see cref="Nearest"/>), with the exact value of those the
/// double does not give back (<see cref="FixedPoint.FromDouble"/> of the double differs), in ascending position: kept
/// as what the double lacks (the exact value minus the double's, at most half the double's last bit: 8 bytes for any
/// value below 2^51), and whole only beyond that. So a value that is not a double costs 8 + 4 + 8 bytes, not 8 + 4 + 16:
/// most pair values of a large cube are sums of fractions, which are not doubles.
/// </summary>
internal sealed class ExactValues
{
    // Marks a residual that does not fit in 8 bytes: the value is in _wide, under its position.
    private const long WideResidual = long.MinValue;

    private readonly int[] _exactAt;
    private readonly long[] _residual;
    private readonly Dictionary<int, Fixed128>? _wide;

    private ExactValues(double[] nearest, int[] exactAt, long[] residual, Dictionary<int, Fixed128>? wide)
    {
        Nearest = nearest;
        _exactAt = exactAt;
        _residual = residual;
        _wide = wide;
    }

    /// <summary>Every value as the nearest double (NaN: not computed).</summary>
    internal double[] Nearest { get; }

    /// <summary>How many values keep an exact sum beside their double.</summary>
    internal int ExactCount => _exactAt.Length;

    /// <summary>The values of <paramref name="values"/>, stored compactly.</summary>
    internal static ExactValues Of(Fixed128[] values)
    {
        var builder = new Builder(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            builder.Add(values[i]);
        }

        return builder.ToValues();
    }

    /// <summary>The exact value at <paramref name="index"/>.</summary>
    internal Fixed128 Exact(int index)
    {
        int at = _exactAt.Length == 0 ? -1 : Array.BinarySearch(_exactAt, index);
        return at >= 0 ? ExactAt(at, index) : FixedPoint.FromDouble(Nearest[index]);
    }

    /// <summary>The exact value of entry <paramref name="at"/> of the exact values, at position <paramref name="index"/>.</summary>
    private Fixed128 ExactAt(int at, int index)
    {
        long residual = _residual[at];
        return residual == WideResidual ? _wide![index] : FixedPoint.FromDouble(Nearest[index]) + residual;
    }

    /// <summary>Reads the exact values in ascending position without searching.</summary>
    internal struct Cursor(ExactValues values)
    {
        private int _next;

        internal Fixed128 Exact(int index)
        {
            var at = values._exactAt;
            while (_next < at.Length && at[_next] < index)
            {
                _next++;
            }

            return _next < at.Length && at[_next] == index ? values.ExactAt(_next, index) : FixedPoint.FromDouble(values.Nearest[index]);
        }
    }

    /// <summary>Appends values in position order.</summary>
    internal struct Builder(int capacity)
    {
        private readonly double[] _nearest = new double[capacity];
        private int[] _exactAt = [];
        private long[] _residual = [];
        private Dictionary<int, Fixed128>? _wide;
        private int _count;
        private int _exactCount;

        internal void Add(Fixed128 value)
        {
            // Most sums are whole counts, and a partial cube's values not computed are NaN: their double gives them back.
            long whole = value.High;
            if (value.Low == 0 && whole is >= -(1L << 53) and <= 1L << 53)
            {
                _nearest[_count++] = whole;
                return;
            }

            if (value == FixedPoint.NaN)
            {
                _nearest[_count++] = double.NaN;
                return;
            }

            double nearest = FixedPoint.ToDouble(value);
            var rounded = FixedPoint.FromDouble(nearest);
            if (rounded != value)
            {
                if (_exactCount == _exactAt.Length)
                {
                    int size = Math.Max(16, _exactAt.Length * 2);
                    Array.Resize(ref _residual, size);
                    Array.Resize(ref _exactAt, size);
                }

                var residual = value - rounded;
                if (residual.FitsInt64 && (long)residual != WideResidual)
                {
                    _residual[_exactCount] = (long)residual;
                }
                else
                {
                    _residual[_exactCount] = WideResidual;
                    (_wide ??= []).Add(_count, value);
                }

                _exactAt[_exactCount++] = _count;
            }

            _nearest[_count++] = nearest;
        }

        internal void Copy(ref Cursor source, int from, int length)
        {
            for (int v = 0; v < length; v++)
            {
                Add(source.Exact(from + v));
            }
        }

        internal void Sum(ref Cursor x, int xFrom, ref Cursor y, int yFrom, int length)
        {
            for (int v = 0; v < length; v++)
            {
                Add(FixedPoint.Add(x.Exact(xFrom + v), y.Exact(yFrom + v)));
            }
        }

        internal readonly ExactValues ToValues()
        {
            var nearest = _nearest;
            if (_count < nearest.Length)
            {
                Array.Resize(ref nearest, _count);
            }

            return new ExactValues(nearest, Trimmed(_exactAt, _exactCount), Trimmed(_residual, _exactCount), _wide);
        }

        private static TItem[] Trimmed<TItem>(TItem[] items, int count) => count == items.Length ? items : items[..count];
    }
}
