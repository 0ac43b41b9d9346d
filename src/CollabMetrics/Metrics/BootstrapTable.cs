namespace CollabMetrics.Metrics;

/// <summary>
/// Bootstrap confidence intervals of one index for the partners of a focus, slice by slice. Immutable.
/// </summary>
/// <remarks>CSV and JSON columns: year, focus, partner, index, estimate, lower, upper, standard_error, replicates.</remarks>
/// <example>
/// <code>
/// BootstrapTable ci = corpus.Countries().Focus("CN").Partners("US").ByYear().Bootstrap(CollaborationIndex.PartnerShare);
/// </code>
/// </example>
public sealed class BootstrapTable : ResultTable<BootstrapRow>
{
    private static readonly string[] Header =
        ["year", "focus", "partner", "index", "estimate", "lower", "upper", "standard_error", "replicates"];

    internal BootstrapTable(BootstrapRow[] rows, ResultContext context, BootstrapOptions options)
        : base(rows, context)
    {
        Options = options;
    }

    /// <summary>The replicates, confidence level, seed and parallelism used.</summary>
    public BootstrapOptions Options { get; }

    private protected override string[] ColumnNames => Header;

    /// <summary>The row of <paramref name="partner"/> in the slice labelled <paramref name="year"/>, or null.</summary>
    public BootstrapRow? Find(string year, string partner)
    {
        foreach (var row in this)
        {
            if (row.Year == year && string.Equals(row.Partner, partner, StringComparison.OrdinalIgnoreCase))
            {
                return row;
            }
        }

        return null;
    }

    private protected override void WriteCells(BootstrapRow row, CellWriter cells)
    {
        cells.Text(row.Year);
        cells.Text(row.Focus);
        cells.Text(row.Partner);
        cells.Text(row.Index.ToName());
        cells.Number(row.Estimate);
        cells.Number(row.Lower);
        cells.Number(row.Upper);
        cells.Number(row.StandardError);
        cells.Integer(row.Replicates);
    }
}
