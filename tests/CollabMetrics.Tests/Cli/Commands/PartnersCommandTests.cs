using System.Buffers.Binary;
using System.Text.Json;
using CollabMetrics.Cli;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.Metrics;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Cli.Commands;

public class PartnersCommandTests
{
    /// <summary>The output contract, written out here rather than taken from the library.</summary>
    private static readonly string[] Contract =
    [
        "year", "focus", "partner", "rank", "copublications", "focus_publications", "focus_international_publications",
        "partner_publications", "partner_share", "output_share", "link_share", "salton", "jaccard", "dice", "inclusion",
        "equivalence", "association_strength", "configuration_association", "ric", "luukkonen_ri", "nsf_ici", "nature_index_cs",
    ];

    private static readonly ReadOptions Lenient = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };

    private static Corpus OpenAlex() => Corpus.FromFile(Fixtures.OpenAlexWorks50, Lenient);

    [Fact]
    public void Partners_Csv_ColumnsAreTheOutputContract()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--by", "all", "--output", "csv", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        CsvText.Parse(result.Out).Header.Should().Equal(Contract);
    }

    [Fact]
    public void Partners_ByTechnology_TechnologyColumnAndEachLabelsRowsAsTheLibrary()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--focus", "US", "--by", "all", "--by-technology", "--top", "0", "--output", "csv", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Err);
        var csv = CsvText.Parse(result.Out);
        csv.Header.Should().Equal([Contract[0], "technology", .. Contract[1..]]);
        var expected = OpenAlex().Countries().Focus("US").Partners().AllYears().ByTechnology().Compute();
        csv.Rows.Should().HaveCount(expected.Count).And.NotBeEmpty();
        csv.Rows.Select(r => (r[1], r[3])).Should().Equal(expected.Select(r => (r.Slice.Technology!, r.Partner.Code)));
    }

    [Fact]
    public void Partners_AllYears_EveryValueAsTheLibraryComputesIt()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--focus", "CN", "--by", "all", "--top", "0", "--output", "csv", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        var csv = CsvText.Parse(result.Out);
        var expected = OpenAlex().Countries().Focus("CN").Partners().AllYears().Rank(CollaborationIndex.PartnerShare);
        csv.Rows.Should().HaveCount(expected.Count).And.NotBeEmpty();
        for (int i = 0; i < expected.Count; i++)
        {
            var row = csv.Rows[i];
            csv.Get(row, "year").Should().Be("all");
            csv.Get(row, "focus").Should().Be("CN");
            csv.Get(row, "partner").Should().Be(expected[i].Partner.Code);
            csv.Number(row, "rank").Should().Be(expected[i].Rank);
            csv.Number(row, "copublications").Should().Be(expected[i].Copublications);
            foreach (var index in CollaborationIndices.All)
            {
                csv.Number(row, index.ToName()).Should().Be(expected[i].Value(index), $"{index.ToName()} of {expected[i].Partner}");
            }
        }
    }

    [Fact]
    public void Partners_AllYears_CountsMatchACountOverThePublications()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--focus", "CN", "--by", "all", "--top", "0", "--output", "csv", "--quiet");

        var csv = CsvText.Parse(result.Out);
        var publications = OpenAlex().Publications.Select(p => p.Countries.Select(c => c.Code).ToHashSet()).ToList();
        int focus = publications.Count(s => s.Contains("CN"));
        int focusInternational = publications.Count(s => s.Contains("CN") && s.Count > 1);
        foreach (var row in csv.Rows)
        {
            var partner = csv.Get(row, "partner");
            int together = publications.Count(s => s.Contains("CN") && s.Contains(partner));
            csv.Number(row, "copublications").Should().Be(together, partner);
            csv.Number(row, "focus_publications").Should().Be(focus);
            csv.Number(row, "focus_international_publications").Should().Be(focusInternational);
            csv.Number(row, "partner_publications").Should().Be(publications.Count(s => s.Contains(partner)));
            csv.Number(row, "partner_share").Should().BeApproximately((double)together / focusInternational, 1e-12);
        }

        csv.Rows.Select(r => csv.Get(r, "partner")).Should().BeEquivalentTo(
            publications.Where(s => s.Contains("CN")).SelectMany(s => s).Where(c => c != "CN").Distinct());
    }

    [Fact]
    public void Partners_ByYear_RanksWithinEachYearFollowTheIndex()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.WosPlain500, "--focus", "US", "--index", "salton", "--top", "0", "--output", "csv", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        var csv = CsvText.Parse(result.Out);
        csv.Rows.Should().NotBeEmpty();
        foreach (var year in csv.Rows.GroupBy(r => csv.Get(r, "year")))
        {
            int.TryParse(year.Key, out _).Should().BeTrue($"'{year.Key}' is a year");
            // Partners without co-publications in the year have no rank (an empty field).
            var ranked = year.Where(r => csv.Get(r, "rank").Length > 0).OrderBy(r => csv.Number(r, "rank")).ToList();
            year.Where(r => csv.Get(r, "rank").Length == 0).Should().OnlyContain(r => csv.Number(r, "copublications") == 0);
            ranked.Select(r => (int)csv.Number(r, "rank")).Should().Equal(Enumerable.Range(1, ranked.Count));
            ranked.Select(r => csv.Number(r, "salton")).Where(v => !double.IsNaN(v)).Should().BeInDescendingOrder();
        }
    }

    [Fact]
    public void Partners_Top_AtMostThatManyRowsPerSlice()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.WosPlain500, "--focus", "US", "--top", "2", "--output", "csv", "--quiet");

        var csv = CsvText.Parse(result.Out);
        csv.Rows.Should().NotBeEmpty();
        csv.Rows.GroupBy(r => csv.Get(r, "year")).Should().OnlyContain(g => g.Count() <= 2);
        csv.Rows.Should().OnlyContain(r => csv.Number(r, "rank") <= 2);
    }

    [Fact]
    public void Partners_Top_RanksOnlyPartnersWithCopublicationsInTheSlice()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.WosPlain500, "--focus", "US", "--top", "5", "--output", "csv", "--quiet");
        var all = CsvText.Parse(CliRunner.Run("partners", "--input", Fixtures.WosPlain500, "--focus", "US", "--top", "0", "--output", "csv", "--quiet").Out);

        var csv = CsvText.Parse(result.Out);
        csv.Rows.Should().NotBeEmpty().And.OnlyContain(r => csv.Number(r, "copublications") > 0);
        var in2017 = all.Rows.Where(r => all.Get(r, "year") == "2017").ToList();
        csv.Rows.Count(r => csv.Get(r, "year") == "2017").Should().Be(Math.Min(5, in2017.Count(r => all.Number(r, "copublications") > 0)));
        in2017.Where(r => all.Number(r, "copublications") == 0).Should().NotBeEmpty("the full table keeps the zeros of series")
            .And.OnlyContain(r => all.Get(r, "rank") == string.Empty);
    }

    [Fact]
    public void Partners_Window_RowsLabelledByWindow()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--window", "3", "--output", "csv", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        var csv = CsvText.Parse(result.Out);
        csv.Rows.Should().NotBeEmpty();
        foreach (var label in csv.Rows.Select(r => csv.Get(r, "year")).Distinct())
        {
            var ends = label.Split('-').Select(int.Parse).ToArray();
            ends.Should().HaveCount(2);
            (ends[1] - ends[0]).Should().Be(2);
        }
    }

    [Fact]
    public void Partners_YearsByAll_OneWindowRowSet()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--years", "2015-2024", "--by", "all", "--output", "csv", "--quiet");

        var csv = CsvText.Parse(result.Out);
        csv.Rows.Select(r => csv.Get(r, "year")).Distinct().Should().Equal("2015-2024");
    }

    [Fact]
    public void Partners_Json_SameRowsAsCsvWithNullForUndefined()
    {
        string[] args = ["partners", "--input", Fixtures.WosPlain500, "--focus", "US", "--by", "all", "--top", "0", "--quiet", "--output"];
        var csv = CsvText.Parse(CliRunner.Run([.. args, "csv"]).Out);
        var json = CliRunner.Run([.. args, "json"]);

        json.ExitCode.Should().Be(ExitCodes.Success);
        using var document = JsonDocument.Parse(json.Out);
        var rows = document.RootElement.EnumerateArray().ToList();
        rows.Should().HaveCount(csv.Rows.Count).And.NotBeEmpty();
        for (int i = 0; i < rows.Count; i++)
        {
            rows[i].EnumerateObject().Select(p => p.Name).Should().Equal(Contract);
            foreach (var name in Contract.Skip(4))
            {
                var value = rows[i].GetProperty(name);
                double expected = csv.Number(csv.Rows[i], name);
                if (double.IsNaN(expected))
                {
                    value.ValueKind.Should().Be(JsonValueKind.Null, name);
                }
                else
                {
                    value.GetDouble().Should().Be(expected, name);
                }
            }
        }
    }

    [Fact]
    public void Partners_Table_AlignedColumnsWithTheContractHeader()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--no-raw-affiliations", "--by", "all", "--top", "3", "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        var lines = result.OutLines;
        lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal(Contract);
        lines[1].Should().MatchRegex("^-+$");
        lines.Skip(2).Should().HaveCount(2, "CN has two partners in the file").And.OnlyContain(l => l.StartsWith("all   CN ", StringComparison.Ordinal));
        lines[2].Should().Contain(" 0.5000 ", "partner share 1/2 is printed with four decimals");
    }

    [Fact]
    public void Partners_Out_WritesTheFileNotStandardOutput()
    {
        using var file = TempFile.Named(".csv");

        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--by", "all", "--output", "csv", "--out", file.Path, "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Out.Should().BeEmpty();
        CsvText.Parse(File.ReadAllText(file.Path)).Header.Should().Equal(Contract);
    }

    [Fact]
    public void Partners_TerritoryGreaterChina_NoPartnerIsHongKongMacaoOrTaiwan()
    {
        var iso = CsvText.Parse(CliRunner.Run("partners", "--input", Fixtures.WosPlain500, "--focus", "CN", "--by", "all", "--top", "0", "--output", "csv", "--quiet").Out);
        var greater = CsvText.Parse(CliRunner.Run("partners", "--input", Fixtures.WosPlain500, "--focus", "CN", "--by", "all", "--top", "0", "--output", "csv", "--quiet", "--territory", "greater-china").Out);

        greater.Rows.Select(r => greater.Get(r, "partner")).Should().NotContain(["HK", "MO", "TW"]);
        var expected = Corpus.FromFile(Fixtures.WosPlain500, Lenient).Countries().WithTerritory(TerritoryPolicy.GreaterChina)
            .Focus("CN").Partners().AllYears().Rank(CollaborationIndex.PartnerShare);
        greater.Rows.Select(r => greater.Get(r, "partner")).Should().Equal(expected.Select(r => r.Partner.Code));
        iso.Rows.Should().NotBeEmpty();
    }

    [Fact]
    public void Partners_NotQuiet_NotesWhatWasReadAndThePolicyOnStandardError()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--by", "all", "--territory", "leiden", "--output", "csv");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.ErrLines.Should().HaveCount(2);
        result.ErrLines[0].Should().StartWith("collabmetrics: read 50 records from 1 file");
        result.ErrLines[1].Should().StartWith("collabmetrics: territory leiden;").And.Contain("49 of 49 publications counted");
        CsvText.Parse(result.Out).Header.Should().Equal(Contract, "notes never mix into the results");
    }

    [Fact]
    public void Partners_Chart_WritesAPng()
    {
        using var chart = TempFile.Named(".png");

        var result = CliRunner.Run("partners", "--input", Fixtures.WosPlain500, "--focus", "US", "--top", "5", "--chart", chart.Path, "--quiet");

        result.ExitCode.Should().Be(ExitCodes.Success);
        var bytes = File.ReadAllBytes(chart.Path);
        bytes.AsSpan(1, 3).ToArray().Should().Equal((byte)'P', (byte)'N', (byte)'G');
        BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)).Should().BePositive();
    }

    [Fact]
    public void Partners_ChartWithByAll_UsageError()
    {
        var result = CliRunner.Run("partners", "--input", Fixtures.OpenAlexWorks50, "--by", "all", "--chart", "x.svg");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.ErrLines[0].Should().Contain("--chart");
        result.ErrLines[1].Should().Be("Try 'collabmetrics partners --help'.");
    }
}
