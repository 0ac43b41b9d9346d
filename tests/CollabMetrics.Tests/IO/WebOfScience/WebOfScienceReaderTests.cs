using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.IO.WebOfScience;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO.WebOfScience;

public class WebOfScienceReaderTests
{
    private const string Header = "FN Clarivate Analytics Web of Science\nVR 1.0\n";

    private static List<Publication> ReadFixture(IngestReport? report = null, ReadOptions? options = null)
    {
        using var stream = File.OpenRead(Fixtures.WosPlain500);
        return [.. new WebOfScienceReader().Read(stream, "savedrecs-500.txt", options, report)];
    }

    private static List<Publication> ReadText(string text, ReadOptions? options = null, IngestReport? report = null, WebOfScienceReader? reader = null)
    {
        using var stream = CountryTables.Utf8(text);
        return [.. (reader ?? new WebOfScienceReader()).Read(stream, "test.txt", options, report)];
    }

    [Fact]
    public void Read_Fixture500_CountrySetsMatchTheCheckedTable()
    {
        var publications = ReadFixture();
        var table = CountryTables.Read(Fixtures.WosPlain500Countries);
        table.Should().HaveCountGreaterThanOrEqualTo(30);
        foreach (var (record, id, countries) in table)
        {
            var p = publications.Single(x => x.Position.Record == record);
            p.Id.Should().Be(id);
            p.Countries.Select(c => c.Code).Should().Equal(countries, "record {0} ({1})", record, id);
        }
    }

    [Fact]
    public void Read_Fixture500_TotalsMatchAnIndependentCount()
    {
        // Totals derived outside the library: a Python script split every C1 address of the raw file at its last
        // comma, removed the "[...]" author prefix, a state code and postal codes, and mapped the remaining country
        // words through a hand-written table (Hong Kong or Macau before "Peoples R China" counted as HK / MO);
        // 500 records, 500 with a country, 130 with two or more, 53 countries, 119 distinct pairs, 233 pair weight.
        var report = new IngestReport();
        var publications = ReadFixture(report);

        publications.Should().HaveCount(500);
        CountryTables.Totals(publications).Should().Be((500, 130, 53, 119, 233));
        report.RecordsRead.Should().Be(500);
        report.SkippedTotal.Should().Be(0);
        report.UnresolvedAffiliations.Should().BeEmpty();
    }

    [Fact]
    public void Read_Fixture500_ReadsIdsYearsDoisCitationsAndCategories()
    {
        var first = ReadFixture()[0];

        // Lines 3-99 of the file: PT J ... UT WOS:000401190100002, PY 2017, DI 10.1002/polb.24346, TC 0, WC Polymer Science.
        first.Id.Should().Be("WOS:000401190100002");
        first.Source.Should().Be(PublicationSource.WebOfScience);
        first.Year.Should().Be(2017);
        first.Doi.Should().Be("10.1002/polb.24346");
        first.Citations.Should().Be(0);
        first.Technologies.Should().Equal("Polymer Science");
        first.Position.Should().Be(new SourcePosition("savedrecs-500.txt", 3, 1));
    }

    [Fact]
    public void Read_PrefixedAddresses_LinkEachAuthorToTheirOwnAddresses()
    {
        // [Sun, Zhiwei; Russell, Thomas P.] Univ Massachusetts ... USA; [Russell, Thomas P.] Lawrence Berkeley ... USA;
        // [Russell, Thomas P.] Beijing Univ Chem Technol ... Peoples R China. RP Russell, TP (reprint author).
        var first = ReadFixture()[0];

        first.Authors.Select(a => a.Name).Should().Equal("Sun, Zhiwei", "Russell, Thomas P.");
        first.Authors[0].Affiliations.Select(a => a.Country.Code).Should().Equal("US");
        first.Authors[1].Affiliations.Select(a => a.Country.Code).Should().Equal("US", "US", "CN");
        first.Authors[1].Affiliations[2].InstitutionName.Should().Be("Beijing Univ Chem Technol");
        first.Authors[0].IsCorresponding.Should().BeFalse();
        first.Authors[1].IsCorresponding.Should().BeTrue();
    }

    [Fact]
    public void Read_UnprefixedAddressBesidePrefixedOnes_GoesToTheAuthorsWithoutAnAddress()
    {
        // WOS:000295972900017: "[Kurt, H.] Trinity Coll Dublin, Sch Phys, ..." and "Trinity Coll Dublin, CRANN, ..."
        // without a prefix; the other four authors are named in no prefix.
        var p = ReadFixture().Single(x => x.Id == "WOS:000295972900017");

        p.Authors.Should().HaveCount(5);
        p.Authors[0].Affiliations.Select(a => a.InstitutionName).Should().Equal("Trinity Coll Dublin");
        p.Authors[0].Affiliations.Single().Address.Should().Contain("Sch Phys");
        foreach (var author in p.Authors.Skip(1))
        {
            author.Affiliations.Single().Address.Should().Contain("CRANN");
        }
    }

    [Fact]
    public void Read_OldLayoutWithoutPrefixes_GivesEveryAuthorEveryAddressSoTheCountrySetIsExact()
    {
        var text = Header + """
            PT J
            AU Smith, J
               Meyer, K
            C1 Univ Michigan, Dept Phys, Ann Arbor, MI 48109 USA.
               Univ Bonn, Inst Phys, D-53115 Bonn, Germany.
            PY 2001
            UT WOS:000000000000001
            ER

            EF
            """;

        var p = ReadText(text).Single();

        p.Countries.Select(c => c.Code).Should().Equal("DE", "US");
        p.Authors.Should().HaveCount(2);
        foreach (var author in p.Authors)
        {
            author.Affiliations.Select(a => a.Country.Code).Should().Equal("US", "DE");
        }
    }

    [Fact]
    public void Read_NoC1ButReprintAddress_UsesItForTheCorrespondingAuthor()
    {
        var text = Header + """
            PT J
            AU Smith, J
               Meyer, K
            RP Meyer, K (corresponding author), Univ Bonn, Inst Phys, D-53115 Bonn, Germany.
            PY 2001
            UT WOS:000000000000002
            ER
            """;

        var p = ReadText(text).Single();

        p.Authors[0].Affiliations.Should().BeEmpty();
        p.Authors[1].IsCorresponding.Should().BeTrue();
        p.Authors[1].Affiliations.Single().Country.Code.Should().Be("DE");
    }

    [Fact]
    public void Read_OldReprintLineWithoutMarker_StillMarksTheCorrespondingAuthor()
    {
        var text = Header + """
            PT J
            AU Wu, L
               Chen, X
            C1 Univ Sci & Technol China, Dept Modern Mech, Hefei 230027, Anhui, Peoples R China.
            RP Chen, X, Univ Sci & Technol China, Dept Modern Mech, Hefei 230027, Anhui, Peoples R China.
            UT WOS:000000000000004
            ER
            """;

        var p = ReadText(text).Single();

        p.Authors.Select(a => a.IsCorresponding).Should().Equal(false, true);
        p.Authors.Should().OnlyContain(a => a.Affiliations.Single().Country == Country.China);
    }

    [Fact]
    public void Read_UnresolvedAddress_IsReportedWithItsTextAndCountAndAnAliasResolvesIt()
    {
        var text = Header + """
            PT J
            AU Smith, J
               Meyer, K
            C1 [Smith, J] Inst Atlantean Studies, Poseidonis, Atlantis.
               [Meyer, K] Inst Atlantean Studies, Poseidonis, Atlantis.
            UT WOS:000000000000003
            ER
            """;
        var report = new IngestReport();

        var p = ReadText(text, report: report).Single();

        p.Countries.Should().BeEmpty();
        report.UnresolvedAffiliations.Should().Equal(new UnresolvedAffiliation("Inst Atlantean Studies, Poseidonis, Atlantis", 2));

        var aliased = new WebOfScienceReader(CountryResolverOptions.Default.WithAlias("Atlantis", Country.Parse("GR")));
        var report2 = new IngestReport();
        ReadText(text, report: report2, reader: aliased).Single().Countries.Select(c => c.Code).Should().Equal("GR");
        report2.UnresolvedAffiliations.Should().BeEmpty();
    }

    [Fact]
    public void Read_TechnologyMapping_MapsCategoriesAndResearchAreas()
    {
        var options = ReadOptions.Default with
        {
            Technologies = TechnologyMapping.FromPairs(("Polymer Science", "Polymers"), ("Physics", "Physics")),
        };

        var publications = ReadFixture(options: options);

        publications[0].Technologies.Should().Equal("Polymers");
        publications[1].Technologies.Should().Equal("Physics"); // WC Materials Science, Multidisciplinary; Physics, Condensed Matter / SC ...; Physics
    }

    [Fact]
    public void Read_Progress_ReportsTheFinalRecordCount()
    {
        var progress = new ListProgress();
        ReadFixture(options: ReadOptions.Default with { Progress = progress, ProgressInterval = 100 });

        progress.Reports.Select(r => r.Records).Should().Equal(100, 200, 300, 400, 500, 500);
        progress.Reports[^1].Completed.Should().Be(new FileInfo(Fixtures.WosPlain500).Length);
    }

    [Fact]
    public void Read_UnterminatedRecordStrict_ThrowsNamingFileLineAndField()
    {
        var text = Header + "PT J\nAU Smith, J\nUT WOS:1\nPT J\nAU Meyer, K\nUT WOS:2\nER\n";

        var act = () => ReadText(text);

        var ex = act.Should().Throw<IngestException>().Which;
        ex.Position.File.Should().Be("test.txt");
        ex.Position.Line.Should().Be(3);
        ex.Field.Should().Be("ER");
        ex.Reason.Should().Be(SkipReason.Malformed);
        ex.Message.Should().Contain("test.txt, line 3, field ER");
    }

    [Fact]
    public void Read_UnterminatedRecordLenient_SkipsItCountsItAndReadsTheNext()
    {
        var text = Header + "PT J\nAU Smith, J\nUT WOS:1\nPT J\nAU Meyer, K\nUT WOS:2\nER\nPT J\nAU Last, L\nUT WOS:3\n";
        var report = new IngestReport();

        var publications = ReadText(text, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report);

        publications.Select(p => p.Id).Should().Equal("WOS:2");
        report.RecordsRead.Should().Be(3);
        report.Skipped.Should().BeEquivalentTo(new Dictionary<SkipReason, long> { [SkipReason.Malformed] = 1, [SkipReason.Truncated] = 1 });
        report.Issues.Select(i => i.Position.Line).Should().Equal(3, 10);
    }

    [Fact]
    public void Read_NonNumericYear_StrictThrowsAtThePyLineLenientSkips()
    {
        var text = Header + "PT J\nAU Smith, J\nPY 2O17\nUT WOS:1\nER\nPT J\nAU Meyer, K\nPY 2018\nUT WOS:2\nER\n";

        var ex = FluentActions.Invoking(() => ReadText(text)).Should().Throw<IngestException>().Which;
        ex.Position.Line.Should().Be(5);
        ex.Field.Should().Be("PY");
        ex.Reason.Should().Be(SkipReason.InvalidYear);
        ex.Message.Should().Contain("'2O17'");

        var report = new IngestReport();
        ReadText(text, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report).Select(p => p.Year).Should().Equal(2018);
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.InvalidYear] = 1 });
    }

    [Fact]
    public void Read_InvalidUtf8_StrictThrowsAtTheLineLenientSkipsTheRecordOnly()
    {
        var bytes = new List<byte>();
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(Header + "PT J\nAU Smith, J\nC1 [Smith, J] Univ "));
        bytes.AddRange([0xC3, 0x28, 0xFF]);
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(", Bonn, Germany.\nUT WOS:1\nER\nPT J\nAU Meyer, K\nC1 [Meyer, K] Univ Köln, Köln, Germany.\nUT WOS:2\nER\n"));

        var ex = FluentActions.Invoking(() => new WebOfScienceReader().Read(new MemoryStream([.. bytes]), "bad.txt").ToList())
            .Should().Throw<IngestException>().Which;
        ex.Reason.Should().Be(SkipReason.InvalidEncoding);
        ex.Position.Line.Should().Be(5);
        ex.Field.Should().Be("C1");

        var report = new IngestReport();
        var publications = new WebOfScienceReader().Read(new MemoryStream([.. bytes]), "bad.txt", ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report).ToList();
        publications.Select(p => p.Id).Should().Equal("WOS:2");
        publications[0].Authors[0].Affiliations[0].Address.Should().Be("Univ Köln, Köln, Germany");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.InvalidEncoding] = 1 });
    }

    [Fact]
    public void Read_NotAWosFile_FailsWithUnrecognisedFormat()
    {
        var ex = FluentActions.Invoking(() => ReadText("PT\tAU\tUT\nJ\tSmith, J\tWOS:1\n")).Should().Throw<IngestException>().Which;
        ex.Reason.Should().Be(SkipReason.UnrecognisedFormat);
        ex.Position.Line.Should().Be(1);
    }

    [Fact]
    public void Read_WithoutHeader_StartsAtTheFirstRecord()
    {
        var p = ReadText("PT J\nAU Smith, J\nC1 [Smith, J] Univ Oslo, Oslo, Norway.\nUT WOS:1\nER\n").Single();

        p.Countries.Select(c => c.Code).Should().Equal("NO");
        ReadText(string.Empty).Should().BeEmpty();
    }

    private sealed class ListProgress : IProgress<WorkProgress>
    {
        public List<WorkProgress> Reports { get; } = [];

        public void Report(WorkProgress value) => Reports.Add(value);
    }

    // ---- Records without PT, repeated headers, limits ----

    private const string Good2 = "PT J\nAU Smith, J\nC1 [Smith, J] Univ Paris, Paris, France.\nPY 2020\nUT WOS:2\nER\n";

    [Fact]
    public void Read_RecordWithoutPt_OneMalformedRecordNotOnePerLine()
    {
        var text = Header + "AU Doe, J\n   Roe, K\nC1 Univ Paris, Paris, France.\nPY 2020\nUT WOS:1\nER\n\n" + Good2 + "EF\n";
        var report = new IngestReport();

        var publications = ReadText(text, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report);

        publications.Select(p => p.Id).Should().Equal("WOS:2");
        report.RecordsRead.Should().Be(2);
        var issue = report.Issues.Should().ContainSingle().Subject;
        issue.Reason.Should().Be(SkipReason.Malformed);
        issue.Position.Line.Should().Be(3);
        issue.Message.Should().Contain("Lines 3-8").And.Contain("no PT line");
    }

    [Fact]
    public void Read_ConcatenatedExports_RepeatedHeaderRecognisedNotABadRecord()
    {
        var text = Header + Good2.Replace("WOS:2", "WOS:1", StringComparison.Ordinal) + "EF\n" + Header + Good2 + "EF\n";
        var report = new IngestReport();

        var publications = ReadText(text, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report);

        publications.Select(p => p.Id).Should().Equal("WOS:1", "WOS:2");
        report.SkippedTotal.Should().Be(0);
        report.RepeatedHeaderRows.Should().Be(1);
    }

    [Fact]
    public void Read_LineLongerThanTheFieldLimit_RecordTooLargeAndTheNextOneRead()
    {
        var text = Header + "PT J\nAU Doe, J\nAB " + new string('x', 5000) + "\nUT WOS:1\nER\n\n" + Good2 + "EF\n";
        var report = new IngestReport();
        var options = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, Limits = ReadLimits.Default with { MaxFieldBytes = 1000 } };

        var publications = ReadText(text, options, report);

        publications.Select(p => p.Id).Should().Equal("WOS:2");
        report.TooLarge.Should().Be(1);
        report.Issues.Single().Message.Should().Contain("MaxFieldBytes = 1,000 bytes");
    }

    [Fact]
    public void Read_MoreAuthorsThanTheLimit_TooLargeNamingTheField()
    {
        var text = Header + "PT J\nAU A, A\n   B, B\n   C, C\nUT WOS:1\nER\nEF\n";
        var options = ReadOptions.Default with { Limits = ReadLimits.Default with { MaxAuthors = 2 } };

        var act = () => ReadText(text, options);

        act.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.TooLarge && e.Field == "AU").WithMessage("*MaxAuthors = 2*");
    }

    [Fact]
    public void Read_Fixture500_EveryAuthorHasTheFullNameAndEveryRecordItsPosition()
    {
        var publications = ReadFixture();

        publications.Should().OnlyContain(p => p.Authors.All(a => !string.IsNullOrWhiteSpace(a.Name)));
        publications.Select(p => p.Position.Record).Should().Equal(Enumerable.Range(1, 500).Select(i => (long)i));
        publications.Should().OnlyContain(p => p.Position.Line > 0 && p.Position.File == "savedrecs-500.txt");
        publications.SelectMany(p => p.Authors).SelectMany(a => a.Affiliations).Should().OnlyContain(a => !string.IsNullOrEmpty(a.Address));
    }
}
