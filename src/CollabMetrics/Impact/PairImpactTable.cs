using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;

namespace CollabMetrics.Impact;

/// <summary>
/// The impact of a focus unit's co-publications with each partner, slice by slice (partners in code order within a
/// slice), against the focus's domestic work. Immutable.
/// </summary>
/// <remarks>
/// Columns: year, technology, focus, partner, copublications, mncs, pp_top, advantage. Undefined values are empty in
/// CSV and null in JSON. Lookups take typed keys or names (the one unit name table); a partner that is not in the
/// table or a slice it does not have is an error.
/// </remarks>
/// <example>
/// <code>
/// PairImpactTable cn = corpus.Countries().Impact().Focus("CN").Partners("US", "GB").ByYear().Compute();
/// double advantage2020 = cn.Find(2020, "US")?.Advantage ?? double.NaN;
/// </code>
/// </example>
public sealed class PairImpactTable : ResultTable<PairImpactRow>
{
    private static readonly TableColumn[] Header =
    [
        Text("year"), Text("technology", nullable: true), Text("focus"), Text("partner"), Number("copublications"),
        Number("mncs", nullable: true), Number("pp_top", nullable: true), Number("advantage", nullable: true),
    ];

    private IReadOnlyList<Unit>? _partners;

    internal PairImpactTable(PairImpactRow[] rows, IReadOnlyList<SliceKey> slices, ResultContext context, Unit focus)
        : base(rows, context, Header)
    {
        Slices = slices;
        Focus = focus;
    }

    /// <summary>The focus unit.</summary>
    public Unit Focus { get; }

    /// <summary>The slices, in chronological order.</summary>
    public IReadOnlyList<SliceKey> Slices { get; }

    /// <summary>The partners of the table, in order of first appearance.</summary>
    public IReadOnlyList<Unit> Partners => _partners ??= ImpactTables.Distinct(Rows, r => r.Partner);

    /// <summary>What the impact figures were computed with: x, the citation source, the reference-set rule and the diagnostics.</summary>
    public ImpactContext Impact => Context.Impact!;

    /// <summary>The row of <paramref name="partner"/> in <paramref name="slice"/>.</summary>
    /// <param name="slice">A slice of the table (its years; its technology when given).</param>
    /// <param name="partner">A partner of the table.</param>
    /// <exception cref="ArgumentException">The slice or the partner is not in the table.</exception>
    public PairImpactRow Find(SliceKey slice, Unit partner) => FindIn(Slices[TableLookup.SliceOf(Slices, slice, nameof(slice))], partner);

    /// <summary>The row of <paramref name="partner"/> in the slice of <paramref name="year"/> (that year, or the window ending in it).</summary>
    /// <param name="year">A year of the table.</param>
    /// <param name="partner">A partner of the table.</param>
    /// <exception cref="ArgumentOutOfRangeException">No slice of the table is that year.</exception>
    /// <exception cref="ArgumentException">The partner is not in the table.</exception>
    public PairImpactRow Find(int year, Unit partner) => FindIn(Slices[TableLookup.SliceOfYear(Slices, year, nameof(year))], partner);

    /// <summary>The row of the partner named <paramref name="partner"/> (code or name) in <paramref name="slice"/>.</summary>
    /// <param name="slice">A slice of the table.</param>
    /// <param name="partner">The partner's code or name.</param>
    /// <exception cref="ArgumentException">The slice is not in the table, or the name is no unit or not a partner in the table.</exception>
    public PairImpactRow Find(SliceKey slice, string partner) => Find(slice, TableLookup.Resolve(Context, Partners, partner, nameof(partner)));

    /// <summary>The row of the partner named <paramref name="partner"/> (code or name) in the slice of <paramref name="year"/>.</summary>
    /// <param name="year">A year of the table.</param>
    /// <param name="partner">The partner's code or name.</param>
    /// <exception cref="ArgumentOutOfRangeException">No slice of the table is that year.</exception>
    /// <exception cref="ArgumentException">The name is no unit, or not a partner in the table.</exception>
    public PairImpactRow Find(int year, string partner) => Find(year, TableLookup.Resolve(Context, Partners, partner, nameof(partner)));

    /// <summary>A measure of <paramref name="partner"/>'s co-publications over the slices.</summary>
    /// <param name="partner">A partner of the table.</param>
    /// <param name="measure">The column name of the measure, such as <c>advantage</c>.</param>
    /// <param name="value">The measure of a row.</param>
    /// <exception cref="ArgumentException">The unit is not a partner in the table.</exception>
    public TimeSeries Series(Unit partner, string measure, Func<PairImpactRow, double> value)
    {
        ArgumentException.ThrowIfNullOrEmpty(measure);
        ArgumentNullException.ThrowIfNull(value);
        TableLookup.RequirePresent(partner, Partners, "partner", nameof(partner));
        var points = new SeriesPoint[Slices.Count];
        for (int s = 0; s < points.Length; s++)
        {
            points[s] = new SeriesPoint { Slice = Slices[s], Value = value(FindIn(Slices[s], partner)) };
        }

        return new TimeSeries(points, Context, Focus, partner, measure);
    }

    /// <summary>A measure of the co-publications with the partner named <paramref name="partner"/> over the slices.</summary>
    /// <param name="partner">The partner's code or name.</param>
    /// <param name="measure">The column name of the measure, such as <c>advantage</c>.</param>
    /// <param name="value">The measure of a row.</param>
    /// <exception cref="ArgumentException">The name is no unit, or not a partner in the table.</exception>
    public TimeSeries Series(string partner, string measure, Func<PairImpactRow, double> value) =>
        Series(TableLookup.Resolve(Context, Partners, partner, nameof(partner)), measure, value);

    private protected override void WriteCells(PairImpactRow row, ITableSink cells)
    {
        cells.WriteText(row.Year);
        cells.WriteText(row.Slice.Technology);
        cells.WriteText(row.Focus.Code);
        cells.WriteText(row.Partner.Code);
        cells.WriteNumber(row.Copublications);
        cells.WriteNumber(row.Mncs);
        cells.WriteNumber(row.PpTop);
        cells.WriteNumber(row.Advantage);
    }

    private PairImpactRow FindIn(SliceKey slice, Unit partner)
    {
        TableLookup.RequirePresent(partner, Partners, "partner", nameof(partner));
        foreach (var row in Rows)
        {
            if (row.Slice == slice && row.Partner == partner)
            {
                return row;
            }
        }

        // Every partner has a row in every slice of the table.
        throw new InvalidOperationException($"No row of '{partner.Code}' in {slice}.");
    }
}
