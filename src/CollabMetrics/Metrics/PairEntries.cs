using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// The rows of a <see cref="PairTable"/> in compact form: per slice, one array of its pairs' values, and the slice's
/// label of output made once, not per row. Immutable once built.
/// </summary>
internal sealed class PairEntries
{
    private PairEntries(PairEntry[][] pairs, SliceKey[] slices, string[] labels, int[] sliceStarts)
    {
        SlicePairs = pairs;
        Slices = slices;
        Labels = labels;
        SliceStarts = sliceStarts;
        Count = sliceStarts[^1];
    }

    /// <summary>The number of pairs.</summary>
    public int Count { get; }

    /// <summary>The slices, in order of output.</summary>
    public SliceKey[] Slices { get; }

    /// <summary>Each slice's <see cref="SliceKey.YearsLabel"/>.</summary>
    public string[] Labels { get; }

    /// <summary>Each slice's pairs (an array may be longer than the slice's count of pairs).</summary>
    public PairEntry[][] SlicePairs { get; }

    /// <summary>Where each slice's pairs start among all rows, and (last) <see cref="Count"/>.</summary>
    public int[] SliceStarts { get; }

    /// <summary>The compact form of rows already made (slices as consecutive rows of the same key).</summary>
    public static PairEntries Of(PairRow[] rows)
    {
        var builder = new Builder();
        for (int i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (i == 0 || row.Slice != rows[i - 1].Slice)
            {
                int end = i + 1;
                while (end < rows.Length && rows[end].Slice == row.Slice)
                {
                    end++;
                }

                builder.StartSlice(row.Slice, end - i);
            }

            builder.Add(row.UnitA, row.UnitB, row.Copublications, row.Weight);
        }

        return builder.Build(sort: false);
    }

    /// <summary>The slice that holds row <paramref name="row"/>: the last one starting at or before it (an empty slice ends where it starts).</summary>
    public int SliceIndex(int row)
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

    /// <summary>Collects pairs slice by slice, each slice into an array of its own size; used once.</summary>
    internal sealed class Builder
    {
        private readonly List<SliceKey> _slices = [];
        private readonly List<PairEntry[]> _pairs = [];
        private readonly List<int> _starts = [];
        private PairEntry[]? _current;
        private int _count;
        private int _start;

        /// <summary>The pairs that follow, at most <paramref name="most"/>, belong to <paramref name="slice"/>.</summary>
        public void StartSlice(SliceKey slice, int most)
        {
            _start += _count;
            _count = 0;
            _current = new PairEntry[most];
            _slices.Add(slice);
            _pairs.Add(_current);
            _starts.Add(_start);
        }

        /// <summary>Adds a pair of the current slice.</summary>
        public void Add(Unit a, Unit b, double copublications, double weight) =>
            _current![_count++] = new PairEntry(a, b, copublications, weight);

        /// <summary>
        /// The entries; with <paramref name="sort"/>, each slice's pairs ordered by their two codes (ordinal), sorted
        /// only when they do not already come in that order.
        /// </summary>
        public PairEntries Build(bool sort)
        {
            _starts.Add(_start + _count);
            var starts = _starts.ToArray();
            var pairs = _pairs.ToArray();
            if (sort)
            {
                for (int s = 0; s < pairs.Length; s++)
                {
                    int length = starts[s + 1] - starts[s];
                    if (!IsOrdered(pairs[s], length))
                    {
                        Array.Sort(pairs[s], 0, length, CodeOrder.Instance);
                    }
                }
            }

            var slices = _slices.ToArray();
            var labels = new string[slices.Length];
            for (int s = 0; s < slices.Length; s++)
            {
                labels[s] = slices[s].YearsLabel;
            }

            return new PairEntries(pairs, slices, labels, starts);
        }

        /// <summary>Whether the first <paramref name="length"/> pairs are in code order (an array, not a span: no generic code to compile at run time).</summary>
        private static bool IsOrdered(PairEntry[] pairs, int length)
        {
            for (int i = 1; i < length; i++)
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
