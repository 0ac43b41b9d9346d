using System.Text.Json;
using CollabMetrics.Aggregation;
using CollabMetrics.Cli;
using CollabMetrics.Metrics;
using CollabMetrics.Model;
using CollabMetrics.Synthetic;
using CollabMetrics.Tests.Impact;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Commands;

public sealed class ImpactCommandTests : IDisposable
{
    private static readonly string[] UnitColumns =
    [
        "year", "technology", "country", "publications", "fractional_publications", "top_publications", "top_publications_fractional",
        "pp_top", "pp_top_fractional", "top_share", "mncs", "mncs_fractional", "h_index", "domestic_publications", "domestic_mncs",
        "domestic_pp_top", "bilateral_publications", "bilateral_mncs", "bilateral_pp_top", "multilateral_publications",
        "multilateral_mncs", "multilateral_pp_top",
    ];

    private static readonly SyntheticCorpusOptions Synthetic = SyntheticCorpusOptions.Default with
    {
        Publications = 4000, Seed = 11, FirstYear = 2018, LastYear = 2020, Countries = 30, Technologies = 6,
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("impact-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static List<Publication> Works50() => [.. Corpus.FromFile(Fixtures.OpenAlexWorks50).Publications];

    private string SyntheticFile()
    {
        var path = Path.Combine(_folder, "synthetic.csv");
        SyntheticCorpus.ToCsvFile(Synthetic, path);
        return path;
    }

    [Fact]
    public void Impact_Csv_ColumnsOfEachTableInTheirOrder()
    {
        var units = CliRunner.Run("impact", "--input", Fixtures.OpenAlexWorks50, "--output", "csv", "--quiet");
        var focus = CliRunner.Run("impact", "--input", Fixtures.OpenAlexWorks50, "--focus", "US", "--output", "csv", "--quiet");
        var concentration = CliRunner.Run("impact", "--input", Fixtures.OpenAlexWorks50, "--concentration", "--output", "csv", "--quiet");

        units.ExitCode.Should().Be(ExitCodes.Success, units.Err);
        CsvText.Parse(units.Out).Header.Should().Equal(UnitColumns);
        CsvText.Parse(focus.Out).Header.Should().Equal("year", "technology", "focus", "partner", "copublications", "mncs", "pp_top", "advantage");
        CsvText.Parse(concentration.Out).Header.Should().Equal("year", "technology", "hhi", "leader", "leader_ratio", "top5");
    }

    [Fact]
    public void Impact_Works50AllYears_EveryCountryEqualsAnIndependentRecount()
    {
        var result = CliRunner.Run("impact", "--input", Fixtures.OpenAlexWorks50, "--by", "all", "--top", "0", "--output", "csv", "--quiet");

        var csv = CsvText.Parse(result.Out);
        var reference = ReferenceImpact.Compute(Works50(), AggregationOptions.Default, SliceKey.ForAllYears(), 10);
        csv.Rows.Select(r => csv.Get(r, "country")).Should().BeEquivalentTo(reference.Units.Keys.Select(u => u.Code));
        csv.Rows.Should().HaveCount(37, "SOURCES.md: 37 distinct countries");
        foreach (var row in csv.Rows)
        {
            var country = csv.Get(row, "country");
            var expected = reference.Units.Single(u => u.Key.Code == country).Value;
            csv.Get(row, "year").Should().Be("all");
            csv.Get(row, "technology").Should().BeEmpty();
            AssertRow(csv, row, expected, country);
        }

        csv.Rows.Select(r => csv.Number(r, "top_share")).Should().BeInDescendingOrder("rows are ranked by top share");
        csv.Rows.Sum(r => csv.Number(r, "top_share")).Should().BeApproximately(1, 1e-9, "fractional top shares sum to 1");
    }

    [Fact]
    public void Impact_SyntheticByYearOneTechnology_EqualsRecountAndLibrary()
    {
        var path = SyntheticFile();
        var technology = SyntheticCorpus.TechnologyNames[2];
        var publications = SyntheticCorpus.Generate(Synthetic).ToList();
        var library = Corpus.FromFile(path).Countries().Impact().ByYear().ForTechnology(technology).TopPercent(5).Compute();

        var result = CliRunner.Run("impact", "--input", path, "--technology", technology, "--top-percent", "5", "--top", "0", "--output", "csv", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        var csv = CsvText.Parse(result.Out);
        csv.Rows.Should().HaveCount(library.Count);
        csv.Rows.Select(r => csv.Get(r, "year")).Distinct().Should().Equal("2018", "2019", "2020");
        for (int year = 2018; year <= 2020; year++)
        {
            var reference = ReferenceImpact.Compute(publications, AggregationOptions.Default, SliceKey.ForYear(year, technology), 5);
            var rows = csv.Rows.Where(r => csv.Get(r, "year") == year.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            rows.Select(r => csv.Get(r, "country")).Should().BeEquivalentTo(reference.Units.Keys.Select(u => u.Code), $"{year}");
            foreach (var row in rows)
            {
                var country = csv.Get(row, "country");
                csv.Get(row, "technology").Should().Be(technology);
                AssertRow(csv, row, reference.Units.Single(u => u.Key.Code == country).Value, $"{year} {country}");
                csv.Number(row, "top_share").Should().BeApproximately(library.Find(year, country)!.TopShare, 1e-12);
            }
        }
    }

    [Fact]
    public void Impact_SyntheticFocus_PairRowsEqualRecount()
    {
        var path = SyntheticFile();
        var publications = SyntheticCorpus.Generate(Synthetic).ToList();
        var reference = ReferenceImpact.Compute(publications, AggregationOptions.Default, SliceKey.ForAllYears(), 10);

        var result = CliRunner.Run("impact", "--input", path, "--focus", "CN", "--by", "all", "--output", "csv", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        var csv = CsvText.Parse(result.Out);
        var expected = reference.Pairs.Where(p => p.Key.Focus.Code == "CN" && p.Key.Partner.Kind == UnitKind.Country && p.Value.Copublications > 0).ToList();
        csv.Rows.Select(r => csv.Get(r, "partner")).Should().BeEquivalentTo(expected.Select(p => p.Key.Partner.Code));
        foreach (var row in csv.Rows)
        {
            var partner = csv.Get(row, "partner");
            var pair = expected.Single(p => p.Key.Partner.Code == partner).Value;
            csv.Get(row, "focus").Should().Be("CN");
            csv.Number(row, "copublications").Should().Be(pair.Copublications, partner);
            Close(csv.Number(row, "mncs"), pair.Mncs, $"{partner} mncs");
            Close(csv.Number(row, "pp_top"), pair.PpTop, $"{partner} pp_top");
            Close(csv.Number(row, "advantage"), pair.Advantage, $"{partner} advantage");
        }
    }

    [Fact]
    public void Impact_SyntheticConcentration_RowForAllTechnologiesThenEachAndRecountedValues()
    {
        var path = SyntheticFile();
        var publications = SyntheticCorpus.Generate(Synthetic).ToList();

        var result = CliRunner.Run("impact", "--input", path, "--concentration", "--by", "all", "--output", "csv", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        var csv = CsvText.Parse(result.Out);
        var technologies = publications.SelectMany(p => p.Technologies).Distinct().Order(StringComparer.Ordinal).ToList();
        csv.Rows.Select(r => csv.Get(r, "technology")).Should().Equal([string.Empty, .. technologies]);
        foreach (var row in csv.Rows)
        {
            var technology = csv.Get(row, "technology");
            var reference = ReferenceImpact.Compute(publications, AggregationOptions.Default, SliceKey.ForAllYears(technology.Length == 0 ? null : technology), 10);
            csv.Get(row, "year").Should().Be("all");
            Close(csv.Number(row, "hhi"), reference.Hhi, $"{technology} hhi");
            csv.Get(row, "leader").Should().Be(reference.Leader?.Code ?? string.Empty, technology);
            Close(csv.Number(row, "leader_ratio"), reference.LeaderRatio, $"{technology} leader ratio");
            Close(csv.Number(row, "top5"), reference.Top5, $"{technology} top 5");
        }
    }

    [Fact]
    public void Impact_TopThree_ThreeCountriesPerYearByTopShare()
    {
        var result = CliRunner.Run("impact", "--input", SyntheticFile(), "--top", "3", "--output", "csv", "--quiet");

        var csv = CsvText.Parse(result.Out);
        foreach (var year in csv.Rows.GroupBy(r => csv.Get(r, "year")))
        {
            year.Should().HaveCount(3, year.Key);
            year.Select(r => csv.Number(r, "top_share")).Should().BeInDescendingOrder();
        }
    }

    [Fact]
    public void Impact_OpenAlexSource_ContextSaysSoAndMncsIsMeanFwci()
    {
        var result = CliRunner.Run("impact", "--input", Fixtures.OpenAlexWorks50, "--citation-source", "openalex", "--by", "all", "--top", "0", "--output", "json");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        result.Err.Should().Contain("reference sets openalex: year x type x subfield; citation source openalex");
        using var json = JsonDocument.Parse(result.Out);
        var works = Works50();
        foreach (var row in json.RootElement.EnumerateArray())
        {
            var code = row.GetProperty("country").GetString()!;
            var mine = works.Where(w => w.Countries.Any(c => c.Code == code)).ToList();
            row.GetProperty("publications").GetDouble().Should().Be(mine.Count, code);
            row.GetProperty("mncs").GetDouble().Should().BeApproximately(mine.Average(w => w.Fwci!.Value), 1e-9, code);
        }
    }

    [Theory]
    [InlineData("--technology", "Medicin", "Medicine")]
    [InlineData("--focus", "Chna", "China")]
    [InlineData("--top-percent", "60", "1 to 50")]
    [InlineData("--top-percent", "0.5", "1 to 50")]
    [InlineData("--citation-source", "scopus", "counts, openalex")]
    public void Impact_BadOption_UsageErrorWithTheClosestName(string option, string value, string hint)
    {
        var result = CliRunner.Run("impact", "--input", Fixtures.OpenAlexWorks50, option, value, "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain(hint).And.NotContain("   at ");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public void Impact_YearsWithoutPublications_UsageErrorNotAnEmptyTable()
    {
        var result = CliRunner.Run("impact", "--input", Fixtures.OpenAlexWorks50, "--years", "1990-1991", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain("1990-1991").And.NotContain("   at ");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public void Impact_FocusWithConcentration_UsageError()
    {
        var result = CliRunner.Run("impact", "--input", Fixtures.OpenAlexWorks50, "--focus", "CN", "--concentration", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Err.Should().Contain("--focus and --concentration");
    }

    [Fact]
    public void Impact_AsProcess_JsonWithContextAndNoteOnStandardError()
    {
        var result = CliRunner.RunProcess("impact", "--input", Fixtures.OpenAlexWorks50, "--by", "all", "--top-percent", "25", "--output", "json");

        var output = result.Out;
        var error = result.Err;
        result.ExitCode.Should().Be(ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var reference = ReferenceImpact.Compute(Works50(), AggregationOptions.Default, SliceKey.ForAllYears(), 25);
        var rows = json.RootElement.EnumerateArray().ToList();
        rows.Should().HaveCount(10, "--top defaults to 10");
        var shares = reference.Units.Values.Select(u => u.TopShare).OrderDescending().Take(10).ToList();
        for (int i = 0; i < rows.Count; i++)
        {
            var code = rows[i].GetProperty("country").GetString();
            var share = rows[i].GetProperty("top_share").GetDouble();
            share.Should().BeApproximately(shares[i], 1e-9, "the ten largest top shares, in order");
            share.Should().BeApproximately(reference.Units.Single(u => u.Key.Code == code).Value.TopShare, 1e-9, code);
        }

        error.Should().Contain("top 25% of reference sets year x technology");
    }

    private static void AssertRow(CsvText csv, string[] row, ReferenceImpact.Figures expected, string because)
    {
        csv.Number(row, "publications").Should().Be(expected.Publications, because);
        Close(csv.Number(row, "fractional_publications"), expected.FractionalPublications, because);
        Close(csv.Number(row, "top_publications"), expected.TopPublications, because);
        Close(csv.Number(row, "top_publications_fractional"), expected.TopPublicationsFractional, because);
        Close(csv.Number(row, "pp_top"), expected.PpTop, because);
        Close(csv.Number(row, "top_share"), expected.TopShare, because);
        Close(csv.Number(row, "mncs"), expected.Mncs, because);
        Close(csv.Number(row, "mncs_fractional"), expected.MncsFractional, because);
        csv.Number(row, "h_index").Should().Be(expected.HIndex, because);
        csv.Number(row, "domestic_publications").Should().Be(expected.Domestic.Publications, because);
        Close(csv.Number(row, "domestic_mncs"), expected.Domestic.Mncs, because);
        Close(csv.Number(row, "bilateral_pp_top"), expected.Bilateral.PpTop, because);
        csv.Number(row, "multilateral_publications").Should().Be(expected.Multilateral.Publications, because);
        Close(csv.Number(row, "multilateral_mncs"), expected.Multilateral.Mncs, because);
    }

    private static void Close(double actual, double expected, string because)
    {
        if (double.IsNaN(expected))
        {
            actual.Should().Be(double.NaN, because);
            return;
        }

        actual.Should().BeApproximately(expected, 1e-9 * Math.Max(1, Math.Abs(expected)), because);
    }
}
