using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>The output of units (P, F, E, I, international rate, SCP/MCP) over a choice of slices. Immutable.</summary>
/// <example>
/// <code>
/// UnitTable table = corpus.Countries().Units("CN", "US").ByYear().Compute();
/// </code>
/// </example>
public sealed class UnitQuery : SlicedQuery<UnitQuery>
{
    private readonly Unit[]? _units;

    internal UnitQuery(CollaborationAnalysis analysis, SliceSelection slices, Unit[]? units)
        : base(analysis, slices)
    {
        _units = units;
    }

    /// <summary>Computes the table: per slice, the chosen units (or every unit with publications, ordered by unit).</summary>
    public UnitTable Compute()
    {
        // The table reads P, F, E, I, SCP and MCP of each unit, not its link total.
        const int read = CubeContent.UnitP | CubeContent.UnitF | CubeContent.UnitE | CubeContent.UnitI | CubeContent.UnitScp | CubeContent.UnitMcp;
        var cube = Analysis.CubeFor(CubeContent.ForTable(units: true, 0, null, Slices.Technology, Slices.EachTechnology, read));
        var rows = new List<UnitRow>();
        foreach (var key in Slices.Resolve(cube))
        {
            var slice = cube.Slice(key);
            if (_units is null)
            {
                foreach (var counts in slice.Units)
                {
                    rows.Add(Row(key, counts));
                }
            }
            else
            {
                foreach (var unit in _units)
                {
                    rows.Add(Row(key, slice[unit]));
                }
            }
        }

        return new UnitTable([.. rows], Analysis.Context(cube, null, Slices));
    }

    private protected override UnitQuery With(SliceSelection slices) => new(Analysis, slices, _units);

    private static UnitRow Row(SliceKey key, UnitCounts c) => new()
    {
        Slice = key,
        Unit = c.Unit,
        Publications = c.P,
        FractionalPublications = c.F,
        EqualSplitPublications = c.E,
        InternationalPublications = c.I,
        SingleCountryCorresponding = c.ScpCorresponding,
        MultiCountryCorresponding = c.McpCorresponding,
    };
}
