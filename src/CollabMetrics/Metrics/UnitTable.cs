using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// Units (countries, institutions or groups) slice by slice with their output under each counting method. Immutable.
/// </summary>
/// <remarks>
/// Columns: year, country (or institution), publications, fractional_publications, equal_split_publications,
/// international_publications, international_rate.
/// </remarks>
/// <example>
/// <code>
/// UnitTable countries = corpus.Countries().Units().ByYear().Compute();
/// countries.ToCsvFile("countries.csv");
/// IReadOnlyList&lt;UnitRow&gt; china = countries.Of("China");
/// </code>
/// </example>
public sealed class UnitTable : ResultTable<UnitRow>
{
    private IReadOnlyList<Unit>? _units;

    internal UnitTable(UnitRow[] rows, ResultContext context)
        : base(rows, context, Header(context.Level))
    {
    }

    /// <summary>The units of the table, in order of first appearance.</summary>
    public IReadOnlyList<Unit> Units => _units ??= Distinct();

    /// <summary>The rows of <paramref name="unit"/>, in slice order.</summary>
    /// <param name="unit">A unit of the table.</param>
    /// <exception cref="ArgumentException">The unit has no row in the table.</exception>
    public IReadOnlyList<UnitRow> Of(Unit unit)
    {
        TableLookup.RequirePresent(unit, Units, "unit", nameof(unit));
        var rows = new List<UnitRow>();
        foreach (var row in Rows)
        {
            if (row.Unit == unit)
            {
                rows.Add(row);
            }
        }

        return rows.AsReadOnly();
    }

    /// <summary>The rows of the unit named <paramref name="unit"/> (a code, a country name, an institution key or name, a group name), in slice order.</summary>
    /// <param name="unit">The unit's name.</param>
    /// <exception cref="ArgumentException">No unit has this name, or the unit has no row in the table.</exception>
    public IReadOnlyList<UnitRow> Of(string unit) => Of(TableLookup.Resolve(Context, Units, unit, nameof(unit)));

    private protected override string? TechnologyOf(UnitRow row) => row.Slice.Technology;

    private protected override void WriteCells(UnitRow row, ITableSink cells)
    {
        cells.WriteText(row.Year);
        cells.WriteText(row.Unit.Code);
        cells.WriteNumber(row.Publications);
        cells.WriteNumber(row.FractionalPublications);
        cells.WriteNumber(row.EqualSplitPublications);
        cells.WriteNumber(row.InternationalPublications);
        cells.WriteNumber(row.InternationalRate);
    }

    private static TableColumn[] Header(UnitLevel level) =>
    [
        Text("year"), Text(level.ToName()), Number("publications"), Number("fractional_publications"),
        Number("equal_split_publications"), Number("international_publications"), Number("international_rate", nullable: true),
    ];

    private System.Collections.ObjectModel.ReadOnlyCollection<Unit> Distinct()
    {
        var seen = new HashSet<Unit>();
        var units = new List<Unit>();
        foreach (var row in Rows)
        {
            if (seen.Add(row.Unit))
            {
                units.Add(row.Unit);
            }
        }

        return units.AsReadOnly();
    }
}
