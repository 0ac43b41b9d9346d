using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// The rows of a <see cref="PairTable"/> in compact form: one array of pair values for all slices, the slices with
/// where each one's pairs start, and each slice's label of output made once, not per row. Immutable once built.
/// </summary>
internal sealed class PairEntries
{
    private PairEntries(PairEntry[] pairs, int count, SliceKey[] slices, string[] labels, int[] sliceStarts)
    {
        Pairs = pairs;
        Count = count;
        Slices = slices;
        Labels = labels;
        SliceStarts = sliceStarts;
    }

    /// <summary>The pairs of every slice, slice after slice (the array may be longer than <see cref="Count"/>).</summary>
    public PairEntry[] Pairs { get; }

    /// <summary>The number of pairs.</summary>
    public int Count { get; }

    /// <summary>The slices, in order of output.</summary>
    public SliceKey[] Slices { get; }

    /// <summary>Each slice's <see cref="SliceKey.YearsLabel"/>.</summary>
    public string[] Labels { get; }

    /// <summary>Where each slice's pairs start, and (last) <see cref="Count"/>.</summary>
    public int[] SliceStarts { get; }

    /// <summary>The compact form of rows already made (slices as consecutive rows of the same key).</summary>
    public static PairEntries Of(PairRow[] rows)
    {
        var builder = new Builder(rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (i == 0 || row.Slice != rows[i - 1].Slice)
            {
                builder.StartSlice(row.Slice, 0);
            }

            builder.Add(row.UnitA, row.UnitB, row.Copublications, row.Weight);
        }

        return builder.Build(sort: false);
    }

    /// <summary>The slice of row <paramref name="row"/>.</summary>
    public SliceKey SliceOf(int row) => Slices[SliceIndex(row)];

    /// <summary>The label of output of row <paramref name="row"/>'s slice.</summary>
    public string LabelOf(int row) => Labels[SliceIndex(row)];

    /// <summary>The last slice starting at or before <paramref name="row"/>: the one that holds it (an empty slice ends where it starts).</summary>
    private int SliceIndex(int row)
    {
        var starts = SliceStarts;
        int low = 0, high = Slices.Length - 1;
        while (low < high)
        {
            int middle = (low + high + 1) >>> 1;
            if (starts[middle] <= row)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    /// <summary>Collects pairs slice by slice; used once.</summary>
    internal sealed class Builder(int capacity)
    {
        private readonly List<SliceKey> _slices = [];
        private readonly List<int> _starts = [];
        private PairEntry[] _pairs = new PairEntry[Math.Max(capacity, 16)];
        private int _count;

        /// <summary>The pairs that follow belong to <paramref name="slice"/>; room is made for <paramref name="room"/> of them.</summary>
        public void StartSlice(SliceKey slice, int room)
        {
            _slices.Add(slice);
            _starts.Add(_count);
            if (_pairs.Length - _count < room)
            {
                Array.Resize(ref _pairs, Math.Max(_pairs.Length * 2, _count + room));
            }
        }

        /// <summary>Adds a pair of the current slice.</summary>
        public void Add(Unit a, Unit b, double copublications, double weight)
        {
            if (_count == _pairs.Length)
            {
                Array.Resize(ref _pairs, _pairs.Length * 2);
            }

            _pairs[_count++] = new PairEntry(a, b, copublications, weight);
        }

        /// <summary>
        /// The entries; with <paramref name="sort"/>, each slice's pairs ordered by their two codes (ordinal), sorted
        /// only when they do not already come in that order.
        /// </summary>
        public PairEntries Build(bool sort)
        {
            _starts.Add(_count);
            var starts = _starts.ToArray();
            if (sort)
            {
                for (int s = 0; s + 1 < starts.Length; s++)
                {
                    int start = starts[s], length = starts[s + 1] - starts[s];
                    if (!IsOrdered(_pairs.AsSpan(start, length)))
                    {
                        Array.Sort(_pairs, start, length, CodeOrder.Instance);
                    }
                }
            }

            var slices = _slices.ToArray();
            var labels = new string[slices.Length];
            for (int s = 0; s < slices.Length; s++)
            {
                labels[s] = slices[s].YearsLabel;
            }

            return new PairEntries(_pairs, _count, slices, labels, starts);
        }

        private static bool IsOrdered(ReadOnlySpan<PairEntry> pairs)
        {
            for (int i = 1; i < pairs.Length; i++)
            {
                if (CodeOrder.Instance.Compare(pairs[i - 1], pairs[i]) > 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Pairs by the first unit's code, then the second's (ordinal).</summary>
    private sealed class CodeOrder : IComparer<PairEntry>
    {
        public static CodeOrder Instance { get; } = new();

        public int Compare(PairEntry x, PairEntry y)
        {
            int c = string.CompareOrdinal(x.A.Code, y.A.Code);
            return c != 0 ? c : string.CompareOrdinal(x.B.Code, y.B.Code);
        }
    }
}

/// <summary>One pair of a <see cref="PairEntries"/>: its units (the smaller code first), co-publications and link weight.</summary>
internal readonly record struct PairEntry(Unit A, Unit B, double Copublications, double Weight);
