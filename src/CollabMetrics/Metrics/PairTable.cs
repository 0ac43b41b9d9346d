using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// Unordered pairs of units slice by slice with their co-publications and link weight (under
/// <see cref="ResultContext.LinkWeighting"/>). Pairs without co-publications are not listed. Immutable.
/// </summary>
/// <remarks>CSV and JSON columns: year, country_a, country_b (or institution_a, institution_b), copublications, weight.</remarks>
/// <example>
/// <code>
/// PairTable pairs = corpus.Countries().WithLinkWeighting(LinkWeighting.Author).Pairs().AllYears().Compute();
/// </code>
/// </example>
public sealed class PairTable : ResultTable<PairRow>
{
    private readonly string[] _columns;

    internal PairTable(PairRow[] rows, ResultContext context)
        : base(rows, context)
    {
        string level = context.Level == UnitLevel.Country ? "country" : "institution";
        _columns = ["year", level + "_a", level + "_b", "copublications", "weight"];
    }

    private protected override string[] ColumnNames => _columns;

    private protected override void WriteCells(PairRow row, CellWriter cells)
    {
        cells.Text(row.Year);
        cells.Text(row.UnitA);
        cells.Text(row.UnitB);
        cells.Number(row.Copublications);
        cells.Number(row.Weight);
    }
}
