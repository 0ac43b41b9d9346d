using System.Globalization;
using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// One measure of one focus-partner pair over the slices of a table, in chronological order: a count such as
/// co-publications, or an index. Finds the peak and the change against earlier years.
/// </summary>
/// <remarks>Columns: year, focus, partner, and the measure's name.</remarks>
/// <example>
/// <code>
/// TimeSeries series = table.Series("US", CollaborationIndex.PartnerShare);
/// SeriesPoint? peak = series.Peak();
/// double share2020 = series.ValueAt(2020);
/// </code>
/// </example>
public sealed class TimeSeries : ResultTable<SeriesPoint>
{
    private IReadOnlyList<SliceKey>? _slices;

    internal TimeSeries(SeriesPoint[] points, ResultContext context, Unit focus, Unit partner, string measure)
        : base(points, context, [Text("year"), Text("focus"), Text("partner"), Number(measure, nullable: true)])
    {
        Focus = focus;
        Partner = partner;
        Measure = measure;
    }

    /// <summary>The focus unit.</summary>
    public Unit Focus { get; }

    /// <summary>The partner unit.</summary>
    public Unit Partner { get; }

    /// <summary>The measure's name: an index name such as <c>partner_share</c>, or a count such as <c>copublications</c>.</summary>
    public string Measure { get; }

    /// <summary>The slices of the series, in order.</summary>
    public IReadOnlyList<SliceKey> Slices
    {
        get
        {
            if (_slices is null)
            {
                var slices = new SliceKey[Count];
                for (int i = 0; i < slices.Length; i++)
                {
                    slices[i] = this[i].Slice;
                }

                _slices = Array.AsReadOnly(slices);
            }

            return _slices;
        }
    }

    /// <summary>
    /// The point with the largest value, the earliest of equal maxima; undefined values are ignored. Null when no
    /// value is defined.
    /// </summary>
    public SeriesPoint? Peak()
    {
        SeriesPoint? best = null;
        foreach (var point in Rows)
        {
            if (!double.IsNaN(point.Value) && (best is null || point.Value > best.Value))
            {
                best = point;
            }
        }

        return best;
    }

    /// <summary>The value in the slice of <paramref name="year"/>: that single year, or in a series of windows the window ending in it. NaN only when the value itself is undefined.</summary>
    /// <param name="year">A year of the series.</param>
    /// <exception cref="ArgumentOutOfRangeException">No slice of the series is that year.</exception>
    public double ValueAt(int year) => this[TableLookup.SliceOfYear(Slices, year, nameof(year))].Value;

    /// <summary>The value in <paramref name="slice"/>. NaN only when the value itself is undefined.</summary>
    /// <param name="slice">A slice of the series.</param>
    /// <exception cref="ArgumentException">The slice is not in the series.</exception>
    public double ValueAt(SliceKey slice) => this[TableLookup.SliceOf(Slices, slice, nameof(slice))].Value;

    /// <summary>
    /// Each point compared with the point <paramref name="years"/> years earlier (the same slice shifted back), for
    /// every point that has one.
    /// </summary>
    /// <param name="years">How many years back; at least 1.</param>
    public IReadOnlyList<SeriesChange> Changes(int years)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        var changes = new List<SeriesChange>();
        foreach (var point in Rows)
        {
            if (Find(point.Slice.FromYear - years, point.Slice.ToYear - years) is { } earlier)
            {
                changes.Add(Change(point, earlier));
            }
        }

        return changes.AsReadOnly();
    }

    /// <summary>
    /// The change from the slice ending <paramref name="years"/> years before <paramref name="year"/> to the slice
    /// ending in <paramref name="year"/>.
    /// </summary>
    /// <param name="year">The last year of the later slice.</param>
    /// <param name="years">How many years back; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The series has no slice ending in <paramref name="year"/>, or none <paramref name="years"/> years earlier.</exception>
    public SeriesChange Change(int year, int years)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        var point = this[TableLookup.SliceOfYear(Slices, year, nameof(year))];
        return Find(point.Slice.FromYear - years, point.Slice.ToYear - years) is { } earlier
            ? Change(point, earlier)
            : throw new ArgumentOutOfRangeException(
                nameof(years),
                years,
                string.Create(CultureInfo.InvariantCulture, $"The series has no slice {years} years before {point.Slice.YearsLabel}; {TableLookup.DescribeSlices(Slices)}"));
    }

    private protected override string? TechnologyOf(SeriesPoint row) => row.Slice.Technology;

    private protected override void WriteCells(SeriesPoint row, ITableSink cells)
    {
        cells.WriteText(row.Year);
        cells.WriteText(Focus.Code);
        cells.WriteText(Partner.Code);
        cells.WriteNumber(row.Value);
    }

    private static SeriesChange Change(SeriesPoint point, SeriesPoint earlier) => new()
    {
        Slice = point.Slice,
        EarlierSlice = earlier.Slice,
        Value = point.Value,
        EarlierValue = earlier.Value,
    };

    private SeriesPoint? Find(int? from, int? to)
    {
        if (from is null || to is null)
        {
            return null;
        }

        foreach (var point in Rows)
        {
            if (point.Slice.FromYear == from && point.Slice.ToYear == to)
            {
                return point;
            }
        }

        return null;
    }
}
