using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// Units (countries, institutions or groups) slice by slice with their output under each counting method. Immutable.
/// </summary>
/// <remarks>
/// CSV and JSON columns: year, country (or institution), publications, fractional_publications,
/// equal_split_publications, international_publications, international_rate.
/// </remarks>
/// <example>
/// <code>
/// UnitTable countries = corpus.Countries().Units().ByYear().Compute();
/// countries.ToCsv("countries.csv");
/// </code>
/// </example>
public sealed class UnitTable : ResultTable<UnitRow>
{
    private readonly string[] _columns;

    internal UnitTable(UnitRow[] rows, ResultContext context)
        : base(rows, context)
    {
        _columns =
        [
            "year", context.Level == UnitLevel.Country ? "country" : "institution", "publications",
            "fractional_publications", "equal_split_publications", "international_publications", "international_rate",
        ];
    }

    private protected override string[] ColumnNames => _columns;

    /// <summary>The rows of the unit with code <paramref name="unit"/>, in slice order.</summary>
    public IReadOnlyList<UnitRow> Of(string unit)
    {
        ArgumentException.ThrowIfNullOrEmpty(unit);
        return [.. this.Where(r => string.Equals(r.Unit, unit, StringComparison.OrdinalIgnoreCase))];
    }

    private protected override void WriteCells(UnitRow row, CellWriter cells)
    {
        cells.Text(row.Year);
        cells.Text(row.Unit);
        cells.Number(row.Publications);
        cells.Number(row.FractionalPublications);
        cells.Number(row.EqualSplitPublications);
        cells.Number(row.InternationalPublications);
        cells.Number(row.InternationalRate);
    }
}
