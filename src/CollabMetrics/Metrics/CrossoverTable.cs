namespace CollabMetrics.Metrics;

/// <summary>
/// Partners overtaking one another between consecutive slices of a <see cref="PartnerTable"/>, in chronological
/// order: <see cref="PartnerTable.Crossovers()"/>. A result table like the others (the tabular contract, CSV and
/// JSON); the ranking index is the context's <see cref="ResultContext.RankedBy"/>.
/// </summary>
/// <remarks>
/// Columns: year, previous_year, focus, overtaker, overtaken, overtaker_rank, overtaken_rank (empty when the
/// overtaken partner has no co-publications in the slice), overtaker_value, overtaken_value.
/// </remarks>
/// <example>
/// <code>
/// CrossoverTable crossovers = table.Crossovers("PK", "JP");
/// string csv = crossovers.ToCsv();
/// </code>
/// </example>
public sealed class CrossoverTable : ResultTable<Crossover>
{
    internal CrossoverTable(Crossover[] rows, ResultContext context)
        : base(rows, context, [
            Text("year"), Text("previous_year"), Text("focus"), Text("overtaker"), Text("overtaken"), Integer("overtaker_rank"),
            Integer("overtaken_rank", nullable: true), Number("overtaker_value", nullable: true), Number("overtaken_value", nullable: true)])
    {
    }

    private protected override string? TechnologyOf(Crossover row) => row.Slice.Technology;

    private protected override void WriteCells(Crossover row, ITableSink cells)
    {
        cells.WriteText(row.Year);
        cells.WriteText(row.PreviousSlice.YearsLabel);
        cells.WriteText(row.Focus.Code);
        cells.WriteText(row.Overtaker.Code);
        cells.WriteText(row.Overtaken.Code);
        cells.WriteInteger(row.OvertakerRank);
        cells.WriteInteger(row.OvertakenRank);
        cells.WriteNumber(row.OvertakerValue);
        cells.WriteNumber(row.OvertakenValue);
    }
}
