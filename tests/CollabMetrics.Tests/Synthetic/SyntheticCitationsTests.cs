using CollabMetrics.Aggregation;
using CollabMetrics.Impact;
using CollabMetrics.Model;
using CollabMetrics.Synthetic;

namespace CollabMetrics.Tests.Synthetic;

public class SyntheticCitationsTests(SyntheticSample sample) : IClassFixture<SyntheticSample>
{
    private static readonly SyntheticCorpusOptions Small = SyntheticCorpusOptions.Default with { Publications = 2_000 };

    [Fact]
    public void Generate_Default_EveryPublicationHasACitationCount()
    {
        sample.Publications.Should().OnlyContain(p => p.Citations >= 0);
    }

    [Fact]
    public void Generate_WithoutCitations_EveryOtherValueIsTheSame()
    {
        // The counts come from a stream of their own: switching them off (or changing their parameters) leaves the
        // countries, institutions, authors, years and technologies of every publication as they were.
        var with = SyntheticCorpus.Generate(Small).ToList();
        var without = SyntheticCorpus.Generate(Small with { Citations = false }).ToList();
        var other = SyntheticCorpus.Generate(Small with { MeanCitations = 40, InternationalCitationPremium = 2 }).ToList();

        without.Should().OnlyContain(p => p.Citations == null);
        without.Select(Describe).Should().Equal(with.Select(Describe));
        other.Select(Describe).Should().Equal(with.Select(Describe));
        other.Sum(p => p.Citations!.Value).Should().BeGreaterThan(2 * with.Sum(p => p.Citations!.Value));
    }

    [Fact]
    public void BuildCorpus_Citations_EqualThoseOfGenerate()
    {
        var corpus = SyntheticCorpus.BuildCorpus(Small);

        corpus.Records.Select(r => r.Citations).Should().Equal(SyntheticCorpus.Generate(Small).Select(p => p.Citations));
        SyntheticCorpus.BuildCorpus(Small with { Citations = false }).Records.Should().OnlyContain(r => r.Citations == null);
    }

    [Fact]
    public void Generate_Citations_HeavyTailedWithManyUncitedRecentPapers()
    {
        var counts = sample.Publications.Select(p => p.Citations!.Value).Order().ToArray();
        double mean = counts.Average();

        counts[counts.Length / 2].Should().BeLessThan((int)mean, "the median is below the mean");
        counts[^1].Should().BeGreaterThan(30 * Math.Max(1, counts[counts.Length / 2]), "the tail is long");
        counts.Count(c => c == 0).Should().BeGreaterThan(counts.Length / 20);
        counts.Where(c => c >= 10 * mean).Sum(c => (double)c).Should().BeGreaterThan(0.05 * counts.Sum(c => (double)c), "a few papers collect a good part of the citations");
    }

    [Fact]
    public void Generate_Citations_OlderPapersHaveMore()
    {
        double Mean(int from, int to) => sample.Publications.Where(p => p.Year >= from && p.Year <= to).Average(p => p.Citations!.Value);

        Mean(2005, 2009).Should().BeGreaterThan(Mean(2015, 2017));
        Mean(2015, 2017).Should().BeGreaterThan(1.5 * Mean(2023, 2024));
    }

    [Fact]
    public void Generate_Citations_DependOnTheTechnology()
    {
        // Citations relative to the mean of the paper's year (which removes the age effect), for single-label papers of
        // the technologies with the largest and the smallest factors.
        var yearMean = sample.Publications.GroupBy(p => p.Year!.Value).ToDictionary(g => g.Key, g => g.Average(p => p.Citations!.Value));
        var factor = SyntheticCorpus.TechnologyNames.Select((name, t) => (name, t)).ToDictionary(x => x.name, x => SyntheticCitations.TechnologyFactor(x.t));
        double Relative(Func<double, bool> selected) => sample.Publications
            .Where(p => p.Technologies.Count == 1 && selected(factor[p.Technologies[0]]))
            .Average(p => p.Citations!.Value / yearMean[p.Year!.Value]);

        Relative(f => f > 1.25).Should().BeGreaterThan(1.4 * Relative(f => f < 0.8));
    }

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(0.975, 1.959963985)]
    [InlineData(0.001, -3.090232306)]
    [InlineData(0.9999, 3.719016485)]
    public void InverseNormal_KnownQuantiles_WithinTheApproximationError(double p, double z)
    {
        SyntheticCitations.InverseNormal(p).Should().BeApproximately(z, 1e-8);
    }

    [Fact]
    public void Generate_Citations_InternationalPapersHaveAModestPremium()
    {
        // Compared within one lead country (the premium, not the partners' effects), US papers of 2005-2024.
        var us = sample.Publications.Where(p => p.Authors[0].Affiliations[0].Country.Code == "US").ToList();
        double international = us.Where(p => p.Countries.Count >= 2).Average(p => p.Citations!.Value);
        double domestic = us.Where(p => p.Countries.Count == 1).Average(p => p.Citations!.Value);

        (international / domestic).Should().BeInRange(1.05, 1.8);
    }

    [Fact]
    public void Generate_Citations_ChinaCatchesUpWithTheUnitedStatesOverTime()
    {
        // China's share of the top 10% papers relative to its output rises; the United States' falls.
        var corpus = Corpus.Build(sample.Publications);
        var statistics = ImpactEngine.Build(corpus, AggregationOptions.Default);
        double Relative(string code, int from, int to)
        {
            var slice = statistics.Slice(SliceKey.ForWindow(from, to), TopPercent.Ten);
            var unit = slice[CollabMetrics.Geography.Country.Parse(code)];
            return unit.PpTopFractional / 0.1;
        }

        Relative("CN", 2005, 2009).Should().BeLessThan(0.8);
        Relative("CN", 2020, 2024).Should().BeGreaterThan(Relative("CN", 2005, 2009) + 0.3);
        Relative("US", 2005, 2009).Should().BeGreaterThan(Relative("US", 2020, 2024));
    }

    [Theory]
    [InlineData("MeanCitations")]
    [InlineData("InternationalCitationPremium")]
    public void Generate_CitationOptionOutOfRange_ThrowsNamingTheOption(string option)
    {
        var options = option == "MeanCitations" ? Small with { MeanCitations = -1 } : Small with { InternationalCitationPremium = 10 };

        var act = () => SyntheticCorpus.Generate(options);

        act.Should().Throw<ArgumentException>().WithMessage($"*{option}*");
    }

    private static string Describe(Publication p) =>
        $"{p.Id}|{p.Source}|{p.Doi}|{p.Year}|{string.Join(";", p.Technologies)}|" +
        string.Join(";", p.Authors.Select(a => $"{a.Id}:{a.IsCorresponding}:{string.Join("+", a.Affiliations.Select(f => $"{f.InstitutionId}/{f.Country}"))}"));
}
