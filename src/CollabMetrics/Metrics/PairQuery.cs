using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// Every pair of units (of the analysis's level; groups left out) with co-publications, over a choice of slices,
/// weighted by the analysis's <see cref="CollaborationAnalysis.LinkWeighting"/>. Immutable.
/// </summary>
/// <example>
/// <code>
/// PairTable pairs = corpus.Countries().WithLinkWeighting(LinkWeighting.CountrySet).Pairs().ByYear().Compute();
/// </code>
/// </example>
public sealed class PairQuery : SlicedQuery<PairQuery>
{
    internal PairQuery(CollaborationAnalysis analysis, SliceSelection slices)
        : base(analysis, slices)
    {
    }

    /// <summary>Computes the table: per slice, pairs ordered by their two unit codes.</summary>
    public PairTable Compute()
    {
        var weighting = Analysis.LinkWeighting;
        var cube = Analysis.CubeFor(CubeContent.ForTable(units: false, CubeContent.FullLink | CubeContent.LinkValue(weighting), null, Slices.Technology, Slices.EachTechnology));
        var rows = new List<PairRow>();
        foreach (var key in Slices.Resolve(cube))
        {
            int start = rows.Count;
            foreach (var pair in cube.Slice(key).Pairs)
            {
                if (pair.Copublications > 0 && pair.A.Kind != UnitKind.Group && pair.B.Kind != UnitKind.Group)
                {
                    var (a, b) = string.CompareOrdinal(pair.A.Code, pair.B.Code) <= 0 ? (pair.A, pair.B) : (pair.B, pair.A);
                    rows.Add(new PairRow { Slice = key, UnitA = a, UnitB = b, Copublications = pair.Copublications, Weight = pair.Weight(weighting) });
                }
            }

            rows.Sort(start, rows.Count - start, PairOrder.Instance);
        }

        return new PairTable([.. rows], Analysis.Context(cube, null, Slices));
    }

    private protected override PairQuery With(SliceSelection slices) => new(Analysis, slices);

    private sealed class PairOrder : IComparer<PairRow>
    {
        public static PairOrder Instance { get; } = new();

        public int Compare(PairRow? x, PairRow? y)
        {
            int c = string.CompareOrdinal(x!.UnitA.Code, y!.UnitA.Code);
            return c != 0 ? c : string.CompareOrdinal(x.UnitB.Code, y.UnitB.Code);
        }
    }
}
