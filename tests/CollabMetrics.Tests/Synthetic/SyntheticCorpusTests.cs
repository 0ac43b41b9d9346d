using System.Text;
using CollabMetrics.IO.Csv;
using CollabMetrics.Model;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Tests.Synthetic;

/// <summary>20,000 publications of the default model, generated once for the statistical tests.</summary>
public sealed class SyntheticSample
{
    public SyntheticSample()
    {
        Publications = [.. SyntheticCorpus.Generate(SyntheticCorpusOptions.Default with { Publications = 20_000 })];
        CountryCodes = [.. Publications.Select(p => p.Countries.Select(c => c.Code).ToHashSet(StringComparer.Ordinal))];
    }

    public IReadOnlyList<Publication> Publications { get; }

    /// <summary>The distinct country codes of each publication, counted here from the affiliations.</summary>
    public IReadOnlyList<HashSet<string>> CountryCodes { get; }

    public int CoPublications(string a, string b, int from, int to)
    {
        int n = 0;
        for (int k = 0; k < Publications.Count; k++)
        {
            if (Publications[k].Year >= from && Publications[k].Year <= to && CountryCodes[k].Contains(a) && CountryCodes[k].Contains(b))
            {
                n++;
            }
        }

        return n;
    }
}

public class SyntheticCorpusTests(SyntheticSample sample) : IClassFixture<SyntheticSample>
{
    private static readonly SyntheticCorpusOptions Small = SyntheticCorpusOptions.Default with { Publications = 2_000 };

    [Fact]
    public void Generate_SameOptionsTwice_GivesIdenticalPublications()
    {
        var first = SyntheticCorpus.Generate(Small).Select(Describe).ToList();
        var second = SyntheticCorpus.Generate(Small).Select(Describe).ToList();

        first.Should().HaveCount(2_000);
        second.Should().Equal(first);
    }

    [Fact]
    public void Generate_AnotherSeed_GivesAnotherCorpus()
    {
        var first = SyntheticCorpus.Generate(Small).Select(Describe).ToList();
        var other = SyntheticCorpus.Generate(Small with { Seed = 43 }).Select(Describe).ToList();

        other.Where((d, i) => d != first[i]).Should().HaveCountGreaterThan(1_900);
    }

    [Fact]
    public void Generate_SmallerCorpus_IsPrefixOfLargerOne()
    {
        var large = SyntheticCorpus.Generate(Small with { Publications = 3_000 }).Take(2_000).Select(Describe);
        var small = SyntheticCorpus.Generate(Small).Select(Describe);

        small.Should().Equal(large);
    }

    [Fact]
    public void GenerateRange_Range_EqualsThoseOfGenerate()
    {
        var all = SyntheticCorpus.Generate(Small).Select(Describe).ToList();

        SyntheticCorpus.GenerateRange(Small, 500, 700).Select(Describe).Should().Equal(all.Skip(500).Take(700));
    }

    [Fact]
    public void GenerateRange_BeyondTheCorpus_Throws()
    {
        var act = () => SyntheticCorpus.GenerateRange(Small, 1_500, 501);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void BuildCorpus_SameOptions_EqualsCorpusBuiltFromGenerate()
    {
        var options = Small with { Publications = 3_000 };
        var fast = SyntheticCorpus.BuildCorpus(options);
        var slow = Corpus.Build(SyntheticCorpus.Generate(options));

        fast.Count.Should().Be(slow.Count);
        fast.Technologies.Should().Equal(slow.Technologies);
        fast.Institutions.Should().Equal(slow.Institutions);
        fast.StorageBytes.Should().Be(slow.StorageBytes);
        fast.Report.Accepted.Should().Be(3_000);
        fast.Publications.Select(Describe).Should().Equal(slow.Publications.Select(Describe));
    }

    [Fact]
    public void BuildCorpus_WithoutAuthorIdsAndDois_StoresLessPerPublication()
    {
        var full = SyntheticCorpus.BuildCorpus(Small);
        var lean = SyntheticCorpus.BuildCorpus(Small, new CorpusOptions { KeepAuthorIds = false, KeepDois = false });

        lean.StorageBytes.Should().BeLessThan(full.StorageBytes);
        lean[0].Doi.Should().BeNull();
        lean[0].ToPublication().Authors.Should().OnlyContain(a => a.Id == null);
        lean.Publications.Select(p => string.Join(",", p.Countries)).Should().Equal(full.Publications.Select(p => string.Join(",", p.Countries)));
    }

    [Fact]
    public void Generate_Publications_AreLabelledSynthetic()
    {
        var first = SyntheticCorpus.Generate(Small).First();

        first.Id.Should().Be("SYN-000000001");
        first.Source.Should().Be(PublicationSource.Synthetic);
        first.Doi.Should().Be("10.5555/syn-000000001");
        first.Authors.Should().OnlyContain(a => a.Id!.StartsWith("SYN-A", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_AuthorsPerPublication_HeavyTailedWithMedianFiveAndMeanSix()
    {
        var counts = sample.Publications.Select(p => p.Authors.Count).Order().ToArray();

        counts[counts.Length / 2].Should().Be(5);
        counts.Average().Should().BeApproximately(6.0, 0.4);
        counts[^1].Should().BeGreaterThanOrEqualTo(100);
        counts[0].Should().Be(1);
    }

    [Fact]
    public void Generate_Countries_AQuarterInternationalAndAboutOnePointThreePerPublication()
    {
        var m = sample.CountryCodes.Select(c => c.Count).ToArray();

        m.Should().OnlyContain(x => x >= 1);
        m.Count(x => x >= 2).Should().BeCloseTo(5_000, 1_000);
        m.Average().Should().BeApproximately(1.3, 0.05);
    }

    [Fact]
    public void Generate_Countries_AboutTwoHundredWithChinaAndUnitedStatesLargest()
    {
        var output = sample.CountryCodes.SelectMany(c => c).GroupBy(c => c).OrderByDescending(g => g.Count()).ToList();

        output.Should().HaveCountGreaterThanOrEqualTo(180).And.HaveCountLessThanOrEqualTo(200);
        output.Take(2).Select(g => g.Key).Should().BeEquivalentTo("CN", "US");
        output[0].Count().Should().BeGreaterThan(20 * output[^1].Count(), "output is heavy-tailed");
    }

    [Fact]
    public void Generate_Technologies_All74UsedAndSomePublicationsMultiLabel()
    {
        sample.Publications.SelectMany(p => p.Technologies).Distinct().Should().HaveCount(74)
            .And.BeSubsetOf(SyntheticCorpus.TechnologyNames);
        SyntheticCorpus.TechnologyNames.Should().HaveCount(74).And.OnlyHaveUniqueItems();
        sample.Publications.Count(p => p.Technologies.Count >= 2).Should().BeCloseTo(7_000, 700);
        sample.Publications.Should().OnlyContain(p => p.Technologies.Distinct().Count() == p.Technologies.Count);
    }

    [Fact]
    public void Generate_Years_OutputGrowsOverTime()
    {
        var perYear = sample.Publications.GroupBy(p => p.Year!.Value).ToDictionary(g => g.Key, g => g.Count());

        perYear.Keys.Should().BeEquivalentTo(Enumerable.Range(2005, 20));
        int Window(int from) => Enumerable.Range(from, 5).Sum(y => perYear[y]);
        Window(2010).Should().BeGreaterThan(Window(2005));
        Window(2015).Should().BeGreaterThan(Window(2010));
        Window(2020).Should().BeGreaterThan(Window(2015));
        perYear[2024].Should().BeGreaterThan(3 * perYear[2005]);
    }

    [Fact]
    public void Generate_Affiliations_DualAffiliationsAndEachInstitutionInOneCountry()
    {
        var authors = sample.Publications.SelectMany(p => p.Authors).ToList();
        var affiliations = authors.SelectMany(a => a.Affiliations).ToList();

        ((double)authors.Count(a => a.Affiliations.Count == 2) / authors.Count).Should().BeApproximately(0.08, 0.02);
        affiliations.GroupBy(a => a.InstitutionId).Should().OnlyContain(g => g.Select(a => a.Country).Distinct().Count() == 1);
        affiliations.Select(a => a.InstitutionId).Distinct().Should().HaveCountGreaterThan(2_000).And.HaveCountLessThan(4_500);
    }

    [Fact]
    public void Generate_ChinaUnitedStates_PeaksAroundTwentyNineteenThenDeclines()
    {
        int early = sample.CoPublications("CN", "US", 2005, 2008);
        int peak = sample.CoPublications("CN", "US", 2017, 2020);
        int late = sample.CoPublications("CN", "US", 2021, 2024);

        peak.Should().BeGreaterThan(early);
        peak.Should().BeGreaterThan(late);
    }

    [Fact]
    public void Generate_ChinaPakistan_OvertakesChinaJapan()
    {
        sample.CoPublications("CN", "PK", 2005, 2009).Should().BeLessThan(sample.CoPublications("CN", "JP", 2005, 2009));
        sample.CoPublications("CN", "PK", 2020, 2024).Should().BeGreaterThan(sample.CoPublications("CN", "JP", 2020, 2024));
    }

    [Fact]
    public void WriteCsv_SeveralParts_ReadsBackAsTheGeneratedPublications()
    {
        var options = Small with { Publications = 2_500 };
        using var stream = new MemoryStream();
        SyntheticCorpus.WriteCsv(new SyntheticModel(options), stream, partSize: 1_000);
        stream.Position = 0;

        var text = Encoding.UTF8.GetString(stream.ToArray());
        var read = new CollabMetricsCsvReader().Read(new MemoryStream(stream.ToArray()), "synthetic.csv").ToList();

        text.Split('\n').Count(line => line.StartsWith("publication_id,", StringComparison.Ordinal)).Should().Be(1);
        read.Select(DescribeCountries).Should().Equal(SyntheticCorpus.Generate(options).Select(DescribeCountries));
        read.Select(p => p.Id).Should().Equal(SyntheticCorpus.Generate(options).Select(p => p.Id));
    }

    [Fact]
    public async Task ToCsvFileAsync_GzipName_WritesACompressedFileCorpusFromFileReads()
    {
        var options = Small with { Publications = 300 };
        var path = Path.Combine(Path.GetTempPath(), $"synthetic-{Guid.NewGuid():N}.csv.gz");
        try
        {
            await SyntheticCorpus.ToCsvFileAsync(options, path);

            var corpus = Corpus.FromFile(path);
            corpus.Count.Should().Be(300);
            corpus.Publications.Select(DescribeCountries).Should().Equal(SyntheticCorpus.Generate(options).Select(DescribeCountries));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("Countries")]
    [InlineData("MeanCountriesPerPublication")]
    [InlineData("MeanAuthors")]
    [InlineData("Technologies")]
    [InlineData("LastYear")]
    public void Generate_OptionOutOfRange_ThrowsNamingTheOption(string option)
    {
        var options = option switch
        {
            "Countries" => Small with { Countries = 1 },
            "MeanCountriesPerPublication" => Small with { MeanCountriesPerPublication = 1.1 },
            "MeanAuthors" => Small with { MeanAuthors = 4 },
            "Technologies" => Small with { Technologies = 75 },
            _ => Small with { LastYear = 2000 },
        };

        var act = () => SyntheticCorpus.Generate(options);

        act.Should().Throw<ArgumentException>().WithMessage($"*{option}*");
    }

    [Fact]
    public void MultiplierAt_PeakInTheMiddle_InterpolatesLogLinearly()
    {
        var trend = new BilateralTrend("CN", "US", Start: 1, PeakYear: 2010, Peak: 4, End: 1);

        trend.MultiplierAt(2005, 2005, 2015).Should().BeApproximately(1, 1e-12);
        trend.MultiplierAt(2010, 2005, 2015).Should().BeApproximately(4, 1e-12);
        trend.MultiplierAt(2015, 2005, 2015).Should().BeApproximately(1, 1e-12);
        trend.MultiplierAt(2012, 2005, 2015).Should().BeApproximately(Math.Pow(4, 0.6), 1e-12);
    }

    private static string DescribeCountries(Publication p) =>
        $"{p.Id}|{p.Year}|{string.Join(";", p.Technologies.Order(StringComparer.Ordinal))}|" +
        string.Join(";", p.Authors.Select(a => $"{a.Id}:{a.IsCorresponding}:{string.Join("+", a.Affiliations.Select(f => $"{f.InstitutionId}/{f.Country}"))}"));

    private static string Describe(Publication p) =>
        $"{p.Id}|{p.Source}|{p.Doi}|{p.Year}|{string.Join(";", p.Technologies)}|" +
        string.Join(";", p.Authors.Select(a => $"{a.Id}:{a.IsCorresponding}:{string.Join("+", a.Affiliations.Select(f => $"{f.InstitutionId}/{f.InstitutionName}/{f.Country}"))}"));
}
