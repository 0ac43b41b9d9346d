using CollabMetrics.Metrics;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests.Metrics;

/// <summary>Invariants of the indices on random small corpora, through the whole fluent API.</summary>
public class MetricsPropertyTests
{
    private static readonly string[] Codes = ["CN", "US", "PK", "JP", "DE"];

    /// <summary>Random corpora: 1-40 papers, 1-4 authors each with 0-2 affiliations among five countries, years 2019-2021.</summary>
    private static readonly Gen<Publication[]> Papers =
        Gen.Select(
            Gen.Int[0, Codes.Length - 1].Array[0, 2].Array[1, 4],
            Gen.Int[2019, 2021],
            (authors, year) => (authors, year))
        .Array[1, 40]
        .Select(papers => papers
            .Select((p, i) => TestCorpora.FromCountries($"W{i}", p.year, [.. p.authors.Select(a => a.Select(c => Codes[c]).ToArray())], "T"))
            .ToArray());

    [Fact]
    public void SymmetricIndices_FocusAndPartnerSwapped_SameValue()
    {
        Papers.Sample(papers =>
        {
            var analysis = Corpus.Build(papers).Countries();
            var tables = Codes.ToDictionary(c => c, c => analysis.Focus(c).Partners([.. Codes.Where(x => x != c)]).ByYear().Compute());
            foreach (var x in Codes)
            {
                foreach (var row in tables[x])
                {
                    var mirror = tables[row.Partner.Code].Find(row.Slice, x)!;
                    foreach (var index in CollaborationIndices.All.Where(i => i.IsSymmetric()))
                    {
                        double a = row.Value(index), b = mirror.Value(index);
                        if (double.IsNaN(a) || double.IsNaN(b))
                        {
                            double.IsNaN(a).Should().Be(double.IsNaN(b), index.ToName());
                        }
                        else
                        {
                            a.Should().BeApproximately(b, 1e-12, index.ToName());
                        }
                    }
                }
            }
        }, iter: 60);
    }

    [Fact]
    public void BoundedIndices_AnyCorpus_WithinZeroAndOne()
    {
        Papers.Sample(papers =>
        {
            var analysis = Corpus.Build(papers).Countries();
            foreach (var focus in Codes)
            {
                foreach (var row in analysis.Focus(focus).Partners([.. Codes.Where(x => x != focus)]).ByYear().Compute())
                {
                    foreach (var index in CollaborationIndices.All.Where(i => i.IsBounded()))
                    {
                        double v = row.Value(index);
                        if (!double.IsNaN(v))
                        {
                            v.Should().BeInRange(0, 1 + 1e-12, index.ToName());
                        }
                    }
                }
            }
        }, iter: 60);
    }

    [Fact]
    public void LinkShare_OverAllPartners_SumsToOne()
    {
        Papers.Sample(papers =>
        {
            var analysis = Corpus.Build(papers).Countries();
            foreach (var focus in Codes)
            {
                var table = analysis.Focus(focus).Partners([.. Codes.Where(x => x != focus)]).AllYears().Compute();
                if (table[0].FocusLinks > 0)
                {
                    table.Sum(r => r.LinkShare).Should().BeApproximately(1, 1e-12);
                }
                else
                {
                    table.Should().OnlyContain(r => double.IsNaN(r.LinkShare));
                }
            }
        }, iter: 60);
    }

    [Fact]
    public void Ranking_ShuffledInput_SameTable()
    {
        Gen.Select(Papers, Gen.Int).Sample((papers, seed) =>
        {
            var shuffled = papers.ToArray();
            new Random(seed).Shuffle(shuffled);
            foreach (var index in new[] { CollaborationIndex.PartnerShare, CollaborationIndex.Ric, CollaborationIndex.Jaccard })
            {
                var a = Corpus.Build(papers).Countries().Focus("CN").Partners().ByYear().Rank(index);
                var b = Corpus.Build(shuffled).Countries().Focus("CN").Partners().ByYear().Rank(index);
                // Whole counts are exact whatever the order; fractional sums (Nature Index score) may differ in the last bit.
                b.Select(r => (r.Year, r.Partner, r.Rank, r.Counts with { NatureIndexScore = 0 }))
                    .Should().Equal(a.Select(r => (r.Year, r.Partner, r.Rank, r.Counts with { NatureIndexScore = 0 })));
                b.Select(r => r.NatureIndexCS).Should().Equal(a.Select(r => r.NatureIndexCS), (x, y) => Math.Abs(x - y) < 1e-12);
                foreach (var slice in a.GroupBy(r => r.Year))
                {
                    // Partners with co-publications are ranked 1..k; the others follow, unranked.
                    int ranked = slice.Count(r => r.Copublications > 0);
                    slice.Select(r => r.Rank).Should().Equal(Enumerable.Range(1, ranked).Select(i => (int?)i).Concat(Enumerable.Repeat((int?)null, slice.Count() - ranked)));
                    slice.Should().BeInAscendingOrder(PartnerRanking.By(index));
                }
            }
        }, iter: 40);
    }
}
