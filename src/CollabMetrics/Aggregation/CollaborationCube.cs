namespace CollabMetrics.Aggregation;

/// <summary>
/// The aggregate of a corpus: for every (year, technology) slice, N, N_int and T, the counts of each unit (P, F, E,
/// I, C_i, SCP and MCP) and the link weights of each pair of units (Full, CountrySet, Author, AuthorRefined and the
/// Nature Index collaboration score). Windows of years and the all-technologies slice are read from it without
/// touching publications again. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Build it once with <see cref="Build(Corpus, AggregationOptions?, IProgress{WorkProgress}?, CancellationToken)"/> (all
/// cores) or from a stream of publications that is never held in memory, then ask it for slices:
/// <see cref="Year"/>, <see cref="Window"/>, <see cref="All"/>, <see cref="RollingWindows"/>. Publications without
/// a year are in no slice; publications without any unit are in no unit count; both are counted in
/// <see cref="Diagnostics"/>.
/// </para>
/// <para>
/// Cubes merge: the cube of a corpus equals the <see cref="Merge"/> of the cubes of any partition of it. Store them
/// as JSON (<see cref="ToJsonFile(string)"/>) or as CSV tables (<see cref="ToCsvDirectory(string)"/>) and merge them later.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// CollaborationCube cube = CollaborationCube.Build(corpus, new AggregationOptions { Groups = [UnitGroups.FiveEyes] });
/// foreach (SliceKey window in cube.RollingWindows(5))
/// {
///     SliceCounts slice = cube.Slice(window);
///     Console.WriteLine($"{window}: CN-US {slice.Pair(Country.China, Country.UnitedStates).Copublications}");
/// }
/// </code>
/// </example>
public sealed partial class CollaborationCube
{
    internal const int AllTechnologies = -1;

    private readonly Unit[] _units;
    private System.Collections.ObjectModel.ReadOnlyCollection<Unit>? _unitView;
    private readonly System.Collections.ObjectModel.ReadOnlyCollection<string> _technologyView;
    private readonly System.Collections.ObjectModel.ReadOnlyCollection<int> _yearView;
    private readonly int[] _years;
    private readonly string[] _technologies;
    private readonly Dictionary<string, int> _technologyIndex;
    private readonly Dictionary<(int Year, int Technology), SliceData> _cells;

    // The all-years sums, computed on first use: index 0 is all technologies, t + 1 technology t.
    private readonly SliceData?[] _allYears;

    // The units and pairs of the technology cells when they are computed on first use (see TechnologySlicesOnDemand).
    private readonly TechnologySlicesOnDemand? _onDemand;

    /// <param name="options">The options the cube was built with.</param>
    /// <param name="diagnostics">The diagnostics.</param>
    /// <param name="units">Every unit, sorted, distinct.</param>
    /// <param name="technologies">Every technology, sorted ordinally, distinct.</param>
    /// <param name="cells">Cells by (year, technology index or <see cref="AllTechnologies"/>), unit indices into <paramref name="units"/>.</param>
    /// <param name="content">What the cells hold; default <see cref="CubeContent.Full"/>.</param>
    /// <param name="onDemand">
    /// Null, or what computes the units and pairs of the technology cells on first use (the cells of
    /// <paramref name="cells"/> with a technology then hold only its totals).
    /// </param>
    internal CollaborationCube(
        AggregationOptions options,
        CubeDiagnostics diagnostics,
        Unit[] units,
        string[] technologies,
        Dictionary<(int Year, int Technology), SliceData> cells,
        CubeContent? content = null,
        TechnologySlicesOnDemand? onDemand = null)
    {
        Options = options;
        Diagnostics = diagnostics;
        Content = content ?? CubeContent.Full;
        _units = units;
        _technologies = technologies;
        _technologyIndex = new Dictionary<string, int>(technologies.Length, StringComparer.Ordinal);
        for (int i = 0; i < technologies.Length; i++)
        {
            _technologyIndex.Add(technologies[i], i);
        }

        _cells = cells;
        var years = new SortedSet<int>();
        foreach (var key in cells.Keys)
        {
            years.Add(key.Year);
        }

        _years = [.. years];
        _yearView = Array.AsReadOnly(_years);
        _technologyView = Array.AsReadOnly(_technologies);
        _allYears = new SliceData?[technologies.Length + 1];
        _onDemand = onDemand;
        onDemand?.Attach(this);
    }

    /// <summary>The options the cube was built with (counting, territory policy, level, groups).</summary>
    public AggregationOptions Options { get; }

    /// <summary>What the aggregation saw and left out.</summary>
    public CubeDiagnostics Diagnostics { get; }

    /// <summary>The years with at least one counted publication, ascending.</summary>
    public IReadOnlyList<int> Years => _yearView;

    /// <summary>The technologies of the counted publications, in ordinal order; empty when built without <see cref="AggregationOptions.ByTechnology"/>.</summary>
    public IReadOnlyList<string> Technologies => _technologyView;

    /// <summary>Every unit with counts in any slice (groups included), sorted.</summary>
    public IReadOnlyList<Unit> Units => _unitView ??= Array.AsReadOnly(_units);

    /// <summary>The counts of a slice: one year or a window (the sum of its yearly counts) or all years, for one technology or all.</summary>
    /// <param name="key">The slice.</param>
    /// <remarks>
    /// A year or window with no year within the cube's first to last year (<see cref="Years"/>) is an error naming the
    /// cube's years, as is a technology the cube does not have; a year inside that span without publications is a
    /// slice of zeros.
    /// </remarks>
    /// <exception cref="ArgumentException">The technology is not in <see cref="Technologies"/>, or only one bound of the years is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The window ends before it starts, or lies wholly outside the cube's years.</exception>
    public SliceCounts Slice(SliceKey key)
    {
        int technology = TechnologyIndex(key.Technology);
        if (key.FromYear is null != key.ToYear is null)
        {
            throw new ArgumentException("Give both years of a window, or neither for all years.", nameof(key));
        }

        if (key.IsAllYears)
        {
            ref var cached = ref _allYears[technology + 1];
            cached ??= SumYears(int.MinValue, int.MaxValue, technology);
            return new SliceCounts(this, key, cached);
        }

        int from = key.FromYear!.Value, to = key.ToYear!.Value;
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(key), key, $"The window ends ({to}) before it starts ({from}).");
        }

        // Years the cube has no data for are a question it cannot answer, not zeros that read as "no collaboration".
        Unanswerable.ThrowIfOutside(from, to, _years.Length > 0 ? _years[0] : null, _years.Length > 0 ? _years[^1] : null, "the cube", nameof(key));
        return new SliceCounts(this, key, SumYears(from, to, technology));
    }

    /// <summary>The counts of one year.</summary>
    /// <param name="year">The year.</param>
    /// <param name="technology">A technology, or null for all.</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside the cube's years (see <see cref="Slice"/>).</exception>
    public SliceCounts Year(int year, string? technology = null) => Slice(SliceKey.ForYear(year, technology));

    /// <summary>The counts of the years from <paramref name="from"/> to <paramref name="to"/>, both included: the sums of the yearly counts.</summary>
    /// <param name="from">The first year.</param>
    /// <param name="to">The last year.</param>
    /// <param name="technology">A technology, or null for all.</param>
    /// <exception cref="ArgumentOutOfRangeException">No year of the window is within the cube's years (see <see cref="Slice"/>).</exception>
    public SliceCounts Window(int from, int to, string? technology = null) => Slice(SliceKey.ForWindow(from, to, technology));

    /// <summary>The counts of all years.</summary>
    /// <param name="technology">A technology, or null for all.</param>
    public SliceCounts All(string? technology = null) => Slice(SliceKey.ForAllYears(technology));

    /// <summary>
    /// Windows of <paramref name="width"/> years ending each year, from the first year whose window fits in
    /// <see cref="Years"/> to the last year: with years 2010..2020 and width 5, 2010-2014, 2011-2015, ..., 2016-2020.
    /// </summary>
    /// <param name="width">Years per window (1 gives single years).</param>
    /// <param name="technology">A technology, or null for all.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is less than 1.</exception>
    public IEnumerable<SliceKey> RollingWindows(int width, string? technology = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        TechnologyIndex(technology);
        var keys = new List<SliceKey>();
        if (_years.Length > 0)
        {
            for (int end = _years[0] + width - 1; end <= _years[^1]; end++)
            {
                keys.Add(SliceKey.ForWindow(end - width + 1, end, technology));
            }
        }

        return keys;
    }

    /// <summary>
    /// The cube of the publications of the years from <paramref name="from"/> to <paramref name="to"/> (both included):
    /// the same cells, units and technologies as a cube built from those publications only, so every table, window and
    /// rolling window read from it is the one that build would give. <see cref="Diagnostics"/> stay those of this cube
    /// (they are not kept per year).
    /// </summary>
    /// <param name="from">The first year.</param>
    /// <param name="to">The last year.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    /// <example>
    /// <code>
    /// CollaborationCube recent = cube.WithinYears(2015, 2024);
    /// </code>
    /// </example>
    public CollaborationCube WithinYears(int from, int to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range ends ({to}) before it starts ({from}).");
        }

        // Keep the cells of the years, then only the units and technologies they use, renumbered in order (the maps
        // are monotone, so the cells' sorted arrays stay sorted).
        var usedUnits = new bool[_units.Length];
        var usedTechnologies = new bool[_technologies.Length];
        var kept = new List<KeyValuePair<(int Year, int Technology), SliceData>>();
        foreach (var cell in Cells)
        {
            if (cell.Key.Year < from || cell.Key.Year > to)
            {
                continue;
            }

            kept.Add(cell);
            if (cell.Key.Technology != AllTechnologies)
            {
                usedTechnologies[cell.Key.Technology] = true;
            }

            foreach (int unit in cell.Value.UnitIndex)
            {
                usedUnits[unit] = true;
            }

            foreach (long pair in cell.Value.PairKeys)
            {
                usedUnits[SliceData.PairFirst(pair)] = true;
                usedUnits[SliceData.PairSecond(pair)] = true;
            }
        }

        var unitMap = new int[_units.Length];
        var units = new List<Unit>();
        for (int i = 0; i < _units.Length; i++)
        {
            unitMap[i] = usedUnits[i] ? units.Count : -1;
            if (usedUnits[i])
            {
                units.Add(_units[i]);
            }
        }

        var technologyMap = new int[_technologies.Length];
        var technologies = new List<string>();
        for (int i = 0; i < _technologies.Length; i++)
        {
            technologyMap[i] = usedTechnologies[i] ? technologies.Count : -1;
            if (usedTechnologies[i])
            {
                technologies.Add(_technologies[i]);
            }
        }

        var cells = new Dictionary<(int Year, int Technology), SliceData>(kept.Count);
        foreach (var (key, cell) in kept)
        {
            int technology = key.Technology == AllTechnologies ? AllTechnologies : technologyMap[key.Technology];
            cells.Add((key.Year, technology), cell.Remap(unitMap));
        }

        return new CollaborationCube(Options, Diagnostics, [.. units], [.. technologies], cells, Content);
    }

    /// <summary>"Cube: 20 years, 74 technologies, 210 units (level=country; ...)".</summary>
    public override string ToString() =>
        $"Cube: {_years.Length} years, {_technologies.Length} technologies, {_units.Length} units ({Options.Describe()})";

    /// <summary>What the cube holds: <see cref="CubeContent.Full"/> for every public cube; less for the internal cubes of one table.</summary>
    internal CubeContent Content { get; }

    internal Unit UnitAt(int index) => _units[index];

    /// <summary>The index of <paramref name="unit"/> in the cube's sorted units (a binary search), or false when it has none.</summary>
    internal bool TryGetIndex(Unit unit, out int index)
    {
        index = UnitSort.IndexOf(_units, unit);
        return index >= 0;
    }

    /// <summary>
    /// Every cell, complete: with technology cells computed on first use, those not computed yet are computed (and
    /// kept) as the enumeration reaches them.
    /// </summary>
    internal IEnumerable<KeyValuePair<(int Year, int Technology), SliceData>> Cells => _onDemand is null ? _cells : CompleteCells();

    /// <summary>
    /// Every cell, complete, for one pass that reads each cell once (a merge): technology cells not computed yet are
    /// computed one technology at a time and not kept, so the cube stays at the size it had.
    /// </summary>
    internal IEnumerable<KeyValuePair<(int Year, int Technology), SliceData>> CellsOnce => _onDemand is null ? _cells : CompleteCellsOnce();

    /// <summary>
    /// Every cell, complete, by year and then technology (all technologies first), for one pass that reads each cell
    /// once (a save): technology cells not computed yet are computed one year at a time and not kept, so the cube
    /// stays at the size it had and only one year of technology cells is held at a time.
    /// </summary>
    internal IEnumerable<KeyValuePair<(int Year, int Technology), SliceData>> SortedCellsOnce()
    {
        if (_onDemand is null || _onDemand.Computed == _technologies.Length)
        {
            var cells = new List<KeyValuePair<(int Year, int Technology), SliceData>>(Cells);
            cells.Sort((x, y) => x.Key.CompareTo(y.Key));
            return cells;
        }

        return SortedCellsByYear();
    }

    private IEnumerable<KeyValuePair<(int Year, int Technology), SliceData>> SortedCellsByYear()
    {
        var tables = new CubeAccumulator.TablePool(SliceData.PairStride);
        foreach (int year in _years)
        {
            if (_cells.TryGetValue((year, AllTechnologies), out var all))
            {
                yield return new((year, AllTechnologies), all);
            }

            Dictionary<int, SliceData>? yearCells = null;
            for (int technology = 0; technology < _technologies.Length; technology++)
            {
                if (_cells.TryGetValue((year, technology), out var totals))
                {
                    yearCells ??= _onDemand!.YearCellsUnkept(year, tables);
                    yield return new((year, technology), yearCells.TryGetValue(technology, out var cell) ? cell : totals);
                }
            }
        }
    }

    /// <summary>Whether the units and pairs of the technology cells are computed on first use (and kept).</summary>
    internal TechnologySlicesOnDemand? OnDemand => _onDemand;

    /// <summary>This cube with the units and pairs of its technology cells computed on first use by <paramref name="onDemand"/>.</summary>
    internal CollaborationCube WithTechnologiesOnDemand(TechnologySlicesOnDemand onDemand) =>
        new(Options, Diagnostics, _units, _technologies, _cells, CubeContent.Full, onDemand);

    internal string[] TechnologyArray => _technologies;

    internal Unit[] UnitArray => _units;

    private int TechnologyIndex(string? technology)
    {
        if (technology is null)
        {
            return AllTechnologies;
        }

        if (!_technologyIndex.TryGetValue(technology, out int index))
        {
            ThrowUnknownTechnology(technology);
        }

        return index;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowUnknownTechnology(string technology)
    {
        var closest = Geography.NameDistance.Closest(technology, _technologies);
        var hint = _technologies.Length == 0
            ? "The cube has no technology slices (built with ByTechnology = false, or no publication has a label)."
            : closest.Count > 0
                ? $"Closest: {string.Join(", ", closest.Select(t => $"'{t}'"))}. Labels compare exactly; null is all technologies."
                : $"Use one of the cube's {_technologies.Length} technologies, such as '{_technologies[0]}', or null for all technologies.";
        throw new ArgumentException($"The cube has no technology '{technology}'. {hint}", nameof(technology));
    }

    private SliceData SumYears(int from, int to, int technology)
    {
        var technologyCells = _onDemand is not null && technology != AllTechnologies ? _onDemand.CellsOf(technology) : null;
        var cells = new List<SliceData>();
        foreach (int year in _years)
        {
            if (year >= from && year <= to && _cells.TryGetValue((year, technology), out var cell))
            {
                cells.Add(technologyCells is null ? cell : CompleteCell(technologyCells, year, cell));
            }
        }

        return SliceData.Sum(cells);
    }

    private IEnumerable<KeyValuePair<(int Year, int Technology), SliceData>> CompleteCells()
    {
        var tables = new CubeAccumulator.TablePool(SliceData.PairStride);
        foreach (var cell in _cells)
        {
            yield return cell.Key.Technology == AllTechnologies
                ? cell
                : new(cell.Key, CompleteCell(_onDemand!.CellsOf(cell.Key.Technology, tables), cell.Key.Year, cell.Value));
        }
    }

    private IEnumerable<KeyValuePair<(int Year, int Technology), SliceData>> CompleteCellsOnce()
    {
        var years = new List<int>[_technologies.Length];
        var tables = new CubeAccumulator.TablePool(SliceData.PairStride);
        foreach (var cell in _cells)
        {
            if (cell.Key.Technology == AllTechnologies)
            {
                yield return cell;
            }
            else
            {
                (years[cell.Key.Technology] ??= []).Add(cell.Key.Year);
            }
        }

        for (int technology = 0; technology < years.Length; technology++)
        {
            if (years[technology] is not { } technologyYears)
            {
                continue;
            }

            var technologyCells = _onDemand!.CellsOfUnkept(technology, tables);
            foreach (int year in technologyYears)
            {
                var key = (year, technology);
                yield return new(key, CompleteCell(technologyCells, year, _cells[key]));
            }
        }
    }

    /// <summary>The computed cell of a year of a technology; its totals are those of the first build, which are the same sums.</summary>
    private static SliceData CompleteCell(Dictionary<int, SliceData> technologyCells, int year, SliceData totals) =>
        technologyCells.TryGetValue(year, out var cell) ? cell : totals;
}
