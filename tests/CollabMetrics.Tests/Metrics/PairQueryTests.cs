using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;
using CollabMetrics.Tests.Aggregation;
using CsCheck;

namespace CollabMetrics.Tests.Metrics;

public class PairQueryTests
{
    [Fact]
    public void Compute_RandomCorpus_EachSlicesPairsOfTheCubeOrderedByTheirCodes()
    {
        // The unknown unit ("?") sorts after the countries in the cube but before them by code: its pairs must move.
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Bool, Gen.Int[1, 3]).Sample((publications, options, byYear, threads) =>
        {
            var corpus = Corpus.Build(publications);
            var cube = CollaborationCube.Build(corpus, options with { MaxDegreeOfParallelism = 1 });
            var query = CollaborationAnalysis.Of(corpus, options with { MaxDegreeOfParallelism = threads }).WithLinkWeighting(LinkWeighting.CountrySet).Pairs();
            if (cube.Years.Count == 0)
            {
                return;
            }

            var table = byYear ? query.ByYear().Compute() : query.AllYears().Compute();

            var expected = new List<PairRow>();
            foreach (var slice in byYear ? cube.Years.Select(y => cube.Year(y)) : [cube.All()])
            {
                expected.AddRange(slice.Pairs
                    .Where(p => p.Copublications > 0 && p.A.Kind != UnitKind.Group && p.B.Kind != UnitKind.Group)
                    .Select(p => string.CompareOrdinal(p.A.Code, p.B.Code) <= 0 ? p : p.Swap())
                    .OrderBy(p => p.A.Code, StringComparer.Ordinal).ThenBy(p => p.B.Code, StringComparer.Ordinal)
                    .Select(p => new PairRow { Slice = slice.Key, UnitA = p.A, UnitB = p.B, Copublications = p.Copublications, Weight = p.CountrySet }));
            }

            table.Should().Equal(expected);
            table.Count.Should().Be(expected.Count);
            table.RowCount.Should().Be(expected.Count);
        }, iter: 200);
    }
}
