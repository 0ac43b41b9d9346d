using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// The rank of every partner ranked in each slice of a <see cref="PartnerTable"/> after the first, with its rank in
/// the previous slice: <see cref="PartnerTable.RankChanges"/>. A result table like the others (the tabular contract,
/// CSV and JSON).
/// </summary>
/// <remarks>Columns: year, previous_year, focus, partner, rank, previous_rank (empty when unranked there), change.</remarks>
/// <example>
/// <code>
/// RankChangeTable moves = table.RankChanges();
/// moves.ToCsvFile("rank-changes.csv");
/// </code>
/// </example>
public sealed class RankChangeTable : ResultTable<RankChange>
{
    internal RankChangeTable(RankChange[] rows, ResultContext context, Unit focus)
        : base(rows, context, [Text("year"), Text("previous_year"), Text("focus"), Text("partner"), Integer("rank"), Integer("previous_rank", nullable: true), Integer("change", nullable: true)])
    {
        Focus = focus;
    }

    /// <summary>The focus unit of the partner table.</summary>
    public Unit Focus { get; }

    private protected override string? TechnologyOf(RankChange row) => row.Slice.Technology;

    private protected override void WriteCells(RankChange row, ITableSink cells)
    {
        cells.WriteText(row.Slice.YearsLabel);
        cells.WriteText(row.PreviousSlice.YearsLabel);
        cells.WriteText(Focus.Code);
        cells.WriteText(row.Partner.Code);
        cells.WriteInteger(row.Rank);
        cells.WriteInteger(row.PreviousRank);
        cells.WriteInteger(row.Change);
    }
}
