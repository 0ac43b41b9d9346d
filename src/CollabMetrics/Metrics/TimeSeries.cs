namespace CollabMetrics.Metrics;

/// <summary>
/// One measure of one focus-partner pair over the slices of a table, in chronological order: a count such as
/// co-publications, or an index. Finds the peak and the change against earlier years.
/// </summary>
/// <example>
/// <code>
/// TimeSeries series = table.Series("US", CollaborationIndex.PartnerShare);
/// SeriesPoint? peak = series.Peak();
/// </code>
/// </example>
public sealed class TimeSeries : ResultTable<SeriesPoint>
{
    private readonly string[] _columns;

    internal TimeSeries(SeriesPoint[] points, ResultContext context, string focus, string partner, string measure)
        : base(points, context)
    {
        Focus = focus;
        Partner = partner;
        Measure = measure;
        _columns = ["year", "focus", "partner", measure];
    }

    /// <summary>The focus unit's code.</summary>
    public string Focus { get; }

    /// <summary>The partner unit's code.</summary>
    public string Partner { get; }

    /// <summary>The measure's name: an index name such as <c>partner_share</c>, or a count such as <c>copublications</c>.</summary>
    public string Measure { get; }

    private protected override string[] ColumnNames => _columns;

    /// <summary>
    /// The point with the largest value, the earliest of equal maxima; undefined values are ignored. Null when no
    /// value is defined.
    /// </summary>
    public SeriesPoint? Peak()
    {
        SeriesPoint? best = null;
        foreach (var point in Rows)
        {
            if (!double.IsNaN(point.Value) && (best is null || point.Value > best.Value.Value))
            {
                best = point;
            }
        }

        return best;
    }

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
            if (Find(point.FromYear - years, point.ToYear - years) is { } earlier)
            {
                changes.Add(new SeriesChange(point.Year, earlier.Year, point.Value, earlier.Value));
            }
        }

        return changes;
    }

    /// <summary>
    /// The change from the slice ending <paramref name="years"/> years before <paramref name="year"/> to the slice
    /// ending in <paramref name="year"/>; null when either is missing.
    /// </summary>
    /// <param name="year">The last year of the later slice.</param>
    /// <param name="years">How many years back; at least 1.</param>
    public SeriesChange? Change(int year, int years)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        foreach (var point in Rows)
        {
            if (point.ToYear == year && Find(point.FromYear - years, point.ToYear - years) is { } earlier)
            {
                return new SeriesChange(point.Year, earlier.Year, point.Value, earlier.Value);
            }
        }

        return null;
    }

    /// <summary>The value of the slice labelled <paramref name="year"/> (<c>2019</c>, <c>2015-2019</c>), or NaN when absent.</summary>
    public double ValueAt(string year)
    {
        foreach (var point in Rows)
        {
            if (point.Year == year)
            {
                return point.Value;
            }
        }

        return double.NaN;
    }

    private protected override void WriteCells(SeriesPoint row, CellWriter cells)
    {
        cells.Text(row.Year);
        cells.Text(Focus);
        cells.Text(Partner);
        cells.Number(row.Value);
    }

    private SeriesPoint? Find(int? from, int? to)
    {
        if (from is null || to is null)
        {
            return null;
        }

        foreach (var point in Rows)
        {
            if (point.FromYear == from && point.ToYear == to)
            {
                return point;
            }
        }

        return null;
    }
}
