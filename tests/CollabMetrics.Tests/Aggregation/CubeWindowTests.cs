using CollabMetrics.Aggregation;

namespace CollabMetrics.Tests.Aggregation;

public class CubeWindowTests
{
    private static readonly Corpus s_corpus = Corpus.Build(RandomCorpora.Seeded(3000, seed: 11));
    private static readonly CollaborationCube s_cube = CollaborationCube.Build(s_corpus);

    [Theory]
    [InlineData(2012, 2015, null)]
    [InlineData(2010, 2021, null)]
    [InlineData(2014, 2014, "B")]
    [InlineData(2019, 2025, "A")]
    public void Window_EqualsACubeOfTheFilteredCorpus(int from, int to, string? technology)
    {
        var filtered = technology is null ? s_corpus.Years(from, to) : s_corpus.Years(from, to).InTechnology(technology);
        var direct = CollaborationCube.Build(filtered).All(technology);

        var window = s_cube.Window(from, to, technology);

        window.Key.Should().Be(new SliceKey(from, to, technology));
        SameCounts(window, direct);
    }

    [Fact]
    public void Year_EqualsACubeOfThatYear()
    {
        SameCounts(s_cube.Year(2013), CollaborationCube.Build(s_corpus.Year(2013)).All());
        FluentActions.Invoking(() => s_cube.Year(1990)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1990*2010-2021*");
    }

    [Fact]
    public void RollingWindows_EndEachYearAndSumTheirYears()
    {
        var windows = s_cube.RollingWindows(5).ToList();

        s_cube.Years.Should().Equal(Enumerable.Range(2010, 12));
        windows.Select(w => w.ToString()).Should().Equal(Enumerable.Range(2014, 8).Select(end => $"{end - 4}-{end}"));
        foreach (var window in windows)
        {
            var slice = s_cube.Slice(window);
            slice.N.Should().Be(Enumerable.Range(window.FromYear!.Value, 5).Sum(y => s_corpus.Year(y).Count - CountWithoutUnit(s_corpus.Year(y))));
        }
    }

    [Fact]
    public void Slice_InvalidKeys_Throw()
    {
        FluentActions.Invoking(() => s_cube.Window(2015, 2012)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => s_cube.Slice(new SliceKey(2015, null, null))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => s_cube.All("no such label")).Should().Throw<ArgumentException>().WithMessage("*no technology*");
        FluentActions.Invoking(() => s_cube.RollingWindows(0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void SliceKey_FormatsYearsAndTechnology()
    {
        SliceKey.ForWindow(2015, 2019).ToString().Should().Be("2015-2019");
        SliceKey.ForYear(2019).ToString().Should().Be("2019");
        SliceKey.ForAllYears().ToString().Should().Be("all");
        SliceKey.ForYear(2019, "AI").ToString().Should().Be("2019 AI");
        SliceKey.ForAllYears("AI").TechnologyLabel.Should().Be("AI");
    }

    private static int CountWithoutUnit(Corpus corpus) => corpus.Records.Count(r => r.Countries.Count == 0);

    private static void SameCounts(SliceCounts actual, SliceCounts expected)
    {
        actual.N.Should().Be(expected.N);
        actual.NInternational.Should().Be(expected.NInternational);
        actual.T.Should().Be(expected.T);
        actual.Units.Select(u => u.Unit).Should().Equal(expected.Units.Select(u => u.Unit));
        for (int i = 0; i < expected.Units.Count; i++)
        {
            actual.Units[i].P.Should().Be(expected.Units[i].P);
            actual.Units[i].I.Should().Be(expected.Units[i].I);
            actual.Units[i].F.Should().BeApproximately(expected.Units[i].F, 1e-9);
            actual.Units[i].E.Should().BeApproximately(expected.Units[i].E, 1e-9);
        }

        var pairs = actual.Pairs.ToList();
        var expectedPairs = expected.Pairs.ToList();
        pairs.Select(p => (p.A, p.B, p.Copublications)).Should().Equal(expectedPairs.Select(p => (p.A, p.B, p.Copublications)));
        for (int i = 0; i < pairs.Count; i++)
        {
            pairs[i].Author.Should().BeApproximately(expectedPairs[i].Author, 1e-9);
            pairs[i].AuthorRefined.Should().BeApproximately(expectedPairs[i].AuthorRefined, 1e-9);
            pairs[i].CountrySet.Should().BeApproximately(expectedPairs[i].CountrySet, 1e-9);
        }
    }
}
