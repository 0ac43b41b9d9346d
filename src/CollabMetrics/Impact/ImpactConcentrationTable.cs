using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;

namespace CollabMetrics.Impact;

/// <summary>
/// The concentration of the world's top x% papers among the units, per slice of years: a row for all technologies
/// together, then one for each technology (or only the technology the query chose). Immutable.
/// </summary>
/// <remarks>
/// Columns: year, technology, hhi, leader, leader_ratio, top5. The technology cell is empty for all technologies;
/// undefined values (a slice without top papers, a leader without runner-up) are empty in CSV and null in JSON.
/// </remarks>
/// <example>
/// <code>
/// ImpactConcentrationTable concentration = corpus.Countries().Impact().Window(2019, 2023).Concentration();
/// int led = concentration.LedBy("CN").Count(r => r.Slice.Technology is not null);
/// Console.WriteLine($"CN leads in {led} of {concentration.Technologies.Count} technologies by share of top 10% papers");
/// </code>
/// </example>
public sealed class ImpactConcentrationTable : ResultTable<ImpactConcentrationRow>
{
    private static readonly TableColumn[] Header =
    [
        Text("year"), Text("technology", nullable: true), Number("hhi", nullable: true), Text("leader", nullable: true),
        Number("leader_ratio", nullable: true), Number("top5", nullable: true),
    ];

    private IReadOnlyList<string>? _technologies;
    private IReadOnlyList<SliceKey>? _slices;

    internal ImpactConcentrationTable(ImpactConcentrationRow[] rows, ResultContext context)
        : base(rows, context, Header)
    {
    }

    /// <summary>The slices of the table (each years label with each technology, null for all), in row order.</summary>
    public IReadOnlyList<SliceKey> Slices => _slices ??= ImpactTables.Distinct(Rows, r => r.Slice);

    /// <summary>The technologies with a row of their own, in order of first appearance (the slice of all technologies is not one).</summary>
    public IReadOnlyList<string> Technologies
    {
        get
        {
            if (_technologies is null)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var list = new List<string>();
                foreach (var row in Rows)
                {
                    if (row.Slice.Technology is { } t && seen.Add(t))
                    {
                        list.Add(t);
                    }
                }

                _technologies = list.AsReadOnly();
            }

            return _technologies;
        }
    }

    /// <summary>What the impact figures were computed with: x, the citation source, the reference-set rule and the diagnostics.</summary>
    public ImpactContext Impact => Context.Impact!;

    /// <summary>The row of <paramref name="slice"/>: its years, and its technology (null for all technologies together).</summary>
    /// <param name="slice">The slice.</param>
    /// <exception cref="ArgumentException">The table has no such slice.</exception>
    public ImpactConcentrationRow Find(SliceKey slice)
    {
        foreach (var row in Rows)
        {
            if (row.Slice == slice)
            {
                return row;
            }
        }

        throw new ArgumentException($"'{slice}' is not a slice of this table (technology {slice.TechnologyLabel}); {TableLookup.DescribeSlices(Slices)}", nameof(slice));
    }

    /// <summary>The row of the slice of <paramref name="year"/> (that year, or the window ending in it) and <paramref name="technology"/> (null for all technologies).</summary>
    /// <param name="year">A year of the table.</param>
    /// <param name="technology">A technology of the table, or null for all technologies together.</param>
    /// <exception cref="ArgumentOutOfRangeException">No slice of the table is that year.</exception>
    /// <exception cref="ArgumentException">The table has no row of that technology.</exception>
    public ImpactConcentrationRow Find(int year, string? technology = null)
    {
        var years = ImpactTables.Distinct(Rows, r => r.Slice with { Technology = null });
        var slice = years[TableLookup.SliceOfYear(years, year, nameof(year))];
        if (technology is not null && !Technologies.Contains(technology, StringComparer.Ordinal))
        {
            var closest = Geography.NameDistance.Closest(technology, Technologies);
            throw new ArgumentException(
                $"The table has no technology '{technology}'" + (closest.Count > 0 ? $"; closest: {string.Join(", ", closest.Select(t => $"'{t}'"))}." : "."),
                nameof(technology));
        }

        return Find(slice with { Technology = technology });
    }

    /// <summary>The rows whose leader is <paramref name="unit"/>, in row order (the slice of all technologies included when it leads there).</summary>
    /// <param name="unit">A unit.</param>
    public IReadOnlyList<ImpactConcentrationRow> LedBy(Unit unit)
    {
        var rows = new List<ImpactConcentrationRow>();
        foreach (var row in Rows)
        {
            if (row.Leader == unit)
            {
                rows.Add(row);
            }
        }

        return rows.AsReadOnly();
    }

    /// <summary>The rows led by the unit named <paramref name="unit"/> (a code or a country name).</summary>
    /// <param name="unit">The unit's code or name.</param>
    /// <exception cref="ArgumentException">No unit has this name.</exception>
    public IReadOnlyList<ImpactConcentrationRow> LedBy(string unit)
    {
        var leaders = new List<Unit>();
        foreach (var row in Rows)
        {
            if (row.Leader is { } leader && !leaders.Contains(leader))
            {
                leaders.Add(leader);
            }
        }

        return LedBy(TableLookup.Resolve(Context, leaders, unit, nameof(unit)));
    }

    private protected override void WriteCells(ImpactConcentrationRow row, ITableSink cells)
    {
        cells.WriteText(row.Year);
        cells.WriteText(row.Slice.Technology);
        cells.WriteNumber(row.Hhi);
        cells.WriteText(row.Leader?.Code);
        cells.WriteNumber(row.LeaderRatio);
        cells.WriteNumber(row.Top5);
    }
}

/// <summary>
/// Bootstrap confidence intervals of PP_top, the top share and MNCS for units, slice by slice (three rows per unit and
/// slice, in that order). Immutable.
/// </summary>
/// <remarks>Columns: year, technology, country (or institution), measure, estimate, lower, upper, standard_error, replicates.</remarks>
/// <example>
/// <code>
/// ImpactBootstrapTable ci = corpus.Countries().Impact().Units("CN", "US").Window(2020, 2024).Bootstrap();
/// ImpactBootstrapRow share = ci.Find(2024, "CN", ImpactMeasure.TopShare);
/// </code>
/// </example>
public sealed class ImpactBootstrapTable : ResultTable<ImpactBootstrapRow>
{
    private IReadOnlyList<Unit>? _units;

    internal ImpactBootstrapTable(ImpactBootstrapRow[] rows, IReadOnlyList<SliceKey> slices, ResultContext context, BootstrapOptions options)
        : base(rows, context, Header(context.Level))
    {
        Slices = slices;
        Options = options;
    }

    /// <summary>The replicates, confidence level, seed and parallelism used.</summary>
    public BootstrapOptions Options { get; }

    /// <summary>The slices, in chronological order.</summary>
    public IReadOnlyList<SliceKey> Slices { get; }

    /// <summary>The units of the table, in order of first appearance.</summary>
    public IReadOnlyList<Unit> Units => _units ??= ImpactTables.Distinct(Rows, r => r.Unit);

    /// <summary>What the impact figures were computed with: x, the citation source, the reference-set rule and the diagnostics.</summary>
    public ImpactContext Impact => Context.Impact!;

    /// <summary>The interval of <paramref name="measure"/> for <paramref name="unit"/> in <paramref name="slice"/>.</summary>
    /// <param name="slice">A slice of the table.</param>
    /// <param name="unit">A unit of the table.</param>
    /// <param name="measure">The measure.</param>
    /// <exception cref="ArgumentException">The slice or the unit is not in the table.</exception>
    public ImpactBootstrapRow Find(SliceKey slice, Unit unit, ImpactMeasure measure) =>
        FindIn(Slices[TableLookup.SliceOf(Slices, slice, nameof(slice))], unit, measure);

    /// <summary>The interval of <paramref name="measure"/> for <paramref name="unit"/> in the slice of <paramref name="year"/> (that year, or the window ending in it).</summary>
    /// <param name="year">A year of the table.</param>
    /// <param name="unit">A unit of the table.</param>
    /// <param name="measure">The measure.</param>
    /// <exception cref="ArgumentOutOfRangeException">No slice of the table is that year.</exception>
    /// <exception cref="ArgumentException">The unit is not in the table.</exception>
    public ImpactBootstrapRow Find(int year, Unit unit, ImpactMeasure measure) =>
        FindIn(Slices[TableLookup.SliceOfYear(Slices, year, nameof(year))], unit, measure);

    /// <summary>The interval of <paramref name="measure"/> for the unit named <paramref name="unit"/> in the slice of <paramref name="year"/>.</summary>
    /// <param name="year">A year of the table.</param>
    /// <param name="unit">The unit's code or name.</param>
    /// <param name="measure">The measure.</param>
    /// <exception cref="ArgumentOutOfRangeException">No slice of the table is that year.</exception>
    /// <exception cref="ArgumentException">The name is no unit, or not a unit of the table.</exception>
    public ImpactBootstrapRow Find(int year, string unit, ImpactMeasure measure) =>
        Find(year, TableLookup.Resolve(Context, Units, unit, nameof(unit)), measure);

    /// <summary>The interval of <paramref name="measure"/> for the unit named <paramref name="unit"/> in <paramref name="slice"/>.</summary>
    /// <param name="slice">A slice of the table.</param>
    /// <param name="unit">The unit's code or name.</param>
    /// <param name="measure">The measure.</param>
    /// <exception cref="ArgumentException">The slice is not in the table, or the name is no unit or not a unit of the table.</exception>
    public ImpactBootstrapRow Find(SliceKey slice, string unit, ImpactMeasure measure) =>
        Find(slice, TableLookup.Resolve(Context, Units, unit, nameof(unit)), measure);

    private protected override void WriteCells(ImpactBootstrapRow row, ITableSink cells)
    {
        cells.WriteText(row.Year);
        cells.WriteText(row.Slice.Technology);
        cells.WriteText(row.Unit.Code);
        cells.WriteText(row.Measure.ToName());
        cells.WriteNumber(row.Estimate);
        cells.WriteNumber(row.Lower);
        cells.WriteNumber(row.Upper);
        cells.WriteNumber(row.StandardError);
        cells.WriteInteger(row.Replicates);
    }

    private static TableColumn[] Header(UnitLevel level) =>
    [
        Text("year"), Text("technology", nullable: true), Text(level.ToName()), Text("measure"), Number("estimate", nullable: true),
        Number("lower", nullable: true), Number("upper", nullable: true), Number("standard_error", nullable: true), Integer("replicates"),
    ];

    private ImpactBootstrapRow FindIn(SliceKey slice, Unit unit, ImpactMeasure measure)
    {
        _ = measure.ToName();
        TableLookup.RequirePresent(unit, Units, "unit", nameof(unit));
        foreach (var row in Rows)
        {
            if (row.Slice == slice && row.Unit == unit && row.Measure == measure)
            {
                return row;
            }
        }

        throw new InvalidOperationException($"No interval of {measure.ToName()} for '{unit.Code}' in {slice}.");
    }
}
