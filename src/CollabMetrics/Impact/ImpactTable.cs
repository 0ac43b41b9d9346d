using System.Collections.ObjectModel;
using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;

namespace CollabMetrics.Impact;

/// <summary>
/// The citation impact of units slice by slice, the units of each slice ranked by their share of the world's top x%
/// papers (<see cref="ImpactRow.Rank"/>; groups after them, unranked). Immutable.
/// </summary>
/// <remarks>
/// <para>
/// Columns: year, technology, country (or institution), publications, fractional_publications, top_publications,
/// top_publications_fractional, pp_top, pp_top_fractional, top_share, mncs, mncs_fractional, h_index,
/// domestic_publications, domestic_mncs, domestic_pp_top, bilateral_publications, bilateral_mncs, bilateral_pp_top,
/// multilateral_publications, multilateral_mncs, multilateral_pp_top. The technology cell is empty for the slice of
/// all technologies; undefined values are empty in CSV and null in JSON.
/// </para>
/// <para>
/// Lookups take typed keys (a year or a <see cref="SliceKey"/>, a <see cref="Unit"/>) or names, which go through the
/// one unit name table ("Japan", "JPN" and "JP" are one unit). A unit that is not in the table or a slice it does
/// not have is an error, never a null or an empty result.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// ImpactTable table = corpus.Countries().Impact().ByYear().TopPercent(10).Compute();
/// ImpactRow? china2020 = table.Find(2020, "China");
/// table.Top(10).ToCsvFile("top10-share.csv");
/// </code>
/// </example>
public sealed class ImpactTable : ResultTable<ImpactRow>
{
    private IReadOnlyList<Unit>? _units;

    internal ImpactTable(ImpactRow[] rows, IReadOnlyList<SliceKey> slices, ResultContext context)
        : base(rows, context, Header(context.Level))
    {
        Slices = slices;
    }

    /// <summary>The slices, in chronological order (slices without any row included).</summary>
    public IReadOnlyList<SliceKey> Slices { get; }

    /// <summary>The units of the table, in order of first appearance.</summary>
    public IReadOnlyList<Unit> Units => _units ??= ImpactTables.Distinct(Rows, r => r.Unit);

    /// <summary>What the impact figures were computed with: x, the citation source, the reference-set rule and the diagnostics.</summary>
    public ImpactContext Impact => Context.Impact!;

    /// <summary>The rows ranked 1 to <paramref name="count"/> in each slice (and any group rows); 0 keeps every row (as the command line's <c>--top 0</c>).</summary>
    /// <param name="count">How many units per slice; 0 for all.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public ImpactTable Top(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return this;
        }

        var rows = new List<ImpactRow>();
        foreach (var row in Rows)
        {
            if (row.Rank is not { } rank || rank <= count)
            {
                rows.Add(row);
            }
        }

        return new ImpactTable([.. rows], Slices, Context);
    }

    /// <summary>The row of <paramref name="unit"/> in <paramref name="slice"/>, or null when the unit has no row there (no publication in that slice, or cut by <see cref="Top"/>).</summary>
    /// <param name="slice">A slice of the table (its years; its technology when given).</param>
    /// <param name="unit">A unit of the table.</param>
    /// <exception cref="ArgumentException">The slice or the unit is not in the table.</exception>
    public ImpactRow? Find(SliceKey slice, Unit unit) => FindIn(Slices[TableLookup.SliceOf(Slices, slice, nameof(slice))], unit);

    /// <summary>The row of <paramref name="unit"/> in the slice of <paramref name="year"/> (that year, or in a table of windows the window ending in it), or null when it has no row there.</summary>
    /// <param name="year">A year of the table.</param>
    /// <param name="unit">A unit of the table.</param>
    /// <exception cref="ArgumentOutOfRangeException">No slice of the table is that year.</exception>
    /// <exception cref="ArgumentException">The unit is not in the table.</exception>
    public ImpactRow? Find(int year, Unit unit) => FindIn(Slices[TableLookup.SliceOfYear(Slices, year, nameof(year))], unit);

    /// <summary>The row of the unit named <paramref name="unit"/> (a code, a country name, an institution key or name, a group name) in <paramref name="slice"/>.</summary>
    /// <param name="slice">A slice of the table.</param>
    /// <param name="unit">The unit's code or name.</param>
    /// <exception cref="ArgumentException">The slice is not in the table, or the name is no unit or not a unit of the table.</exception>
    public ImpactRow? Find(SliceKey slice, string unit) => Find(slice, TableLookup.Resolve(Context, Units, unit, nameof(unit)));

    /// <summary>The row of the unit named <paramref name="unit"/> in the slice of <paramref name="year"/>.</summary>
    /// <param name="year">A year of the table.</param>
    /// <param name="unit">The unit's code or name.</param>
    /// <exception cref="ArgumentOutOfRangeException">No slice of the table is that year.</exception>
    /// <exception cref="ArgumentException">The name is no unit, or not a unit of the table.</exception>
    public ImpactRow? Find(int year, string unit) => Find(year, TableLookup.Resolve(Context, Units, unit, nameof(unit)));

    /// <summary>The rows of <paramref name="unit"/>, in slice order.</summary>
    /// <param name="unit">A unit of the table.</param>
    /// <exception cref="ArgumentException">The unit has no row in the table.</exception>
    public IReadOnlyList<ImpactRow> Of(Unit unit)
    {
        TableLookup.RequirePresent(unit, Units, "unit", nameof(unit));
        var rows = new List<ImpactRow>();
        foreach (var row in Rows)
        {
            if (row.Unit == unit)
            {
                rows.Add(row);
            }
        }

        return rows.AsReadOnly();
    }

    /// <summary>The rows of the unit named <paramref name="unit"/>, in slice order.</summary>
    /// <param name="unit">The unit's code or name.</param>
    /// <exception cref="ArgumentException">No unit has this name, or the unit has no row in the table.</exception>
    public IReadOnlyList<ImpactRow> Of(string unit) => Of(TableLookup.Resolve(Context, Units, unit, nameof(unit)));

    /// <summary>The row ranked first in each slice (the leader by top share), in slice order; a slice without a ranked unit has none.</summary>
    public IReadOnlyList<ImpactRow> Leaders()
    {
        var rows = new List<ImpactRow>();
        foreach (var row in Rows)
        {
            if (row.Rank == 1)
            {
                rows.Add(row);
            }
        }

        return rows.AsReadOnly();
    }

    private protected override void WriteCells(ImpactRow row, ITableSink cells)
    {
        cells.WriteText(row.Year);
        cells.WriteText(row.Slice.Technology);
        cells.WriteText(row.Unit.Code);
        cells.WriteNumber(row.Publications);
        cells.WriteNumber(row.FractionalPublications);
        cells.WriteNumber(row.TopPublications);
        cells.WriteNumber(row.TopPublicationsFractional);
        cells.WriteNumber(row.PpTop);
        cells.WriteNumber(row.PpTopFractional);
        cells.WriteNumber(row.TopShare);
        cells.WriteNumber(row.Mncs);
        cells.WriteNumber(row.MncsFractional);
        cells.WriteInteger(row.HIndex);
        WriteType(row.Domestic, cells);
        WriteType(row.Bilateral, cells);
        WriteType(row.Multilateral, cells);
    }

    private static void WriteType(CollaborationTypeImpact type, ITableSink cells)
    {
        cells.WriteNumber(type.Publications);
        cells.WriteNumber(type.Mncs);
        cells.WriteNumber(type.PpTop);
    }

    private static TableColumn[] Header(UnitLevel level) =>
    [
        Text("year"), Text("technology", nullable: true), Text(level.ToName()),
        Number("publications"), Number("fractional_publications"), Number("top_publications"), Number("top_publications_fractional"),
        Number("pp_top", nullable: true), Number("pp_top_fractional", nullable: true), Number("top_share", nullable: true),
        Number("mncs", nullable: true), Number("mncs_fractional", nullable: true), Integer("h_index"),
        Number("domestic_publications"), Number("domestic_mncs", nullable: true), Number("domestic_pp_top", nullable: true),
        Number("bilateral_publications"), Number("bilateral_mncs", nullable: true), Number("bilateral_pp_top", nullable: true),
        Number("multilateral_publications"), Number("multilateral_mncs", nullable: true), Number("multilateral_pp_top", nullable: true),
    ];

    private ImpactRow? FindIn(SliceKey slice, Unit unit)
    {
        TableLookup.RequirePresent(unit, Units, "unit", nameof(unit));
        foreach (var row in Rows)
        {
            if (row.Slice == slice && row.Unit == unit)
            {
                return row;
            }
        }

        return null;
    }
}

/// <summary>Helpers of the impact tables.</summary>
internal static class ImpactTables
{
    /// <summary>The distinct values of <paramref name="key"/> over <paramref name="rows"/>, in order of first appearance.</summary>
    internal static ReadOnlyCollection<TKey> Distinct<TRow, TKey>(ReadOnlySpan<TRow> rows, Func<TRow, TKey> key)
    {
        var seen = new HashSet<TKey>();
        var keys = new List<TKey>();
        foreach (var row in rows)
        {
            var k = key(row);
            if (seen.Add(k))
            {
                keys.Add(k);
            }
        }

        return keys.AsReadOnly();
    }
}
