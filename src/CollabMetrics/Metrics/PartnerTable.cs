namespace CollabMetrics.Metrics;

/// <summary>
/// The partners of one focus unit, slice by slice in chronological order, ranked within each slice by
/// <see cref="RankedBy"/> (1 = strongest; ties by larger co-publications, then unit code). Immutable.
/// </summary>
/// <remarks>
/// CSV and JSON columns: year, focus, partner, rank, copublications, focus_publications,
/// focus_international_publications, partner_publications, then every index by its snake_case name.
/// </remarks>
/// <example>
/// <code>
/// PartnerTable top = corpus.Countries().Focus("CN").Partners().ByYear().Rank(CollaborationIndex.PartnerShare).Top(10);
/// top.ToCsv("cn-partners.csv");
/// </code>
/// </example>
public sealed class PartnerTable : ResultTable<PartnerRow>
{
    private static readonly string[] Header =
    [
        "year", "focus", "partner", "rank", "copublications", "focus_publications", "focus_international_publications",
        "partner_publications", .. CollaborationIndices.AllNames,
    ];

    private readonly SliceRange[] _slices;

    private PartnerTable(PartnerRow[] rows, SliceRange[] slices, ResultContext context, string focus)
        : base(rows, context)
    {
        _slices = slices;
        Focus = focus;
    }

    /// <summary>The focus unit's code.</summary>
    public string Focus { get; }

    /// <summary>The index the partners are ranked by.</summary>
    public CollaborationIndex RankedBy => Context.RankedBy ?? CollaborationIndex.PartnerShare;

    /// <summary>The slice labels, in chronological order.</summary>
    public IReadOnlyList<string> Slices => [.. _slices.Select(s => s.Year)];

    /// <summary>The partners of the table, in order of first appearance.</summary>
    public IReadOnlyList<string> Partners
    {
        get
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var partners = new List<string>();
            foreach (var row in Rows)
            {
                if (seen.Add(row.Partner))
                {
                    partners.Add(row.Partner);
                }
            }

            return partners;
        }
    }

    private protected override string[] ColumnNames => Header;

    /// <summary>The same rows ranked by another index.</summary>
    public PartnerTable Rank(CollaborationIndex index)
    {
        _ = index.ToName();
        return Create([.. Rows], _slices.Select(s => s.Year).ToArray(), Context.RankedByIndex(index), Focus);
    }

    /// <summary>The rows ranked 1 to <paramref name="count"/> in each slice.</summary>
    /// <param name="count">How many partners per slice; at least 1.</param>
    public PartnerTable Top(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Filter(row => row.Rank <= count);
    }

    /// <summary>The rows of the given partners only (ranks unchanged: they are ranks among all partners).</summary>
    /// <param name="partners">Partner codes.</param>
    public PartnerTable ForPartners(params string[] partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        var wanted = new HashSet<string>(partners, StringComparer.OrdinalIgnoreCase);
        return Filter(row => wanted.Contains(row.Partner));
    }

    /// <summary>The row of <paramref name="partner"/> in the slice labelled <paramref name="year"/>, or null.</summary>
    public PartnerRow? Find(string year, string partner)
    {
        foreach (var row in Rows)
        {
            if (row.Year == year && string.Equals(row.Partner, partner, StringComparison.OrdinalIgnoreCase))
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>The values of <paramref name="index"/> for <paramref name="partner"/> over the slices (NaN where the partner has no row).</summary>
    public TimeSeries Series(string partner, CollaborationIndex index) =>
        Series(partner, index.ToName(), row => row.Value(index));

    /// <summary>The co-publications C_XY of the focus with <paramref name="partner"/> over the slices (0 where the partner has no row).</summary>
    public TimeSeries Copublications(string partner)
    {
        var series = Series(partner, "copublications", row => row.Copublications);
        var points = series.Select(p => double.IsNaN(p.Value) ? p with { Value = 0 } : p).ToArray();
        return new TimeSeries(points, Context, Focus, series.Partner, "copublications");
    }

    /// <summary>Any measure of <paramref name="partner"/> over the slices (NaN where the partner has no row).</summary>
    /// <param name="partner">The partner code.</param>
    /// <param name="measure">The column name of the measure.</param>
    /// <param name="value">The measure of a row.</param>
    public TimeSeries Series(string partner, string measure, Func<PartnerRow, double> value)
    {
        ArgumentException.ThrowIfNullOrEmpty(partner);
        ArgumentException.ThrowIfNullOrEmpty(measure);
        ArgumentNullException.ThrowIfNull(value);
        var points = new SeriesPoint[_slices.Length];
        string code = partner;
        for (int s = 0; s < _slices.Length; s++)
        {
            var slice = _slices[s];
            double v = double.NaN;
            for (int i = slice.Start; i < slice.Start + slice.Length; i++)
            {
                var row = this[i];
                if (string.Equals(row.Partner, partner, StringComparison.OrdinalIgnoreCase))
                {
                    v = value(row);
                    code = row.Partner;
                    break;
                }
            }

            points[s] = new SeriesPoint(slice.Year, slice.FromYear, slice.ToYear, v);
        }

        return new TimeSeries(points, Context, Focus, code, measure);
    }

    /// <summary>Every partner's rank in each slice after the first, with its rank in the previous slice.</summary>
    public IReadOnlyList<RankChange> RankChanges()
    {
        var changes = new List<RankChange>();
        for (int s = 1; s < _slices.Length; s++)
        {
            var previous = RanksOf(_slices[s - 1]);
            var slice = _slices[s];
            for (int i = slice.Start; i < slice.Start + slice.Length; i++)
            {
                var row = this[i];
                int? before = previous.TryGetValue(row.Partner, out int r) ? r : null;
                changes.Add(new RankChange(slice.Year, _slices[s - 1].Year, row.Partner, row.Rank, before));
            }
        }

        return changes;
    }

    /// <summary>
    /// The first slice where <paramref name="overtaker"/> ranks above <paramref name="overtaken"/> after ranking
    /// below it in the previous slice; null when that never happens.
    /// </summary>
    public Crossover? FirstCrossover(string overtaker, string overtaken)
    {
        foreach (var crossover in Crossovers(overtaker, overtaken))
        {
            if (string.Equals(crossover.Overtaker, overtaker, StringComparison.OrdinalIgnoreCase))
            {
                return crossover;
            }
        }

        return null;
    }

    /// <summary>Every crossover between the two partners, in either direction, in chronological order.</summary>
    public IReadOnlyList<Crossover> Crossovers(string partnerA, string partnerB)
    {
        ArgumentException.ThrowIfNullOrEmpty(partnerA);
        ArgumentException.ThrowIfNullOrEmpty(partnerB);
        var result = new List<Crossover>();
        for (int s = 1; s < _slices.Length; s++)
        {
            var before = RowsOf(_slices[s - 1], partnerA, partnerB);
            var now = RowsOf(_slices[s], partnerA, partnerB);
            if (before.A is null || before.B is null || now.A is null || now.B is null)
            {
                continue;
            }

            if (before.A.Rank > before.B.Rank && now.A.Rank < now.B.Rank)
            {
                result.Add(Make(_slices[s], _slices[s - 1], now.A, now.B));
            }
            else if (before.B.Rank > before.A.Rank && now.B.Rank < now.A.Rank)
            {
                result.Add(Make(_slices[s], _slices[s - 1], now.B, now.A));
            }
        }

        return result;
    }

    /// <summary>Every crossover between any two partners of the table, in chronological order, then by the overtaker's rank.</summary>
    public IReadOnlyList<Crossover> Crossovers()
    {
        var result = new List<Crossover>();
        for (int s = 1; s < _slices.Length; s++)
        {
            var previous = RanksOf(_slices[s - 1]);
            var slice = _slices[s];
            for (int i = slice.Start; i < slice.Start + slice.Length; i++)
            {
                for (int j = i + 1; j < slice.Start + slice.Length; j++)
                {
                    // Row i ranks above row j now (rows are in rank order).
                    var above = this[i];
                    var below = this[j];
                    if (previous.TryGetValue(above.Partner, out int was) && previous.TryGetValue(below.Partner, out int wasBelow) && was > wasBelow)
                    {
                        result.Add(Make(slice, _slices[s - 1], above, below));
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Builds a table: sorts each slice's rows by the ranking index and assigns ranks.</summary>
    /// <param name="rows">Rows grouped by slice, slices in chronological order (ranks ignored).</param>
    /// <param name="sliceOrder">The slice labels in chronological order, including slices without rows.</param>
    /// <param name="context">The context; its <see cref="ResultContext.RankedBy"/> ranks the rows (PartnerShare when null).</param>
    /// <param name="focus">The focus code.</param>
    internal static PartnerTable Create(PartnerRow[] rows, string[] sliceOrder, ResultContext context, string focus)
    {
        var index = context.RankedBy ?? CollaborationIndex.PartnerShare;
        var slices = new SliceRange[sliceOrder.Length];
        var sorted = new List<PartnerRow>(rows.Length);
        for (int s = 0; s < sliceOrder.Length; s++)
        {
            int start = sorted.Count;
            int? from = null, to = null;
            bool found = false;
            foreach (var row in rows)
            {
                if (row.Year == sliceOrder[s])
                {
                    sorted.Add(row);
                    (from, to, found) = (row.FromYear, row.ToYear, true);
                }
            }

            if (!found)
            {
                (from, to) = SliceLabels.Parse(sliceOrder[s]);
            }

            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sorted)[start..];
            PartnerRanking.RankSlice(span, index);
            slices[s] = new SliceRange(sliceOrder[s], from, to, start, sorted.Count - start);
        }

        return new PartnerTable([.. sorted], slices, context with { RankedBy = index }, focus);
    }

    private protected override void WriteCells(PartnerRow row, CellWriter cells)
    {
        cells.Text(row.Year);
        cells.Text(row.Focus);
        cells.Text(row.Partner);
        cells.Integer(row.Rank);
        cells.Number(row.Copublications);
        cells.Number(row.FocusPublications);
        cells.Number(row.FocusInternationalPublications);
        cells.Number(row.PartnerPublications);
        foreach (var index in CollaborationIndices.All)
        {
            cells.Number(row.Value(index));
        }
    }

    private PartnerTable Filter(Func<PartnerRow, bool> keep)
    {
        var rows = new List<PartnerRow>();
        var slices = new SliceRange[_slices.Length];
        for (int s = 0; s < _slices.Length; s++)
        {
            var slice = _slices[s];
            int start = rows.Count;
            for (int i = slice.Start; i < slice.Start + slice.Length; i++)
            {
                if (keep(this[i]))
                {
                    rows.Add(this[i]);
                }
            }

            slices[s] = slice with { Start = start, Length = rows.Count - start };
        }

        return new PartnerTable([.. rows], slices, Context, Focus);
    }

    private Dictionary<string, int> RanksOf(SliceRange slice)
    {
        var ranks = new Dictionary<string, int>(slice.Length, StringComparer.Ordinal);
        for (int i = slice.Start; i < slice.Start + slice.Length; i++)
        {
            ranks[this[i].Partner] = this[i].Rank;
        }

        return ranks;
    }

    private (PartnerRow? A, PartnerRow? B) RowsOf(SliceRange slice, string a, string b)
    {
        PartnerRow? rowA = null, rowB = null;
        for (int i = slice.Start; i < slice.Start + slice.Length; i++)
        {
            var row = this[i];
            if (string.Equals(row.Partner, a, StringComparison.OrdinalIgnoreCase))
            {
                rowA = row;
            }
            else if (string.Equals(row.Partner, b, StringComparison.OrdinalIgnoreCase))
            {
                rowB = row;
            }
        }

        return (rowA, rowB);
    }

    private Crossover Make(SliceRange slice, SliceRange previous, PartnerRow above, PartnerRow below) =>
        new(slice.Year, previous.Year, Focus, above.Partner, below.Partner, RankedBy, above.Rank, below.Rank, above.Value(RankedBy), below.Value(RankedBy));

    private readonly record struct SliceRange(string Year, int? FromYear, int? ToYear, int Start, int Length);
}
