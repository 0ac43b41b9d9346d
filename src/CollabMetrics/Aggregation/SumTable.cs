using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CollabMetrics.Aggregation;

/// <summary>
/// A <see cref="FixedPoint"/> sum of an accumulator table in 12 bytes instead of 16: the low 96 bits of the value,
/// which hold it exactly while its integer part is within ±(2^31 - 1) (any count of fewer than two billion
/// publications). A sum that leaves that range moves to its table's wide sums (<see cref="SumTable"/>), and the high
/// word then marks it: <see cref="int.MinValue"/>, with the low word its index there. Zero bytes are the sum 0.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct CompactSum
{
    /// <summary>The high word of a sum kept in the wide sums.</summary>
    internal const int Wide = int.MinValue;

    internal ulong Low;
    internal int High;
}

/// <summary>
/// A <see cref="KeyTable{T}"/> of exact sums kept as <see cref="CompactSum"/>s, with the sums that do not fit in 12
/// bytes kept whole (<see cref="Fixed128"/>) beside it. Adding to a sum gives the same bits as adding the
/// <see cref="Fixed128"/>s (wrapping alike): the layout changes the bytes a cell holds, never a value. At the country
/// level a full cube's tables hold tens of millions of pair sums when 50 million publications are streamed, so each
/// saves 4 bytes; the wide sums stay empty for any real input.
/// </summary>
internal sealed class SumTable
{
    private readonly KeyTable<CompactSum> _table;
    private Fixed128[]? _wide;
    private int _wideCount;

    /// <param name="stride">Sums per slot.</param>
    /// <param name="capacity">Slots to start with.</param>
    /// <param name="paged">Whether the sums are kept in pages (see <see cref="KeyTable{T}"/>).</param>
    internal SumTable(int stride, int capacity = 64, bool paged = false) => _table = new(stride, capacity, paged);

    internal int Stride => _table.Stride;

    /// <summary>The number of slots in use.</summary>
    internal int Count => _table.Count;

    /// <summary>Sums kept whole because they left the 12-byte range.</summary>
    internal int WideCount => _wideCount;

    /// <summary>The key of <paramref name="slot"/>.</summary>
    internal long Key(int slot) => _table.Key(slot);

    /// <summary>The slot of <paramref name="key"/>, added with zero sums when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int GetOrAdd(long key) => _table.GetOrAdd(key);

    /// <summary>The slot of <paramref name="key"/>, or -1.</summary>
    internal int Find(long key) => _table.Find(key);

    /// <summary>The <see cref="Stride"/> sums of <paramref name="slot"/>, to pass to <see cref="Add(ref CompactSum, Fixed128)"/> and <see cref="Read"/>. Read this after <see cref="GetOrAdd"/>: growth may replace it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<CompactSum> Row(int slot) => _table.Row(slot);

    /// <summary>Sum <paramref name="field"/> of <paramref name="slot"/>, by reference (see <see cref="KeyTable{T}.Value"/>): as <see cref="Row"/>, without a span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref CompactSum Sum(int slot, int field) => ref _table.Value(slot, field);

    /// <summary>Adds <paramref name="value"/> to <paramref name="sum"/>, a sum of this table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(ref CompactSum sum, Fixed128 value)
    {
        int high = sum.High;
        if (high != CompactSum.Wide)
        {
            var total = new Fixed128(high, sum.Low) + value;
            long top = total.High;
            if (top == (int)top && top != CompactSum.Wide)
            {
                sum.Low = total.Low;
                sum.High = (int)top;
                return;
            }
        }

        AddWide(ref sum, value);
    }

    /// <summary>
    /// Adds <paramref name="contribution"/>, converted as <see cref="FixedPoint.FromDouble"/> converts it, to
    /// <paramref name="sum"/>, a sum of this table: a whole number (a count, the common case) goes to the sum's
    /// integer part without the conversion, with the same bits as a result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(ref CompactSum sum, double contribution)
    {
        int whole = (int)contribution;
        int high = sum.High;
        if (whole == contribution && high != CompactSum.Wide)
        {
            long top = (long)high + whole;
            if (top == (int)top && top != CompactSum.Wide)
            {
                sum.High = (int)top;
                return;
            }
        }

        Add(ref sum, FixedPoint.FromDouble(contribution));
    }

    /// <summary>The value of <paramref name="sum"/>, a sum of this table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Fixed128 Read(in CompactSum sum) =>
        sum.High == CompactSum.Wide ? _wide![(int)sum.Low] : new Fixed128(sum.High, sum.Low);

    /// <summary>Empties the table, keeping its capacity.</summary>
    internal void Clear()
    {
        _table.Clear();
        _wideCount = 0;
    }

    /// <summary>The overflow path: the sum is (or becomes) one of the wide sums.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddWide(ref CompactSum sum, Fixed128 value)
    {
        if (sum.High == CompactSum.Wide)
        {
            _wide![(int)sum.Low] += value;
            return;
        }

        if (_wide is null || _wideCount == _wide.Length)
        {
            Array.Resize(ref _wide, Math.Max(4, (_wide?.Length ?? 0) * 2));
        }

        _wide[_wideCount] = new Fixed128(sum.High, sum.Low) + value;
        sum.Low = (ulong)_wideCount++;
        sum.High = CompactSum.Wide;
    }
}
