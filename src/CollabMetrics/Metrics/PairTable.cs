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
    private readonly PairEntries _entries;

    internal PairTable(PairRow[] rows, ResultContext context)
        : this(PairEntries.Of(rows), context)
    {
    }

    internal PairTable(PairEntries entries, ResultContext context)
        : base(entries.Count, context, Header(context.Level))
    {
        _entries = entries;
    }

    private protected override string? TechnologyOf(int row) => _entries.Slices[_entries.SliceIndex(row)].Technology;

    private protected override void WriteCells(int row, ITableSink cells)
    {
        int slice = _entries.SliceIndex(row);
        ref readonly var pair = ref _entries.SlicePairs[slice][row - _entries.SliceStarts[slice]];
        cells.WriteText(_entries.Labels[slice]);
        cells.WriteText(pair.A.Code);
        cells.WriteText(pair.B.Code);
        cells.WriteNumber(pair.Copublications);
        cells.WriteNumber(pair.Weight);
    }

    private protected override void WriteCells(PairRow row, ITableSink cells) =>
        throw new InvalidOperationException("A pair table writes from its compact form.");

    private protected override PairRow[] MakeRows()
    {
        var rows = new PairRow[_entries.Count];
        for (int s = 0; s < _entries.Slices.Length; s++)
        {
            var slice = _entries.Slices[s];
            var pairs = _entries.SlicePairs[s];
            int start = _entries.SliceStarts[s];
            for (int row = start; row < _entries.SliceStarts[s + 1]; row++)
            {
                ref readonly var pair = ref pairs[row - start];
                rows[row] = new PairRow { Slice = slice, UnitA = pair.A, UnitB = pair.B, Copublications = pair.Copublications, Weight = pair.Weight };
            }
        }

        return rows;
    }

    private static TableColumn[] Header(UnitLevel level)
    {
        string name = level.ToName();
        return [Text("year"), Text(name + "_a"), Text(name + "_b"), Number("copublications"), Number("weight")];
    }
}
