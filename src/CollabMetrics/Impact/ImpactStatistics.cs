using System.Diagnostics.CodeAnalysis;
using CollabMetrics.Aggregation;

namespace CollabMetrics.Impact;

/// <summary>
/// The citation statistics of a corpus, per (year, technology) cell and per (year, all technologies) cell: exact
/// citation histograms of each reference set and of each unit and pair of units in it (see
/// <see cref="ReferenceCell"/>). Every impact figure of a slice, for any top percentage, is computed from them
/// (<see cref="Slice"/>), and the statistics of the parts of a corpus merge into those of the whole
/// (<see cref="Merge"/>). Immutable and thread-safe.
/// </summary>
internal sealed class ImpactStatistics
{
    internal const int AllTechnologies = CollaborationCube.AllTechnologies;

    private readonly Dictionary<Unit, int> _unitIndex;
    private readonly Dictionary<string, int> _technologyIndex;

    internal ImpactStatistics(
        AggregationOptions options, ImpactScoring scoring, bool byReferenceClass, ImpactDiagnostics diagnostics, CubeDiagnostics collaboration,
        Unit[] units, string[] technologies, Dictionary<(int Year, int Technology), ReferenceCell> cells)
    {
        Options = options;
        Scoring = scoring;
        ByReferenceClass = byReferenceClass;
        Diagnostics = diagnostics;
        CollaborationDiagnostics = collaboration;
        Units = units;
        Technologies = technologies;
        Cells = cells;
        _unitIndex = new Dictionary<Unit, int>(units.Length);
        for (int i = 0; i < units.Length; i++)
        {
            _unitIndex.Add(units[i], i);
        }

        _technologyIndex = new Dictionary<string, int>(technologies.Length, StringComparer.Ordinal);
        for (int i = 0; i < technologies.Length; i++)
        {
            _technologyIndex.Add(technologies[i], i);
        }

        var years = new SortedSet<int>();
        foreach (var key in cells.Keys)
        {
            years.Add(key.Year);
        }

        Years = [.. years];
    }

    /// <summary>The options the statistics were aggregated with.</summary>
    internal AggregationOptions Options { get; }

    /// <summary>Whether reference sets are split by a class of publication (such as the document type) besides year and technology.</summary>
    internal bool ByReferenceClass { get; }

    /// <summary>Where the impact of each publication comes from, and how its values are scored.</summary>
    internal ImpactScoring Scoring { get; }

    internal ImpactDiagnostics Diagnostics { get; }

    /// <summary>The same publications as a collaboration cube counts them (what result contexts report).</summary>
    internal CubeDiagnostics CollaborationDiagnostics { get; }

    /// <summary>Every unit with a publication in a reference set, sorted.</summary>
    internal Unit[] Units { get; }

    /// <summary>Every technology with a publication in a reference set, sorted ordinally.</summary>
    internal string[] Technologies { get; }

    /// <summary>The years with a reference set, ascending.</summary>
    internal int[] Years { get; }

    internal Dictionary<(int Year, int Technology), ReferenceCell> Cells { get; }

    /// <summary>"a citation count" or "OpenAlex's FWCI and citation percentile".</summary>
    internal static string Describe(CitationSource source) =>
        source == CitationSource.OpenAlex ? "OpenAlex's FWCI and citation percentile" : "a citation count";

    internal bool TryGetIndex(Unit unit, out int index) => _unitIndex.TryGetValue(unit, out index);

    /// <summary>The impact figures of a slice for the top <paramref name="top"/> percent.</summary>
    /// <exception cref="ArgumentException">The technology is unknown, or the window has no year of these statistics.</exception>
    internal ImpactSlice Slice(SliceKey key, TopPercent top) => ImpactSlice.Compute(this, key, top);

    /// <summary>The cells of a slice's years, ascending by year (validated).</summary>
    internal List<ReferenceCell> CellsOf(SliceKey key)
    {
        int technology = AllTechnologies;
        if (key.Technology is not null && !_technologyIndex.TryGetValue(key.Technology, out technology))
        {
            ThrowUnknownTechnology(key.Technology);
        }

        if (key.FromYear is null != key.ToYear is null)
        {
            throw new ArgumentException("Give both years of a window, or neither for all years.", nameof(key));
        }

        int from = key.FromYear ?? int.MinValue, to = key.ToYear ?? int.MaxValue;
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(key), key, $"The window ends ({to}) before it starts ({from}).");
        }

        if (Years.Length == 0)
        {
            throw new InvalidOperationException(
                $"No publication has a year, a unit and {Describe(Scoring.Source)} ({(Scoring.Source == CitationSource.Counts ? Diagnostics.PublicationsWithoutCitationCount : Diagnostics.PublicationsWithoutOpenAlexImpact)} publications without the citation data of the source): there is no reference set to compute impact from.");
        }

        if (to < Years[0] || from > Years[^1])
        {
            throw new ArgumentException(
                $"No publication with {Describe(Scoring.Source)} falls in {key.YearsLabel}: the reference sets cover {Years[0]}-{Years[^1]}.", nameof(key));
        }

        var cells = new List<ReferenceCell>();
        foreach (int year in Years)
        {
            if (year >= from && year <= to && Cells.TryGetValue((year, technology), out var cell))
            {
                cells.Add(cell);
            }
        }

        return cells;
    }

    /// <summary>
    /// Checks that <paramref name="unit"/> is a unit these statistics can answer for (a country at the country level
    /// that is its own territory unit, an institution present at the institution level, a group of the options, the
    /// unknown unit when it is kept), and returns its index or -1 when it has no publication.
    /// </summary>
    /// <exception cref="ArgumentException">The unit is of another level, a group not aggregated, or counted as another unit.</exception>
    internal int Require(Unit unit)
    {
        ImpactUnits.Validate(unit, Options);
        if (unit.Kind == UnitKind.Institution && !_unitIndex.ContainsKey(unit))
        {
            throw new ArgumentException($"No publication with a citation count has the institution '{unit.Code}'.", nameof(unit));
        }

        return _unitIndex.TryGetValue(unit, out int index) ? index : -1;
    }

    /// <summary>
    /// Sums statistics aggregated with the same counting options and reference-set rule (the statistics of the parts
    /// of a partition give those of the whole). Added in the order given.
    /// </summary>
    /// <exception cref="ArgumentException">No statistics are given, or they were aggregated differently.</exception>
    internal static ImpactStatistics Merge(params IEnumerable<ImpactStatistics> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ImpactStatistics? result = null;
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            result = result is null ? part : MergeTwo(result, part);
        }

        return result ?? throw new ArgumentException("Give at least one set of statistics to merge.", nameof(parts));
    }

    private static ImpactStatistics MergeTwo(ImpactStatistics x, ImpactStatistics y)
    {
        if (!x.Scoring.ByDistribution || !y.Scoring.ByDistribution)
        {
            throw new ArgumentException("Statistics of OpenAlex's normalisation number their values within one corpus and cannot be merged: aggregate the whole corpus at once.", nameof(y));
        }

        if (!x.Options.CountsLike(y.Options) || x.ByReferenceClass != y.ByReferenceClass)
        {
            throw new ArgumentException(
                $"Statistics aggregated differently cannot be merged: '{x.Options.Describe()}' and '{y.Options.Describe()}'.", nameof(y));
        }

        var units = new SortedSet<Unit>(x.Units);
        units.UnionWith(y.Units);
        Unit[] unitArray = [.. units];
        var technologies = new SortedSet<string>(x.Technologies, StringComparer.Ordinal);
        technologies.UnionWith(y.Technologies);
        string[] technologyArray = [.. technologies];

        var cells = new Dictionary<(int Year, int Technology), ReferenceCell>();
        AddCells(x, unitArray, technologyArray, cells);
        AddCells(y, unitArray, technologyArray, cells);
        return new ImpactStatistics(
            x.Options, x.Scoring, x.ByReferenceClass, x.Diagnostics.Add(y.Diagnostics), x.CollaborationDiagnostics.Add(y.CollaborationDiagnostics), unitArray, technologyArray, cells);
    }

    private static void AddCells(ImpactStatistics part, Unit[] units, string[] technologies, Dictionary<(int Year, int Technology), ReferenceCell> cells)
    {
        var unitMap = new int[part.Units.Length];
        for (int i = 0; i < unitMap.Length; i++)
        {
            unitMap[i] = Array.BinarySearch(units, part.Units[i]);
        }

        var technologyMap = new int[part.Technologies.Length];
        for (int i = 0; i < technologyMap.Length; i++)
        {
            technologyMap[i] = Array.BinarySearch(technologies, part.Technologies[i], StringComparer.Ordinal);
        }

        foreach (var (key, cell) in part.Cells)
        {
            var newKey = (key.Year, key.Technology == AllTechnologies ? AllTechnologies : technologyMap[key.Technology]);
            var remapped = cell.Remap(unitMap);
            cells[newKey] = cells.TryGetValue(newKey, out var existing) ? ReferenceCell.Add(existing, remapped) : remapped;
        }
    }

    [DoesNotReturn]
    private void ThrowUnknownTechnology(string technology)
    {
        var closest = Geography.NameDistance.Closest(technology, Technologies);
        var hint = Technologies.Length == 0
            ? "No publication with citation data has a technology (or the statistics were built with ByTechnology = false)."
            : closest.Count > 0
                ? $"Closest: {string.Join(", ", closest.Select(t => $"'{t}'"))}. Labels compare exactly; null is all technologies."
                : $"Use one of its {Technologies.Length} technologies, such as '{Technologies[0]}', or null for all technologies.";
        throw new ArgumentException($"The impact statistics have no technology '{technology}'. {hint}", nameof(technology));
    }
}
