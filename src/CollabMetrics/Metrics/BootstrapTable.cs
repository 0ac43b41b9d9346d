using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// Bootstrap confidence intervals of one index for the partners of a focus, slice by slice. Immutable.
/// </summary>
/// <remarks>Columns: year, focus, partner, index, estimate, lower, upper, standard_error, replicates.</remarks>
/// <example>
/// <code>
/// BootstrapTable ci = corpus.Countries().Focus("CN").Partners("US").ByYear().Bootstrap(CollaborationIndex.PartnerShare);
/// BootstrapRow? us2020 = ci.Find(2020, "United States");
/// </code>
/// </example>
public sealed class BootstrapTable : ResultTable<BootstrapRow>
{
    private static readonly TableColumn[] Header =
    [
        Text("year"), Text("focus"), Text("partner"), Text("index"), Number("estimate", nullable: true),
        Number("lower", nullable: true), Number("upper", nullable: true), Number("standard_error", nullable: true), Integer("replicates"),
    ];

    private IReadOnlyList<Unit>? _partners;
    private IReadOnlyList<SliceKey>? _slices;

    internal BootstrapTable(BootstrapRow[] rows, ResultContext context, BootstrapOptions options)
        : base(rows, context, Header)
    {
        Options = options;
    }

    /// <summary>The replicates, confidence level, seed and parallelism used.</summary>
    public BootstrapOptions Options { get; }

    /// <summary>The partners of the table, in order of first appearance.</summary>
    public IReadOnlyList<Unit> Partners => _partners ??= DistinctPartners();

    /// <summary>The slices of the table, in order of first appearance (chronological).</summary>
    public IReadOnlyList<SliceKey> Slices => _slices ??= DistinctSlices();

    /// <summary>The row of <paramref name="partner"/> in <paramref name="slice"/>, or null when the partner has no row there.</summary>
    /// <param name="slice">A slice of the table (its years; its technology when given).</param>
    /// <param name="partner">A partner of the table.</param>
    /// <exception cref="ArgumentException">The slice or the partner is not in the table.</exception>
    public BootstrapRow? Find(SliceKey slice, Unit partner) => FindIn(Slices[TableLookup.SliceOf(Slices, slice, nameof(slice))], partner);

    /// <summary>The row of <paramref name="partner"/> in the slice of <paramref name="year"/> (the year, or the window ending in it), or null when the partner has no row there.</summary>
    /// <param name="year">A year of the table.</param>
    /// <param name="partner">A partner of the table.</param>
    /// <exception cref="ArgumentOutOfRangeException">No slice of the table is that year.</exception>
    /// <exception cref="ArgumentException">The partner is not in the table.</exception>
    public BootstrapRow? Find(int year, Unit partner) => FindIn(Slices[TableLookup.SliceOfYear(Slices, year, nameof(year))], partner);

    /// <summary>The row of the partner named <paramref name="partner"/> (code or name) in <paramref name="slice"/>.</summary>
    /// <param name="slice">A slice of the table.</param>
    /// <param name="partner">The partner's code or name.</param>
    /// <exception cref="ArgumentException">The slice is not in the table, or the name is no unit or not a partner in the table.</exception>
    public BootstrapRow? Find(SliceKey slice, string partner) => Find(slice, TableLookup.Resolve(Context, Partners, partner, nameof(partner)));

    /// <summary>The row of the partner named <paramref name="partner"/> (code or name) in the slice of <paramref name="year"/>.</summary>
    /// <param name="year">A year of the table.</param>
    /// <param name="partner">The partner's code or name.</param>
    /// <exception cref="ArgumentOutOfRangeException">No slice of the table is that year.</exception>
    /// <exception cref="ArgumentException">No unit has this name, or it is not a partner in the table.</exception>
    public BootstrapRow? Find(int year, string partner) => Find(year, TableLookup.Resolve(Context, Partners, partner, nameof(partner)));

    private protected override string? TechnologyOf(BootstrapRow row) => row.Slice.Technology;

    private protected override void WriteCells(BootstrapRow row, ITableSink cells)
    {
        cells.WriteText(row.Year);
        cells.WriteText(row.Focus.Code);
        cells.WriteText(row.Partner.Code);
        cells.WriteText(row.Index.ToName());
        cells.WriteNumber(row.Estimate);
        cells.WriteNumber(row.Lower);
        cells.WriteNumber(row.Upper);
        cells.WriteNumber(row.StandardError);
        cells.WriteInteger(row.Replicates);
    }

    private BootstrapRow? FindIn(SliceKey slice, Unit partner)
    {
        TableLookup.RequirePresent(partner, Partners, "partner", nameof(partner));
        foreach (var row in Rows)
        {
            if (row.Slice == slice && row.Partner == partner)
            {
                return row;
            }
        }

        return null;
    }

    private System.Collections.ObjectModel.ReadOnlyCollection<Unit> DistinctPartners()
    {
        var seen = new HashSet<Unit>();
        var partners = new List<Unit>();
        foreach (var row in Rows)
        {
            if (seen.Add(row.Partner))
            {
                partners.Add(row.Partner);
            }
        }

        return partners.AsReadOnly();
    }

    private System.Collections.ObjectModel.ReadOnlyCollection<SliceKey> DistinctSlices()
    {
        var seen = new HashSet<SliceKey>();
        var slices = new List<SliceKey>();
        foreach (var row in Rows)
        {
            if (seen.Add(row.Slice))
            {
                slices.Add(row.Slice);
            }
        }

        return slices.AsReadOnly();
    }
}
