using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// Unordered pairs of units slice by slice with their co-publications and link weight (under
/// <see cref="ResultContext.LinkWeighting"/>). Pairs without co-publications are not listed. Immutable.
/// </summary>
/// <remarks>Columns: year, country_a, country_b (or institution_a, institution_b), copublications, weight.</remarks>
/// <example>
/// <code>
/// PairTable pairs = corpus.Countries().WithLinkWeighting(LinkWeighting.Author).Pairs().AllYears().Compute();
/// </code>
/// </example>
public sealed class PairTable : ResultTable<PairRow>
{
    internal PairTable(PairRow[] rows, ResultContext context)
        : base(rows, context, Header(context.Level))
    {
    }

    private protected override string? TechnologyOf(PairRow row) => row.Slice.Technology;

    private protected override void WriteCells(PairRow row, ITableSink cells)
    {
        cells.WriteText(row.Year);
        cells.WriteText(row.UnitA.Code);
        cells.WriteText(row.UnitB.Code);
        cells.WriteNumber(row.Copublications);
        cells.WriteNumber(row.Weight);
    }

    private static TableColumn[] Header(UnitLevel level)
    {
        string name = level.ToName();
        return [Text("year"), Text(name + "_a"), Text(name + "_b"), Number("copublications"), Number("weight")];
    }
}
