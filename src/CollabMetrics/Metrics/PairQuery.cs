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
        var pairs = new PairEntries.Builder();
        foreach (var key in Slices.Resolve(cube))
        {
            var slice = cube.Slice(key);
            pairs.StartSlice(key, slice.PairCount);
            foreach (var pair in slice.Pairs)
            {
                if (pair.Copublications > 0 && pair.A.Kind != UnitKind.Group && pair.B.Kind != UnitKind.Group)
                {
                    // The cube lists each pair once in its unit order (kind, then code), so within a kind the smaller
                    // code already comes first; a pair across kinds (a country and the unknown unit) may need the swap.
                    bool ordered = string.CompareOrdinal(pair.A.Code, pair.B.Code) <= 0;
                    pairs.Add(ordered ? pair.A : pair.B, ordered ? pair.B : pair.A, pair.Copublications, pair.Weight(weighting));
                }
            }
        }

        return new PairTable(pairs.Build(sort: true), Analysis.Context(cube, null, Slices));
    }

    private protected override PairQuery With(SliceSelection slices) => new(Analysis, slices);
}
