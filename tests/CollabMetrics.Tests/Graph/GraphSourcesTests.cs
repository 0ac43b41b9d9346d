using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CollabMetrics.Aggregation;
using CollabMetrics.Graph;
using CollabMetrics.IO;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Graph;

public class GraphSourcesTests
{
    private static double W(CoauthorshipGraph graph, string a, string b) => graph.Weight(graph[a], graph[b]);

    [Theory]
    [InlineData(LinkWeighting.Full, 4, 4, 2, 2, 2)]
    [InlineData(LinkWeighting.CountrySet, 5 / 2.0, 3, 3 / 2.0, 3 / 2.0, 1)]
    [InlineData(LinkWeighting.Author, 2, 3, 3 / 2.0, 3 / 2.0, 1)]
    [InlineData(LinkWeighting.AuthorRefined, 4 / 3.0, 5 / 2.0, 4 / 3.0, 4 / 3.0, 5 / 6.0)]
    public void FromSlice_MetricsVector_LinkWeightsAsInMetricsMd(LinkWeighting weighting, double cnUs, double cnPk, double cnJp, double jpUs, double pkUs)
    {
        // METRICS.md test vector: CN-US, CN-PK, CN-JP, JP-US, PK-US per counting method; JP-PK never co-publish.
        CollaborationCube cube = CollaborationCube.Build(TestCorpora.MetricsVector());
        CoauthorshipGraph graph = CoauthorshipGraph.FromSlice(cube.All(), weighting);

        graph.Level.Should().Be(GraphLevel.Country);
        graph.Weighting.Should().Be(weighting.ToName());
        graph.Year.Should().BeNull();
        graph.Ids.Should().BeEquivalentTo(["CN", "US", "PK", "JP"]);
        graph.LinkCount.Should().Be(5);
        W(graph, "CN", "US").Should().BeApproximately(cnUs, 1e-12);
        W(graph, "CN", "PK").Should().BeApproximately(cnPk, 1e-12);
        W(graph, "CN", "JP").Should().BeApproximately(cnJp, 1e-12);
        W(graph, "JP", "US").Should().BeApproximately(jpUs, 1e-12);
        W(graph, "PK", "US").Should().BeApproximately(pkUs, 1e-12);
        W(graph, "JP", "PK").Should().Be(0);

        // Node weights: P CN 9, US 6, PK 4, JP 3; F CN 59/12, US 11/4; I CN 7, US 5, PK 4, JP 3.
        graph.WholeOutput[graph["CN"]].Should().Be(9);
        graph.FractionalOutput[graph["CN"]].Should().BeApproximately(59 / 12.0, 1e-12);
        graph.FractionalOutput[graph["US"]].Should().BeApproximately(11 / 4.0, 1e-12);
        graph.InternationalOutput[graph["JP"]].Should().Be(3);
    }

    [Fact]
    public void FromSlice_CountrySet_StrengthEqualsInternationalOutput()
    {
        CoauthorshipGraph graph = CoauthorshipGraph.FromSlice(CollaborationCube.Build(TestCorpora.MetricsVector()).All(), LinkWeighting.CountrySet);
        for (int v = 0; v < graph.NodeCount; v++)
        {
            graph.Strength(v).Should().BeApproximately(graph.InternationalOutput[v], 1e-12, graph.Ids[v]);
        }
    }

    [Fact]
    public void FromCube_Series_OneGraphPerYearWithYear()
    {
        var publications = TestCorpora.MetricsVectorPublications(2020).Concat(TestCorpora.MetricsVectorPublications(2021).Take(2).Select(p => p with { Id = p.Id + "b" }));
        CollaborationCube cube = CollaborationCube.Build(Corpus.Build(publications));
        CoauthorshipGraphSeries series = CoauthorshipGraphSeries.FromCube(cube);
        series.Years.Should().Equal(2020, 2021);
        series[0].Year.Should().Be(2020);

        // 2021 holds P1 (CN, US) and P2 (CN, PK) only.
        series[1].LinkCount.Should().Be(2);
        series[1].Weight(series[1]["CN"], series[1]["US"]).Should().Be(1);
        series[0].Weight(series[0]["CN"], series[0]["US"]).Should().Be(4);
    }

    /// <summary>Perianes-Rodriguez, Waltman and van Eck (2016) toy network: papers {R1,R2,R3}, {R1,R3}, {R2,R4}.</summary>
    private static Corpus ToyNetwork(int year = 2020)
    {
        static Publication Paper(string id, int year, params string[] authors) => new()
        {
            Id = id,
            Year = year,
            Authors = [.. authors.Select(a => new Author { Id = a, Affiliations = [] })],
        };

        return Corpus.Build([Paper("p1", year, "R1", "R2", "R3"), Paper("p2", year, "R1", "R3"), Paper("p3", year + 1, "R2", "R4")]);
    }

    [Theory]
    [InlineData(LinkWeighting.Full, 1, 2, 1, 1)]
    [InlineData(LinkWeighting.Author, 1 / 2.0, 3 / 2.0, 1 / 2.0, 1)]
    [InlineData(LinkWeighting.AuthorRefined, 1 / 3.0, 4 / 3.0, 1 / 3.0, 1)]
    public void FromAuthors_ToyNetwork_PublishedWeights(LinkWeighting weighting, double r1r2, double r1r3, double r2r3, double r2r4)
    {
        CoauthorshipGraph graph = CoauthorshipGraph.FromAuthors(ToyNetwork(), weighting);
        graph.Level.Should().Be(GraphLevel.Author);
        graph.Ids.Should().Equal("R1", "R2", "R3", "R4");
        graph.LinkCount.Should().Be(4);
        W(graph, "R1", "R2").Should().BeApproximately(r1r2, 1e-12);
        W(graph, "R1", "R3").Should().BeApproximately(r1r3, 1e-12);
        W(graph, "R2", "R3").Should().BeApproximately(r2r3, 1e-12);
        W(graph, "R2", "R4").Should().BeApproximately(r2r4, 1e-12);

        // P: R1 2, R2 2, R3 2, R4 1; F (own position / n_k): R1 1/3 + 1/2, R4 1/2.
        graph.WholeOutput.ToArray().Should().Equal(2, 2, 2, 1);
        graph.FractionalOutput[graph["R1"]].Should().BeApproximately(5 / 6.0, 1e-12);
        graph.FractionalOutput[graph["R4"]].Should().BeApproximately(0.5, 1e-12);
    }

    [Fact]
    public void FromAuthors_AuthorWeighting_StrengthEqualsNumberOfPapers()
    {
        // "Each researcher's fractional strength equals its number of papers" (METRICS.md, published vectors).
        CoauthorshipGraph graph = CoauthorshipGraph.FromAuthors(ToyNetwork(), LinkWeighting.Author);
        for (int v = 0; v < graph.NodeCount; v++)
        {
            graph.Strength(v).Should().BeApproximately(graph.WholeOutput[v], 1e-12);
        }
    }

    [Fact]
    public void FromAuthors_ViewAndSeries_UseOnlyTheSelectedPublications()
    {
        Corpus corpus = ToyNetwork(2020);
        CoauthorshipGraph only2021 = CoauthorshipGraph.FromAuthors(corpus.Year(2021));
        only2021.Ids.Should().Equal("R2", "R4");
        only2021.LinkCount.Should().Be(1);

        CoauthorshipGraphSeries series = CoauthorshipGraphSeries.FromAuthors(corpus);
        series.Years.Should().Equal(2020, 2021);
        series[0].Ids.Should().Equal("R1", "R2", "R3");
        series[1].Year.Should().Be(2021);
    }

    [Theory]
    [InlineData("wos/savedrecs-500.txt")]
    [InlineData("wos-tab/savedrecs-71.txt")]
    [InlineData("scopus/scopus-58.csv")]
    public void FromAuthors_ExportsWithoutAuthorIds_NodesAreTheIdsOrNameKeysOfTheAuthors(string fixture)
    {
        string path = Path.Combine(Fixtures.Root, fixture);
        var read = PublicationReader.ReadFile(path).ToList();
        var corpus = Corpus.FromFile(path);
        corpus.Count.Should().Be(read.Count);

        CoauthorshipGraph graph = CoauthorshipGraph.FromAuthors(corpus);

        // An independent recount: the key of each author is its id, else "SURNAME, I" from its name.
        var keysByPaper = read.Select(p => p.Authors.Select(KeyOf).Where(k => k is not null).Select(k => k!).Distinct().ToList()).ToList();
        var keys = keysByPaper.SelectMany(k => k).Distinct().ToList();
        keys.Should().NotBeEmpty();
        graph.Level.Should().Be(GraphLevel.Author);
        graph.NodeCount.Should().Be(keys.Count);
        graph.Ids.Should().BeEquivalentTo(keys);
        graph.LinkCount.Should().Be(keysByPaper.SelectMany(Pairs).Distinct().Count());
        foreach (var key in keys.Take(50))
        {
            graph.WholeOutput[graph[key]].Should().Be(keysByPaper.Count(k => k.Contains(key)), key);
        }
    }

    [Fact]
    public void FromAuthors_WosRecord_NameKeysAndNamesAsLabels()
    {
        var corpus = Corpus.FromFile(Fixtures.WosPlain500).Where(r => r.Doi == "10.1002/polb.24346");

        CoauthorshipGraph graph = CoauthorshipGraph.FromAuthors(corpus);

        graph.Ids.Should().Equal("SUN, Z", "RUSSELL, T");
        graph.Labels.Should().Equal("Sun, Zhiwei", "Russell, Thomas P.");
        graph.Weight(0, 1).Should().Be(1);
    }

    [Fact]
    public void FromAuthors_CorpusWithoutAuthorKeys_Throws()
    {
        var corpus = Corpus.Build(TestCorpora.MetricsVectorPublications(), CorpusOptions.Default with { KeepAuthorIds = false });

        FluentActions.Invoking(() => CoauthorshipGraph.FromAuthors(corpus)).Should().Throw<InvalidOperationException>().WithMessage("*KeepAuthorIds*");
    }

    [Fact]
    public void FromAuthors_AuthorsWithoutIdOrName_Throws()
    {
        var corpus = Corpus.Build([new Publication { Id = "p", Year = 2020, Authors = [new Author(), new Author()] }]);

        FluentActions.Invoking(() => CoauthorshipGraph.FromAuthors(corpus)).Should().Throw<InvalidOperationException>().WithMessage("*id or a name*");
        CoauthorshipGraph.FromAuthors(Corpus.Empty).NodeCount.Should().Be(0);
    }

    private static string? KeyOf(Author author)
    {
        if (!string.IsNullOrWhiteSpace(author.Id))
        {
            return author.Id;
        }

        if (string.IsNullOrWhiteSpace(author.Name))
        {
            return null;
        }

        var name = author.Name.Trim();
        int comma = name.IndexOf(',', StringComparison.Ordinal);
        int split = comma >= 0 ? comma : name.LastIndexOf(' ');
        var surname = Fold(split < 0 ? name : name[..split]);
        var given = Fold(split < 0 ? string.Empty : name[(split + 1)..]);
        return surname.Length == 0 ? null : given.Length == 0 ? surname : $"{surname}, {given[0]}";

        static string Fold(string text)
        {
            var plain = new string([.. text.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);
            return Regex.Replace(plain.ToUpperInvariant(), @"[^\p{L}\p{Nd}]+", " ").Trim();
        }
    }

    private static IEnumerable<(string, string)> Pairs(List<string> keys) =>
        from a in keys from b in keys where string.CompareOrdinal(a, b) < 0 select (a, b);
}
