namespace CollabMetrics.Aggregation;

/// <summary>
/// Builds a <see cref="CollaborationCube"/> from rows keyed by (year, technology name, unit or pair): the path of
/// the CSV reader and of the reference implementation. Rows with the same key are added. Dictionary-based: for
/// stored or small cubes, not for the engine's hot path. Values are summed in <see cref="FixedPoint"/>, as in the
/// engine: a double is converted once when it is added.
/// </summary>
internal sealed class CubeAssembler
{
    private readonly Dictionary<(int Year, string? Technology), Cell> _cells = [];
    private readonly Dictionary<Unit, Unit> _units = [];

    internal void AddTotals(int year, string? technology, double n, double nInternational, double links) =>
        AddTotals(year, technology, FixedPoint.FromDouble(n), FixedPoint.FromDouble(nInternational), FixedPoint.FromDouble(links));

    internal void AddTotals(int year, string? technology, Fixed128 n, Fixed128 nInternational, Fixed128 links)
    {
        var cell = CellOf(year, technology);
        cell.N += n;
        cell.NInternational += nInternational;
        cell.Links += links;
    }

    internal void AddUnit(int year, string? technology, Unit unit, ReadOnlySpan<double> values) =>
        AddUnit(year, technology, unit, Convert(values));

    internal void AddUnit(int year, string? technology, Unit unit, ReadOnlySpan<Fixed128> values)
    {
        var cell = CellOf(year, technology);
        unit = Canonical(unit);
        if (!cell.Units.TryGetValue(unit, out var sums))
        {
            sums = new Fixed128[SliceData.UnitStride];
            cell.Units.Add(unit, sums);
        }

        for (int v = 0; v < SliceData.UnitStride; v++)
        {
            sums[v] = FixedPoint.Add(sums[v], values[v]);
        }
    }

    internal void AddPair(int year, string? technology, Unit a, Unit b, ReadOnlySpan<double> values) =>
        AddPair(year, technology, a, b, Convert(values));

    internal void AddPair(int year, string? technology, Unit a, Unit b, ReadOnlySpan<Fixed128> values)
    {
        if (a == b)
        {
            throw new FormatException($"A pair joins two different units; '{a}' is paired with itself.");
        }

        var cell = CellOf(year, technology);
        a = Canonical(a);
        b = Canonical(b);
        var key = a < b ? (a, b) : (b, a);
        if (!cell.Pairs.TryGetValue(key, out var sums))
        {
            sums = new Fixed128[SliceData.PairStride];
            cell.Pairs.Add(key, sums);
        }

        for (int v = 0; v < SliceData.PairStride; v++)
        {
            sums[v] = FixedPoint.Add(sums[v], values[v]);
        }
    }

    internal CollaborationCube Build(AggregationOptions options, CubeDiagnostics diagnostics)
    {
        var units = new Unit[_units.Count];
        _units.Keys.CopyTo(units, 0);
        Array.Sort(units);
        var unitIndex = new Dictionary<Unit, int>(units.Length);
        for (int i = 0; i < units.Length; i++)
        {
            unitIndex.Add(units[i], i);
        }

        var technologySet = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in _cells.Keys)
        {
            if (key.Technology is not null)
            {
                technologySet.Add(key.Technology);
            }
        }

        string[] technologies = [.. technologySet];
        var cells = new Dictionary<(int Year, int Technology), SliceData>(_cells.Count);
        foreach (var ((year, technology), cell) in _cells)
        {
            var unitRows = new int[cell.Units.Count];
            var unitValues = new Fixed128[unitRows.Length * SliceData.UnitStride];
            int r = 0;
            foreach (var (unit, _) in cell.Units)
            {
                unitRows[r++] = unitIndex[unit];
            }

            Array.Sort(unitRows);
            for (r = 0; r < unitRows.Length; r++)
            {
                cell.Units[units[unitRows[r]]].CopyTo(unitValues, r * SliceData.UnitStride);
            }

            var pairRows = new long[cell.Pairs.Count];
            var pairSums = new Fixed128[pairRows.Length][];
            r = 0;
            foreach (var ((a, b), sums) in cell.Pairs)
            {
                pairRows[r] = SliceData.PairKey(unitIndex[a], unitIndex[b]);
                pairSums[r++] = sums;
            }

            Array.Sort(pairRows, pairSums);
            var pairValues = new Fixed128[pairRows.Length * SliceData.PairStride];
            for (r = 0; r < pairRows.Length; r++)
            {
                pairSums[r].CopyTo(pairValues, r * SliceData.PairStride);
            }

            int t = technology is null ? CollaborationCube.AllTechnologies : Array.BinarySearch(technologies, technology, StringComparer.Ordinal);
            cells.Add((year, t), new SliceData(cell.N, cell.NInternational, cell.Links, unitRows, unitValues, pairRows, pairValues));
        }

        return new CollaborationCube(options, diagnostics, units, technologies, cells);
    }

    private static Fixed128[] Convert(ReadOnlySpan<double> values)
    {
        var result = new Fixed128[values.Length];
        for (int v = 0; v < values.Length; v++)
        {
            result[v] = FixedPoint.FromDouble(values[v]);
        }

        return result;
    }

    private Unit Canonical(Unit unit)
    {
        if (_units.TryGetValue(unit, out var existing))
        {
            return existing;
        }

        _units.Add(unit, unit);
        return unit;
    }

    private Cell CellOf(int year, string? technology)
    {
        if (!_cells.TryGetValue((year, technology), out var cell))
        {
            cell = new Cell();
            _cells.Add((year, technology), cell);
        }

        return cell;
    }

    private sealed class Cell
    {
        internal Fixed128 N { get; set; }

        internal Fixed128 NInternational { get; set; }

        internal Fixed128 Links { get; set; }

        internal Dictionary<Unit, Fixed128[]> Units { get; } = [];

        internal Dictionary<(Unit A, Unit B), Fixed128[]> Pairs { get; } = [];
    }
}
