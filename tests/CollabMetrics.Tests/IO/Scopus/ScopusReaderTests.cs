using System.Text;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.IO.Scopus;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO.Scopus;

public class ScopusReaderTests
{
    private static List<Publication> ReadFixture(IngestReport? report = null)
    {
        using var stream = File.OpenRead(Fixtures.Scopus58);
        return [.. new ScopusReader().Read(stream, "scopus-58.csv", report: report)];
    }

    private static List<Publication> ReadText(string text, ReadOptions? options = null, IngestReport? report = null)
    {
        using var stream = CountryTables.Utf8(text);
        return [.. new ScopusReader().Read(stream, "test.csv", options, report)];
    }

    [Fact]
    public void Read_Fixture58_CountrySetsMatchTheCheckedTable()
    {
        var publications = ReadFixture();
        var table = CountryTables.Read(Fixtures.Scopus58Countries);
        table.Should().HaveCount(58);
        foreach (var (record, id, countries) in table)
        {
            var p = publications.Single(x => x.Position.Record == record);
            p.Id.Should().Be(id);
            p.Countries.Select(c => c.Code).Should().Equal(countries, "record {0} ({1})", record, id);
        }
    }

    [Fact]
    public void Read_Fixture58_TotalsMatchAnIndependentCount()
    {
        // From a Python script over the raw file's "Affiliations" column (entries split at "; ", last segment mapped
        // through a hand-written table of country words), which the reader does not use when "Authors with
        // affiliations" is present: 58 records, 49 with a country, 18 with two or more, 21 countries, 27 pairs (weight 33).
        var report = new IngestReport();
        var publications = ReadFixture(report);

        publications.Should().HaveCount(58);
        CountryTables.Totals(publications).Should().Be((49, 18, 21, 27, 33));
        report.RecordsRead.Should().Be(58);
        report.SkippedTotal.Should().Be(0);
        report.UnresolvedAffiliations.Should().BeEmpty();
    }

    [Fact]
    public void Read_RowsWithAnUnheadedFundingTextCell_ReadLaterColumnsFromTheEnd()
    {
        // Rows 3-58 of the file have 46 cells for 45 header columns (a second funding text). Row 3: EID
        // 2-s2.0-85123480963, Correspondence Address "Gutowska, K.; ..." and "Kogut, D.; ..." on two lines.
        var p = ReadFixture()[2];

        p.Id.Should().Be("2-s2.0-85123480963");
        p.Year.Should().Be(2022);
        p.Citations.Should().Be(3);
        p.Doi.Should().Be("10.1038/s41598-022-04849-0");
        p.Authors.Where(a => a.IsCorresponding).Select(a => a.Name).Should().Equal("Gutowska K.", "Kogut D.");
    }

    [Fact]
    public void Read_AuthorsWithAffiliations_SplitsEachAuthorsSeveralAffiliations()
    {
        var publications = ReadFixture();

        // Row 3: "Kardynska, M., Department of Biosensors ..., Zabrze, 41-800, Poland, Department of Systems Biology ..., Poland".
        var kardynska = publications[2].Authors.Single(a => a.Name == "Kardynska M.");
        kardynska.Id.Should().Be("55827692600");
        kardynska.Affiliations.Select(a => a.Address).Should().Equal(
            "Department of Biosensors and Processing of Biomedical Signals, Silesian University of Technology, Roosevelta 40, Zabrze, 41-800, Poland",
            "Department of Systems Biology and Engineering, Silesian University of Technology, Akademicka 16, Gliwice, 44-100, Poland");

        // Row 12: "Smith, L.B., MRC Centre for Reproductive Health, Edinburgh, United Kingdom, Faculty of Science, University of Newcastle, Callaghan, Australia".
        publications[11].Authors.Single(a => a.Name == "Smith L.B.").Affiliations.Select(a => a.Country.Code).Should().Equal("GB", "AU");

        // Row 41: "Sriram, K., Projet Contraintes, INRIA Rocquencourt, Le Chesnay, France, Institute of Collaborative Biotechnology, ..., Santa Barbara, CA, United States".
        publications[40].Authors.Single(a => a.Name == "Sriram K.").Affiliations.Select(a => a.Country.Code).Should().Equal("FR", "US");
    }

    [Fact]
    public void SplitAffiliations_WithoutTheAffiliationsList_CutsAfterEachCountry() =>
        ScopusReader.SplitAffiliations(
                "Dept A, Univ X, Le Chesnay, France, Dept B, Univ Y, Santa Barbara, CA, United States, Univ Z, Kowloon, Hong Kong, China",
                [],
                CountryResolver.Default)
            .Should().Equal("Dept A, Univ X, Le Chesnay, France", "Dept B, Univ Y, Santa Barbara, CA, United States", "Univ Z, Kowloon, Hong Kong, China");

    [Fact]
    public void Read_CurrentLayoutWithFullNames_TakesIdsFromTheFullNames()
    {
        const string text = "Authors,Author full names,Author(s) ID,Title,Year,DOI,Affiliations,Authors with affiliations,Correspondence Address,EID\n"
            + "\"Lee, H.; Park, S.\",\"Lee, Hana (111); Park, Sujin (222)\",\"111; 222\",T,2023,10.1/x,"
            + "\"Seoul National University, Seoul, South Korea; Academia Sinica, Taipei, Taiwan\","
            + "\"Lee, H., Seoul National University, Seoul, South Korea; Park, S., Academia Sinica, Taipei, Taiwan\","
            + "\"Park, S.; Academia Sinica, Taipei, Taiwan; email: x@y.tw\",2-s2.0-1\n";

        var p = ReadText(text).Single();

        p.Authors.Select(a => (a.Name, a.Id)).Should().Equal(("Lee, Hana", "111"), ("Park, Sujin", "222"));
        p.Authors.Select(a => a.IsCorresponding).Should().Equal(false, true);
        p.Countries.Select(c => c.Code).Should().Equal("KR", "TW");
    }

    [Fact]
    public void Read_OlderLayoutWithoutAuthorsWithAffiliations_GivesEveryAuthorEveryAffiliation()
    {
        const string text = "Authors,Title,Year,Affiliations,EID\n"
            + "\"Lee H., Park S.\",T,1999,\"Seoul National University, Seoul, South Korea; Lomonosov Moscow State University, Moscow, Russian Federation\",2-s2.0-2\n";

        var p = ReadText(text).Single();

        p.Countries.Select(c => c.Code).Should().Equal("KR", "RU");
        p.Authors.Should().HaveCount(2);
        p.Authors.Should().OnlyContain(a => a.Affiliations.Count == 2);
    }

    [Fact]
    public void Read_MissingRequiredColumns_StrictThrowsLenientCountsTheFile()
    {
        const string text = "Authors,Title,Year,DOI\n\"Lee H.\",T,1999,10.1/x\n";

        var ex = FluentActions.Invoking(() => ReadText(text)).Should().Throw<IngestException>().Which;
        ex.Field.Should().Be("EID");
        ex.Reason.Should().Be(SkipReason.MissingRequiredField);
        ex.Message.Should().Contain("test.csv, line 1, field EID");

        var report = new IngestReport();
        ReadText(text, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report).Should().BeEmpty();
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.MissingRequiredField] = 1 });
    }

    [Fact]
    public void Read_NonNumericYear_StrictThrowsLenientSkips()
    {
        const string text = "Authors,Year,Affiliations,EID\n\"Lee H.\",MMXX,\"SNU, Seoul, South Korea\",2-s2.0-1\n\"Park S.\",2020,\"SNU, Seoul, South Korea\",2-s2.0-2\n";

        var ex = FluentActions.Invoking(() => ReadText(text)).Should().Throw<IngestException>().Which;
        ex.Field.Should().Be("Year");
        ex.Reason.Should().Be(SkipReason.InvalidYear);
        ex.Position.Line.Should().Be(2);

        var report = new IngestReport();
        ReadText(text, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report).Select(p => p.Id).Should().Equal("2-s2.0-2");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.InvalidYear] = 1 });
    }

    [Fact]
    public void Read_InvalidUtf8_StrictNamesRecordAndColumnLenientSkipsTheRecord()
    {
        var bytes = Encoding.UTF8.GetBytes("Authors,Year,Affiliations,EID\n\"Lee H.\",2020,\"Univ \u0001, Seoul, South Korea\",2-s2.0-1\n\"Park S.\",2020,\"SNU, Seoul, South Korea\",2-s2.0-2\n");
        bytes[Array.IndexOf(bytes, (byte)1)] = 0xFF;

        var ex = FluentActions.Invoking(() => new ScopusReader().Read(new MemoryStream(bytes), "bad.csv").ToList())
            .Should().Throw<IngestException>().Which;
        ex.Reason.Should().Be(SkipReason.InvalidEncoding);
        ex.Field.Should().Be("Affiliations");
        ex.Position.Should().Be(new SourcePosition("bad.csv", 2, 1));

        var report = new IngestReport();
        new ScopusReader().Read(new MemoryStream(bytes), "bad.csv", ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report)
            .Select(p => p.Id).Should().Equal("2-s2.0-2");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.InvalidEncoding] = 1 });
    }

    // ---- Line ends, repeated headers, header encoding, author ids, limits ----

    [Fact]
    public void Read_Fixture58WithLoneCrLineEnds_SameRecordsAndCorrespondingAuthors()
    {
        var text = File.ReadAllText(Fixtures.Scopus58);
        var cr = text.ReplaceLineEndings("\r");

        var expected = ReadFixture();
        var actual = ReadText(cr);

        actual.Select(p => p.Id).Should().Equal(expected.Select(p => p.Id));
        actual.Select(p => p.Authors.Count(a => a.IsCorresponding)).Should().Equal(expected.Select(p => p.Authors.Count(a => a.IsCorresponding)));
        actual.Select(p => string.Join(' ', p.Countries)).Should().Equal(expected.Select(p => string.Join(' ', p.Countries)));
    }

    [Fact]
    public void Read_CorrespondenceAddressWithLoneCr_EveryCorrespondingAuthorMarked()
    {
        const string header = "Authors,Author(s) ID,Year,EID,Affiliations,Correspondence Address\n";
        var row = "\"Doe J., Roe K.\",\"1;2\",2020,\"2-s2.0-1\",\"Univ Paris, Paris, France\",\"Doe J.; Univ Paris, Paris, France; email: d@x\rRoe K.; Univ Paris, Paris, France; email: r@x\"\n";

        var publication = ReadText(header + row).Single();

        publication.Authors.Select(a => a.IsCorresponding).Should().Equal(true, true);
    }

    [Fact]
    public void Read_RepeatedHeaderRow_RecognisedNotABadYear()
    {
        const string header = "Authors,Author(s) ID,Year,EID,Affiliations\n";
        var text = header + "\"Doe J.\",\"1\",2020,\"2-s2.0-1\",\"Univ Paris, Paris, France\"\n" + header + "\"Roe K.\",\"2\",2021,\"2-s2.0-2\",\"Univ Rome, Rome, Italy\"\n";
        var report = new IngestReport();

        var publications = ReadText(text, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report);

        publications.Select(p => p.Id).Should().Equal("2-s2.0-1", "2-s2.0-2");
        report.SkippedTotal.Should().Be(0);
        report.RepeatedHeaderRows.Should().Be(1);
    }

    [Fact]
    public void Read_HeaderNameWithInvalidUtf8_StrictThrowsLenientWarnsAndIgnoresTheColumn()
    {
        var bytes = Encoding.UTF8.GetBytes("Authors,Author(s) ID,Year,EID,Affiliations,D@OI\n\"Doe J.\",\"1\",2020,\"2-s2.0-1\",\"Univ Paris, Paris, France\",10.1/x\n");
        bytes[Array.IndexOf(bytes, (byte)'@')] = 0xFF;
        var report = new IngestReport();

        var strict = () => new ScopusReader().Read(new MemoryStream(bytes), "bad.csv").ToList();
        var lenient = new ScopusReader().Read(new MemoryStream(bytes), "bad.csv", ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report).ToList();

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.InvalidEncoding).WithMessage("*not valid UTF-8*");
        lenient.Single().Doi.Should().BeNull();
        report.Warnings.Should().Be(1);
        report.Issues.Should().ContainSingle(i => i.Kind == IngestIssueKind.Warning).Which.Message.Should().Contain("not valid UTF-8");
    }

    [Fact]
    public void Read_AuthorFullNamesWithIds_NamesAndIdsFilled()
    {
        const string header = "Authors,Author full names,Author(s) ID,Year,EID,Affiliations\n";
        var row = "\"Doe J.; Roe K.\",\"Doe, John (57202138757); Roe, Kate (12345678)\",\"1;2\",2020,\"2-s2.0-1\",\"Univ Paris, Paris, France\"\n";

        var publication = ReadText(header + row).Single();

        publication.Authors.Select(a => (a.Name, a.Id)).Should().Equal(("Doe, John", "57202138757"), ("Roe, Kate", "12345678"));
    }

    [Fact]
    public void Read_MoreAuthorsThanTheLimit_TooLarge()
    {
        const string header = "Authors,Author(s) ID,Year,EID,Affiliations\n";
        var row = "\"A A.; B B.; C C.\",\"1;2;3\",2020,\"2-s2.0-1\",\"Univ Paris, Paris, France\"\n";
        var options = ReadOptions.Default with { Limits = ReadLimits.Default with { MaxAuthors = 2 } };

        var act = () => ReadText(header + row, options);

        act.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.TooLarge).WithMessage("*MaxAuthors = 2*");
    }
}
