using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// The partners of one focus unit, slice by slice in chronological order, ranked within each slice by
/// <see cref="RankedBy"/> (1 = strongest; ties by larger co-publications, then unit code). Immutable.
/// </summary>
/// <remarks>
/// <para>
/// Columns: year, focus, partner, rank, copublications, focus_publications, focus_international_publications,
/// partner_publications, then every index by its snake_case name.
/// </para>
/// <para>
/// Lookups take typed keys (a year or a <see cref="SliceKey"/>, a <see cref="Unit"/>) or names, which go through
/// the same name table as <see cref="CollaborationAnalysis.Focus(string)"/> ("Japan", "JPN" and "JP" are one
/// partner). A name that is no unit, a unit that is not a partner in the table, or a year that is not a slice of
/// it, is an error, never a null or an empty result.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// PartnerTable top = corpus.Countries().Focus("CN").Partners().ByYear().Rank(CollaborationIndex.PartnerShare).Top(10);
/// top.ToCsvFile("cn-partners.csv");
/// Crossover? pkOverJp = top.FirstCrossover("Pakistan", "Japan");
/// </code>
/// </example>
public sealed class PartnerTable : ResultTable<PartnerRow>
{
    /// <summary>The rank of a partner without co-publications in a slice, in comparisons: after every ranked partner.</summary>
    private const int Unranked = int.MaxValue;

    private static readonly TableColumn[] Header = BuildHeader();

    private readonly SliceRange[] _slices;
    private IReadOnlyList<Unit>? _partners;

    private PartnerTable(PartnerRow[] rows, SliceRange[] slices, ResultContext context, Unit focus)
        : base(rows, context, Header)
    {
        _slices = slices;
        Focus = focus;
        var keys = new SliceKey[slices.Length];
        for (int s = 0; s < keys.Length; s++)
        {
            keys[s] = slices[s].Key;
        }

        Slices = Array.AsReadOnly(keys);
    }

    /// <summary>The focus unit.</summary>
    public Unit Focus { get; }

    /// <summary>The index the partners are ranked by.</summary>
    public CollaborationIndex RankedBy => Context.RankedBy ?? CollaborationIndex.PartnerShare;

    /// <summary>The slices, in chronological order (slices without any partner included).</summary>
    public IReadOnlyList<SliceKey> Slices { get; }

    /// <summary>The partners of the table, in order of first appearance.</summary>
    public IReadOnlyList<Unit> Partners => _partners ??= DistinctPartners();

    /// <summary>The same rows ranked by another index.</summary>
    /// <param name="index">The ranking index.</param>
    public PartnerTable Rank(CollaborationIndex index)
    {
        _ = index.ToName();
        return Create([.. Rows], Slices, Context.RankedByIndex(index), Focus);
    }

    /// <summary>
    /// The rows ranked 1 to <paramref name="count"/> in each slice: only partners with co-publications in the slice
    /// are ranked, so a slice with fewer keeps fewer rows; 0 keeps every row, unranked ones too (as the command line's
    /// <c>--top 0</c>).
    /// </summary>
    /// <param name="count">How many partners per slice; 0 for all.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public PartnerTable Top(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count == 0 ? this : Filter(row => row.Rank <= count);
    }

    /// <summary>The rows of the given partners only (ranks unchanged: they are ranks among all partners).</summary>
    /// <param name="partners">Partners of the table.</param>
    /// <exception cref="ArgumentException">A unit is not a partner in the table.</exception>
    public PartnerTable ForPartners(params Unit[] partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        var wanted = new HashSet<Unit>();
        foreach (var partner in partners)
        {
            TableLookup.RequirePresent(partner, Partners, "partner", nameof(partners));
            wanted.Add(partner);
        }

        return Filter(row => wanted.Contains(row.Partner));
    }

    /// <summary>The rows of the partners named (codes or names; see the remarks), ranks unchanged.</summary>
    /// <param name="partners">Partner codes or names.</param>
    /// <exception cref="ArgumentException">A name is no unit, or not a partner in the table.</exception>
    public PartnerTable ForPartners(params string[] partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        return ForPartners(Array.ConvertAll(partners, p => Resolve(p, nameof(partners))));
    }

    /// <summary>The row of <paramref name="partner"/> in <paramref name="slice"/>, or null when it has no row in that slice (no co-publication, or cut by <see cref="Top"/>).</summary>
    /// <param name="slice">A slice of the table (its years; its technology when given).</param>
    /// <param name="partner">A partner of the table.</param>
    /// <exception cref="ArgumentException">The slice or the partner is not in the table.</exception>
    public PartnerRow? Find(SliceKey slice, Unit partner)
    {
        int s = TableLookup.SliceOf(Slices, slice, nameof(slice));
        TableLookup.RequirePresent(partner, Partners, "partner", nameof(partner));
        return RowOf(_slices[s], partner);
    }

    /// <summary>The row of <paramref name="partner"/> in the slice of <paramref name="year"/> (that year, or in a table of windows the window ending in it), or null when it has no row in that slice.</summary>
    /// <param name="year">A year of the table.</param>
    /// <param name="partner">A partner of the table.</param>
    /// <exception cref="ArgumentOutOfRangeException">No slice of the table is that year.</exception>
    /// <exception cref="ArgumentException">The partner is not in the table.</exception>
    public PartnerRow? Find(int year, Unit partner)
    {
        int s = TableLookup.SliceOfYear(Slices, year, nameof(year));
        TableLookup.RequirePresent(partner, Partners, "partner", nameof(partner));
        return RowOf(_slices[s], partner);
    }

    /// <summary>The row of the partner named <paramref name="partner"/> in <paramref name="slice"/> (see <see cref="Find(SliceKey, Unit)"/>).</summary>
    /// <param name="slice">A slice of the table, such as <c>SliceKey.ForAllYears()</c>.</param>
    /// <param name="partner">The partner's code or name.</param>
    /// <exception cref="ArgumentException">The slice is not in the table, or the name is no unit or not a partner in the table.</exception>
    public PartnerRow? Find(SliceKey slice, string partner) => Find(slice, Resolve(partner, nameof(partner)));

    /// <summary>The row of the partner named <paramref name="partner"/> in the slice of <paramref name="year"/> (see <see cref="Find(int, Unit)"/>).</summary>
    /// <param name="year">A year of the table.</param>
    /// <param name="partner">The partner's code or name.</param>
    /// <exception cref="ArgumentOutOfRangeException">No slice of the table is that year.</exception>
    /// <exception cref="ArgumentException">The name is no unit, or not a partner in the table.</exception>
    public PartnerRow? Find(int year, string partner) => Find(year, Resolve(partner, nameof(partner)));

    /// <summary>The values of <paramref name="index"/> for <paramref name="partner"/> over the slices (NaN where the partner has no row).</summary>
    /// <param name="partner">A partner of the table.</param>
    /// <param name="index">The index.</param>
    /// <exception cref="ArgumentException">The unit is not a partner in the table.</exception>
    public TimeSeries Series(Unit partner, CollaborationIndex index) =>
        Series(partner, index.ToName(), row => row.Value(index));

    /// <summary>The values of <paramref name="index"/> for the partner named <paramref name="partner"/> (see <see cref="Series(Unit, CollaborationIndex)"/>).</summary>
    /// <param name="partner">The partner's code or name.</param>
    /// <param name="index">The index.</param>
    /// <exception cref="ArgumentException">The name is no unit, or not a partner in the table.</exception>
    public TimeSeries Series(string partner, CollaborationIndex index) => Series(Resolve(partner, nameof(partner)), index);

    /// <summary>The co-publications C_XY of the focus with <paramref name="partner"/> over the slices (0 where the partner has no row).</summary>
    /// <param name="partner">A partner of the table.</param>
    /// <exception cref="ArgumentException">The unit is not a partner in the table.</exception>
    public TimeSeries Copublications(Unit partner)
    {
        var series = Series(partner, "copublications", row => row.Copublications);
        var points = new SeriesPoint[series.Count];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = double.IsNaN(series[i].Value) ? series[i] with { Value = 0 } : series[i];
        }

        return new TimeSeries(points, Context, Focus, partner, "copublications");
    }

    /// <summary>The co-publications of the focus with the partner named <paramref name="partner"/> (see <see cref="Copublications(Unit)"/>).</summary>
    /// <param name="partner">The partner's code or name.</param>
    /// <exception cref="ArgumentException">The name is no unit, or not a partner in the table.</exception>
    public TimeSeries Copublications(string partner) => Copublications(Resolve(partner, nameof(partner)));

    /// <summary>Any measure of <paramref name="partner"/> over the slices (NaN where the partner has no row).</summary>
    /// <param name="partner">A partner of the table.</param>
    /// <param name="measure">The column name of the measure.</param>
    /// <param name="value">The measure of a row.</param>
    /// <exception cref="ArgumentException">The unit is not a partner in the table.</exception>
    public TimeSeries Series(Unit partner, string measure, Func<PartnerRow, double> value)
    {
        ArgumentException.ThrowIfNullOrEmpty(measure);
        ArgumentNullException.ThrowIfNull(value);
        TableLookup.RequirePresent(partner, Partners, "partner", nameof(partner));
        var points = new SeriesPoint[_slices.Length];
        for (int s = 0; s < _slices.Length; s++)
        {
            var row = RowOf(_slices[s], partner);
            points[s] = new SeriesPoint { Slice = _slices[s].Key, Value = row is null ? double.NaN : value(row) };
        }

        return new TimeSeries(points, Context, Focus, partner, measure);
    }

    /// <summary>Any measure of the partner named <paramref name="partner"/> (see <see cref="Series(Unit, string, Func{PartnerRow, double})"/>).</summary>
    /// <param name="partner">The partner's code or name.</param>
    /// <param name="measure">The column name of the measure.</param>
    /// <param name="value">The measure of a row.</param>
    /// <exception cref="ArgumentException">The name is no unit, or not a partner in the table.</exception>
    public TimeSeries Series(string partner, string measure, Func<PartnerRow, double> value) =>
        Series(Resolve(partner, nameof(partner)), measure, value);

    /// <summary>
    /// The rank of every partner ranked in each slice after the first (one with co-publications in it), with its rank in
    /// the previous slice (null when it had none there), as a table with CSV and JSON output.
    /// </summary>
    public RankChangeTable RankChanges()
    {
        var changes = new List<RankChange>();
        for (int s = 1; s < _slices.Length; s++)
        {
            var previous = RanksOf(_slices[s - 1]);
            var slice = _slices[s];
            for (int i = slice.Start; i < slice.Start + slice.Length; i++)
            {
                var row = this[i];
                if (row.Rank is null)
                {
                    continue;
                }

                changes.Add(new RankChange
                {
                    Slice = slice.Key,
                    PreviousSlice = _slices[s - 1].Key,
                    Partner = row.Partner,
                    Rank = row.Rank.Value,
                    PreviousRank = previous.TryGetValue(row.Partner, out int r) && r != Unranked ? r : null,
                });
            }
        }

        return new RankChangeTable([.. changes], Context, Focus);
    }

    /// <summary>
    /// The first slice where <paramref name="overtaker"/> ranks above <paramref name="overtaken"/> after ranking
    /// below it in the previous slice; null when that never happens in the table.
    /// </summary>
    /// <param name="overtaker">A partner of the table.</param>
    /// <param name="overtaken">Another partner of the table.</param>
    /// <exception cref="ArgumentException">A unit is not a partner in the table, or both are the same.</exception>
    public Crossover? FirstCrossover(Unit overtaker, Unit overtaken)
    {
        TableLookup.RequirePresent(overtaker, Partners, "partner", nameof(overtaker));
        TableLookup.RequirePresent(overtaken, Partners, "partner", nameof(overtaken));
        foreach (var crossover in Crossovers(overtaker, overtaken))
        {
            if (crossover.Overtaker == overtaker)
            {
                return crossover;
            }
        }

        return null;
    }

    /// <summary>The first crossover of the partners named (codes or names; see <see cref="FirstCrossover(Unit, Unit)"/>).</summary>
    /// <param name="overtaker">The overtaking partner's code or name, such as "Pakistan" or "PK".</param>
    /// <param name="overtaken">The overtaken partner's code or name.</param>
    /// <exception cref="ArgumentException">A name is no unit, or not a partner in the table.</exception>
    public Crossover? FirstCrossover(string overtaker, string overtaken) =>
        FirstCrossover(Resolve(overtaker, nameof(overtaker)), Resolve(overtaken, nameof(overtaken)));

    /// <summary>Every crossover between the two partners, in either direction, in chronological order, as a table with CSV and JSON output.</summary>
    /// <param name="partnerA">A partner of the table.</param>
    /// <param name="partnerB">Another partner of the table.</param>
    /// <exception cref="ArgumentException">A unit is not a partner in the table, or both are the same.</exception>
    public CrossoverTable Crossovers(Unit partnerA, Unit partnerB)
    {
        TableLookup.RequirePresent(partnerA, Partners, "partner", nameof(partnerA));
        TableLookup.RequirePresent(partnerB, Partners, "partner", nameof(partnerB));
        if (partnerA == partnerB)
        {
            throw new ArgumentException($"Both partners are '{partnerA.Code}': name two different partners.", nameof(partnerB));
        }

        var result = new List<Crossover>();
        for (int s = 1; s < _slices.Length; s++)
        {
            var beforeA = RowOf(_slices[s - 1], partnerA);
            var beforeB = RowOf(_slices[s - 1], partnerB);
            var nowA = RowOf(_slices[s], partnerA);
            var nowB = RowOf(_slices[s], partnerB);
            if (beforeA is null || beforeB is null || nowA is null || nowB is null)
            {
                continue;
            }

            // A partner without co-publications in a slice ranks after every ranked one there.
            int ba = beforeA.Rank ?? Unranked, bb = beforeB.Rank ?? Unranked, na = nowA.Rank ?? Unranked, nb = nowB.Rank ?? Unranked;
            if (ba > bb && na < nb)
            {
                result.Add(Make(_slices[s], _slices[s - 1], nowA, nowB));
            }
            else if (bb > ba && nb < na)
            {
                result.Add(Make(_slices[s], _slices[s - 1], nowB, nowA));
            }
        }

        return new CrossoverTable([.. result], Context);
    }

    /// <summary>Every crossover between the two partners named (codes or names), in chronological order.</summary>
    /// <param name="partnerA">A partner's code or name.</param>
    /// <param name="partnerB">Another partner's code or name.</param>
    /// <exception cref="ArgumentException">A name is no unit, or not a partner in the table.</exception>
    public CrossoverTable Crossovers(string partnerA, string partnerB) =>
        Crossovers(Resolve(partnerA, nameof(partnerA)), Resolve(partnerB, nameof(partnerB)));

    /// <summary>Every crossover between any two partners of the table, in chronological order, then by the overtaker's rank, as a table with CSV and JSON output.</summary>
    public CrossoverTable Crossovers()
    {
        var result = new List<Crossover>();
        for (int s = 1; s < _slices.Length; s++)
        {
            var previous = RanksOf(_slices[s - 1]);
            var slice = _slices[s];
            var before = new int[slice.Length];
            for (int i = 0; i < slice.Length; i++)
            {
                before[i] = previous.TryGetValue(this[slice.Start + i].Partner, out int rank) ? rank : 0;
            }

            // Rows are in rank order: row i ranks above row j (i < j) now when ranked; a crossover if it ranked below
            // before (a partner without co-publications ranks after every ranked one, and ties with the others).
            for (int i = 0; i < slice.Length; i++)
            {
                if (before[i] == 0 || this[slice.Start + i].Rank is null)
                {
                    continue;
                }

                for (int j = i + 1; j < slice.Length; j++)
                {
                    if (before[j] != 0 && before[i] > before[j])
                    {
                        result.Add(Make(slice, _slices[s - 1], this[slice.Start + i], this[slice.Start + j]));
                    }
                }
            }
        }

        return new CrossoverTable([.. result], Context);
    }

    /// <summary>Builds a table: sorts each slice's rows by the ranking index and assigns ranks.</summary>
    /// <param name="rows">The rows, in any order (ranks ignored).</param>
    /// <param name="slices">The slices in chronological order, including slices without rows.</param>
    /// <param name="context">The context; its <see cref="ResultContext.RankedBy"/> ranks the rows (PartnerShare when null).</param>
    /// <param name="focus">The focus.</param>
    internal static PartnerTable Create(PartnerRow[] rows, IReadOnlyList<SliceKey> slices, ResultContext context, Unit focus)
    {
        var index = context.RankedBy ?? CollaborationIndex.PartnerShare;
        var ranges = new SliceRange[slices.Count];
        var sorted = new List<PartnerRow>(rows.Length);
        for (int s = 0; s < slices.Count; s++)
        {
            int start = sorted.Count;
            foreach (var row in rows)
            {
                if (row.Slice == slices[s])
                {
                    sorted.Add(row);
                }
            }

            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sorted)[start..];
            PartnerRanking.RankSlice(span, index);
            ranges[s] = new SliceRange(slices[s], start, sorted.Count - start);
        }

        return new PartnerTable([.. sorted], ranges, context with { RankedBy = index }, focus);
    }

    private protected override string? TechnologyOf(PartnerRow row) => row.Slice.Technology;

    private protected override void WriteCells(PartnerRow row, ITableSink cells)
    {
        cells.WriteText(row.Year);
        cells.WriteText(row.Focus.Code);
        cells.WriteText(row.Partner.Code);
        cells.WriteInteger(row.Rank);
        cells.WriteNumber(row.Copublications);
        cells.WriteNumber(row.FocusPublications);
        cells.WriteNumber(row.FocusInternationalPublications);
        cells.WriteNumber(row.PartnerPublications);
        foreach (var index in CollaborationIndices.All)
        {
            cells.WriteNumber(row.Value(index));
        }
    }

    private static TableColumn[] BuildHeader()
    {
        var columns = new List<TableColumn>
        {
            Text("year"), Text("focus"), Text("partner"), Integer("rank"), Number("copublications"), Number("focus_publications"),
            Number("focus_international_publications"), Number("partner_publications"),
        };
        foreach (var name in CollaborationIndices.AllNames)
        {
            columns.Add(Number(name, nullable: true));
        }

        return [.. columns];
    }

    private Unit Resolve(string name, string parameterName) => TableLookup.Resolve(Context, Partners, name, parameterName);

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

    private PartnerRow? RowOf(SliceRange slice, Unit partner)
    {
        for (int i = slice.Start; i < slice.Start + slice.Length; i++)
        {
            if (this[i].Partner == partner)
            {
                return this[i];
            }
        }

        return null;
    }

    /// <summary>The rank of every row of <paramref name="slice"/>; <see cref="Unranked"/> for a partner without co-publications.</summary>
    private Dictionary<Unit, int> RanksOf(SliceRange slice)
    {
        var ranks = new Dictionary<Unit, int>(slice.Length);
        for (int i = slice.Start; i < slice.Start + slice.Length; i++)
        {
            ranks[this[i].Partner] = this[i].Rank ?? Unranked;
        }

        return ranks;
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

    private Crossover Make(SliceRange slice, SliceRange previous, PartnerRow above, PartnerRow below) => new()
    {
        Slice = slice.Key,
        PreviousSlice = previous.Key,
        Focus = Focus,
        Overtaker = above.Partner,
        Overtaken = below.Partner,
        RankedBy = RankedBy,
        OvertakerRank = above.Rank.GetValueOrDefault(), // the overtaker ranks above the other: it is ranked
        OvertakenRank = below.Rank,
        OvertakerValue = above.Value(RankedBy),
        OvertakenValue = below.Value(RankedBy),
    };

    private readonly record struct SliceRange(SliceKey Key, int Start, int Length);
}
