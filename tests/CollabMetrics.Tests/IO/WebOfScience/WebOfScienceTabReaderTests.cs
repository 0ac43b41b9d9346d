using System.Text;
using CollabMetrics.IO;
using CollabMetrics.IO.WebOfScience;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO.WebOfScience;

public class WebOfScienceTabReaderTests
{
    private static List<Publication> ReadFixture(IngestReport? report = null)
    {
        using var stream = File.OpenRead(Fixtures.WosTab71);
        return [.. new WebOfScienceTabReader().Read(stream, "savedrecs-71.txt", report: report)];
    }

    private static List<Publication> ReadText(string text, ReadOptions? options = null, IngestReport? report = null)
    {
        using var stream = CountryTables.Utf8(text);
        return [.. new WebOfScienceTabReader().Read(stream, "test.txt", options, report)];
    }

    [Fact]
    public void Read_Fixture71_CountrySetsMatchTheCheckedTable()
    {
        var publications = ReadFixture();
        var table = CountryTables.Read(Fixtures.WosTab71Countries);
        table.Should().HaveCount(71);
        foreach (var (record, id, countries) in table)
        {
            var p = publications.Single(x => x.Position.Record == record);
            p.Id.Should().Be(id);
            p.Position.Line.Should().Be(record + 1);
            p.Countries.Select(c => c.Code).Should().Equal(countries, "record {0} ({1})", record, id);
        }
    }

    [Fact]
    public void Read_Fixture71_TotalsMatchAnIndependentCountAndTheSourceNote()
    {
        // SOURCES.md: 71 rows, 17 without any C1 address. The other totals come from a Python script over the raw
        // file (C1 split at semicolons outside the "[...]" prefixes, last segment mapped through a hand-written
        // table of country words): 54 with a country, 13 with two or more, 25 countries, 15 pairs (weight 15).
        var report = new IngestReport();
        var publications = ReadFixture(report);

        publications.Should().HaveCount(71);
        publications.Count(p => p.Authors.All(a => a.Affiliations.Count == 0)).Should().Be(17);
        CountryTables.Totals(publications).Should().Be((54, 13, 25, 15, 15));
        report.RecordsRead.Should().Be(71);
        report.SkippedTotal.Should().Be(0);
        report.UnresolvedAffiliations.Should().BeEmpty();
    }

    [Fact]
    public void Read_Fixture71_IntoACorpus_ReportsThe17PapersWithoutAnAddress()
    {
        var report = new IngestReport();
        using var stream = File.OpenRead(Fixtures.WosTab71);
        var corpus = new CorpusBuilder(report: report).AddRange(new WebOfScienceTabReader().Read(stream, "savedrecs-71.txt", report: report)).Build();

        corpus.Count.Should().Be(71);
        report.Accepted.Should().Be(71);
        report.PublicationsWithoutCountry.Should().Be(17); // SOURCES.md: 17 rows have no C1 address at all
        report.RecordsRead.Should().Be(71);
    }

    [Fact]
    public void Read_Fixture71_HongKongAndMacauBeforeChinaAreTheirOwnTerritories()
    {
        var publications = ReadFixture();

        // Line 20: "..., Hong Kong, Peoples R China" (three addresses). Line 58: "Univ Macau, Macau, Peoples R China" and Univ Lisbon.
        publications.Single(p => p.Id == "WOS:001655184600001").Countries.Select(c => c.Code).Should().Equal("HK");
        var macau = publications.Single(p => p.Id == "WOS:000403393800174");
        macau.Countries.Select(c => c.Code).Should().Equal("MO", "PT");
        macau.Authors.Single(a => a.Name == "Martins, Rui P.").Affiliations.Select(a => a.Country.Code).Should().Equal("MO", "PT");
    }

    [Fact]
    public void Read_Fixture71_ReadsAuthorsReprintAuthorYearCitationsAndCategories()
    {
        var p = ReadFixture()[0];

        p.Id.Should().Be("WOS:001242600300012");
        p.Year.Should().Be(2023);
        p.Citations.Should().Be(6);
        p.Doi.Should().Be("10.1002/adsr.202300058");
        p.Technologies.Should().Equal("Chemistry, Analytical", "Instruments & Instrumentation");
        p.Authors.Should().HaveCount(11);
        p.Authors[0].Name.Should().Be("Sheeja Prakash, Karthika");
        p.Authors[0].IsCorresponding.Should().BeTrue(); // RP Prakash, KS (corresponding author)
        p.Authors.Count(a => a.IsCorresponding).Should().Be(1);
    }

    [Fact]
    public void SplitAddresses_SemicolonsInsidePrefixes_AreNotSeparators() =>
        WebOfScienceTabReader.SplitAddresses("[A, B; C, D] Univ X, Paris, France; [E, F] Univ Y, Rome, Italy; Univ Z, Oslo, Norway")
            .Should().Equal("[A, B; C, D] Univ X, Paris, France", "[E, F] Univ Y, Rome, Italy", "Univ Z, Oslo, Norway");

    [Fact]
    public void Read_MissingUtColumn_StrictThrowsLenientCounts()
    {
        const string text = "PT\tAU\tC1\tPY\nJ\tSmith, J\tUniv X, Paris, France\t2001\n";

        var ex = FluentActions.Invoking(() => ReadText(text)).Should().Throw<IngestException>().Which;
        ex.Field.Should().Be("UT");
        ex.Reason.Should().Be(SkipReason.MissingRequiredField);
        ex.Position.Line.Should().Be(1);

        var report = new IngestReport();
        ReadText(text, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report).Should().BeEmpty();
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.MissingRequiredField] = 1 });
    }

    [Fact]
    public void Read_ShortRowAndBadYear_AreSkippedAndCountedInLenientMode()
    {
        const string text = "\uFEFFPT\tAU\tC1\tPY\tUT\n"
            + "J\tSmith, J\t[Smith, J] Univ X, Paris, France\t2001\tWOS:1\n"
            + "J\tMeyer, K\t[Meyer, K] Univ Y, Rome, Italy\n"
            + "J\tLee, H\t[Lee, H] Univ Z, Seoul, South Korea\tlate\tWOS:3\n";
        var report = new IngestReport();

        var publications = ReadText(text, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report);

        publications.Select(p => p.Id).Should().Equal("WOS:1");
        report.Skipped.Should().BeEquivalentTo(new Dictionary<SkipReason, long> { [SkipReason.Malformed] = 1, [SkipReason.InvalidYear] = 1 });
        report.Issues.Select(i => (i.Position.Line, i.Field)).Should().Equal((3L, (string?)null), (4L, "PY"));
    }

    [Fact]
    public void Read_Utf16Export_FailsWithAnEncodingMessage()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("PT\tAU\tUT\nJ\tSmith, J\tWOS:1\n")).ToArray();

        var ex = FluentActions.Invoking(() => new WebOfScienceTabReader().Read(new MemoryStream(bytes), "win.txt").ToList())
            .Should().Throw<IngestException>().Which;
        ex.Reason.Should().Be(SkipReason.InvalidEncoding);
        ex.Message.Should().Contain("UTF-8");
    }

    [Fact]
    public void Read_InvalidUtf8_StrictNamesTheRowAndColumn()
    {
        var bytes = Encoding.UTF8.GetBytes("PT\tAU\tC1\tUT\nJ\tSmith, J\t[Smith, J] Univ X, Paris, France\tWOS:1\nJ\tMeyer, K\t[Meyer, K] Univ \u0001, Rome, Italy\tWOS:2\n");
        bytes[Array.IndexOf(bytes, (byte)1)] = 0xFF;

        var ex = FluentActions.Invoking(() => new WebOfScienceTabReader().Read(new MemoryStream(bytes), "bad.txt").ToList())
            .Should().Throw<IngestException>().Which;
        ex.Reason.Should().Be(SkipReason.InvalidEncoding);
        ex.Position.Should().Be(new SourcePosition("bad.txt", 3, 2));
        ex.Field.Should().Be("C1");
    }

    // ---- Repeated headers, limits ----

    [Fact]
    public void Read_RepeatedHeaderRow_RecognisedNotARecord()
    {
        const string header = "PT\tAU\tPY\tUT\n";
        var text = header + "J\tDoe, J\t2020\tWOS:1\n" + header + "J\tRoe, K\t2021\tWOS:2\n";
        var report = new IngestReport();

        var publications = ReadText(text, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report);

        publications.Select(p => p.Id).Should().Equal("WOS:1", "WOS:2");
        report.SkippedTotal.Should().Be(0, "the repeated header is not a bad year");
        report.RepeatedHeaderRows.Should().Be(1);
    }

    [Fact]
    public void Read_RowLongerThanTheRecordLimit_TooLargeAndTheNextRowRead()
    {
        var text = "PT\tAU\tTI\tPY\tUT\nJ\tDoe, J\t" + new string('x', 3000) + "\t2020\tWOS:1\nJ\tRoe, K\tOk\t2021\tWOS:2\n";
        var report = new IngestReport();
        var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, Limits = ReadLimits.Default with { MaxRecordBytes = 1000 } };

        var publications = ReadText(text, options, report);

        publications.Select(p => p.Id).Should().Equal("WOS:2");
        report.TooLarge.Should().Be(1);
    }
}
