using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;
using CollabMetrics.Tests.Aggregation;
using CsCheck;

namespace CollabMetrics.Tests.Metrics;

/// <summary>
/// Queries from a corpus build only the counts they read (their technology slice, their link weighting, the pairs of
/// their focus); every table must equal the one read from the full cube, on any corpus and at any thread count.
/// </summary>
public class SlicedQueryTests
{
    private const long Iterations = 100;

    private static readonly Gen<(int Slicing, string? Technology)> s_slices =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], (slicing, technology) => (slicing, technology == 3 ? null : ((string[])["A", "B", "C"])[technology]));

    [Fact]
    public void Compute_RandomCorpusEveryWeighting_PairTableEqualsTheFullCubes()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int[0, 3], s_slices).Sample((publications, options, weighting, slices) =>
        {
            var (fromCorpus, fromCube) = Analyses(publications, options);
            var links = (LinkWeighting)weighting;
            var expected = Try(() => Slice(fromCube.WithLinkWeighting(links).Pairs(), slices).Compute().ToCsv());
            var actual = Try(() => Slice(fromCorpus.WithLinkWeighting(links).Pairs(), slices).Compute().ToCsv());
            actual.Should().Be(expected);
        }, iter: Iterations);
    }

    [Fact]
    public void Compute_RandomCorpus_UnitTableEqualsTheFullCubes()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, s_slices).Sample((publications, options, slices) =>
        {
            var (fromCorpus, fromCube) = Analyses(publications, options);
            var expected = Try(() => Slice(fromCube.Units(), slices).Compute().ToCsv());
            var actual = Try(() => Slice(fromCorpus.Units(), slices).Compute().ToCsv());
            actual.Should().Be(expected);
        }, iter: Iterations);
    }

    [Fact]
    public void Rank_RandomCorpusAnyFocus_PartnerTableEqualsTheFullCubes()
    {
        string[] foci = ["CN", "US", "GB", "I1", "I3", "Five Eyes"];
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int[0, foci.Length - 1], s_slices).Sample((publications, options, focus, slices) =>
        {
            var (fromCorpus, fromCube) = Analyses(publications, options);
            var expected = Try(() => Slice(fromCube.Focus(foci[focus]).Partners(), slices).Rank(CollaborationIndex.Salton).ToCsv());
            var actual = Try(() => Slice(fromCorpus.Focus(foci[focus]).Partners(), slices).Rank(CollaborationIndex.Salton).ToCsv());
            actual.Should().Be(expected);
        }, iter: Iterations);
    }

    [Fact]
    public void Compute_ThreeQueriesOfOneAnalysis_FullCubeNeverBuilt()
    {
        var corpus = Corpus.Build(RandomCorpora.Seeded(300, seed: 7));
        var analysis = corpus.Countries();

        var pairs = analysis.WithLinkWeighting(LinkWeighting.Author).Pairs().ByYear().Compute();
        var units = analysis.Units().Compute();
        var partners = analysis.Focus("CN").Partners().Compute();

        pairs.Count.Should().BePositive();
        units.Count.Should().BePositive();
        partners.Count.Should().BePositive();
        pairs.Context.Diagnostics.Should().Be(analysis.Cube.Diagnostics);
    }

    [Fact]
    public void ByTechnology_RandomCorpusEveryTable_RowsAreThoseOfEachTechnologyInTurn()
    {
        Gen.Select(RandomCorpora.Publications, RandomCorpora.Options, Gen.Int[0, 3]).Sample((publications, options, slicing) =>
        {
            var (fromCorpus, fromCube) = Analyses(publications, options with { ByTechnology = true });
            var technologies = fromCube.Cube.Technologies;
            if (technologies.Count == 0)
            {
                return;
            }

            Try(() => ByTechnologyCsv(technologies, t => Slice(fromCube.Units(), (slicing, t)).Compute().ToCsv()))
                .Should().Be(Try(() => Slice(fromCorpus.Units(), (slicing, null)).ByTechnology().Compute().ToCsv()));
            Try(() => ByTechnologyCsv(technologies, t => Slice(fromCube.Pairs(), (slicing, t)).Compute().ToCsv()))
                .Should().Be(Try(() => Slice(fromCorpus.Pairs(), (slicing, null)).ByTechnology().Compute().ToCsv()));
            string focus = options.Level == UnitLevel.Institution ? "I1" : "CN";
            Try(() => ByTechnologyCsv(technologies, t => Slice(fromCube.Focus(focus).Partners(), (slicing, t)).Rank(CollaborationIndex.Salton).ToCsv()))
                .Should().Be(Try(() => Slice(fromCorpus.Focus(focus).Partners(), (slicing, null)).ByTechnology().Rank(CollaborationIndex.Salton).ToCsv()));
        }, iter: Iterations);
    }

    [Fact]
    public void ByTechnology_Table_TechnologyColumnAfterYearAndContextSaysEach()
    {
        var corpus = Corpus.Build(RandomCorpora.Seeded(300, seed: 11));
        var analysis = corpus.Countries();
        analysis.Cube.Technologies.Should().HaveCountGreaterThan(1);

        var table = analysis.Units().ByYear().ByTechnology().Compute();

        table.Columns[0].Name.Should().Be("year");
        table.Columns[1].Name.Should().Be("technology");
        table.Context.ByTechnology.Should().BeTrue();
        table.Context.Technology.Should().BeNull();
        table.Select(row => row.Slice.Technology).Distinct().Should().Equal(analysis.Cube.Technologies);
        table.Context.ToMetadata().Should().Contain(pair => pair.Key == "technology" && pair.Value == "each");
    }

    [Fact]
    public void ByTechnology_AnalysisWithoutTechnologySlices_ThrowsNamingTheOption()
    {
        var corpus = Corpus.Build(RandomCorpora.Seeded(100, seed: 3));
        var analysis = CollaborationAnalysis.Of(corpus, new AggregationOptions { ByTechnology = false });

        var act = () => analysis.Units().ByTechnology().Compute();

        act.Should().Throw<InvalidOperationException>().WithMessage("*ByTechnology*");
    }

    [Fact]
    public void ForTechnology_AfterByTechnology_OneTechnologyWithoutTechnologyColumn()
    {
        var corpus = Corpus.Build(RandomCorpora.Seeded(200, seed: 5));
        var analysis = corpus.Countries();
        var technology = analysis.Cube.Technologies[0];

        var table = analysis.Units().ByTechnology().ForTechnology(technology).Compute();

        table.ToCsv().Should().Be(analysis.Units().ForTechnology(technology).Compute().ToCsv());
        table.Columns.Should().NotContain(column => column.Name == "technology");
    }

    /// <summary>The CSV of each technology's table, one after the other, with the technology as a second column.</summary>
    private static string ByTechnologyCsv(IReadOnlyList<string> technologies, Func<string, string> csv)
    {
        var text = new System.Text.StringBuilder();
        for (int t = 0; t < technologies.Count; t++)
        {
            var lines = csv(technologies[t]).Split('\n');
            for (int i = t == 0 ? 0 : 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0)
                {
                    continue;
                }

                int comma = lines[i].IndexOf(',', StringComparison.Ordinal);
                string cell = i == 0 ? "technology" : technologies[t];
                text.Append(lines[i], 0, comma).Append(',').Append(cell).Append(lines[i], comma, lines[i].Length - comma).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The analysis of a corpus (cubes built per query) and of its full cube, with the same options.</summary>
    private static (CollaborationAnalysis FromCorpus, CollaborationAnalysis FromCube) Analyses(CollabMetrics.Model.Publication[] publications, AggregationOptions options)
    {
        var corpus = Corpus.Build(publications);
        var fromCorpus = CollaborationAnalysis.Of(corpus, options with { MaxDegreeOfParallelism = publications.Length % 3 + 1 });
        var fromCube = CollaborationCube.Build(corpus, options with { MaxDegreeOfParallelism = 1 }).Analyze();
        return (fromCorpus, fromCube);
    }

    private static TQuery Slice<TQuery>(SlicedQuery<TQuery> query, (int Slicing, string? Technology) slices)
        where TQuery : SlicedQuery<TQuery>
    {
        var sliced = slices.Slicing switch
        {
            0 => query.AllYears(),
            1 => query.ByYear(),
            2 => query.Window(2017, 2019),
            _ => query.RollingWindows(2),
        };
        return sliced.ForTechnology(slices.Technology);
    }

    /// <summary>The table's CSV, or the error's type and message: both paths must fail alike (unknown technology, unit).</summary>
    private static string Try(Func<string> compute)
    {
        try
        {
            return compute();
        }
        catch (ArgumentException ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
