using System.Text;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests.IO.Csv;

public class CollabMetricsCsvReaderTests
{
    private const string Header = "publication_id,year,author_position,author_id,institution_id,institution_name,country,technologies,citations";
    private static readonly ReadOptions Lenient = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };

    [Fact]
    public void Read_TidyRows_GroupsThemIntoPublicationsAndAuthors()
    {
        var csv = Lines(
            Header,
            "W1,2020,1,A1,I1,Uni One,FR,AI;Robotics,5",
            "W1,2020,1,A1,I2,Uni Two,DE,AI;Robotics,5",
            "W1,2020,2,A2,,,,AI;Robotics,5",
            "W1,2020,3,A3,,,US,AI;Robotics,5",
            "W2,2021,1,,,,,,");

        var publications = Read(csv);

        publications.Should().HaveCount(2);
        var w1 = publications[0];
        w1.Should().BeEquivalentTo(new Publication
        {
            Id = "W1",
            Source = PublicationSource.CollabMetricsCsv,
            Position = new SourcePosition("test.csv", 2, 1),
            Year = 2020,
            Citations = 5,
            Technologies = ["AI", "Robotics"],
            Authors =
            [
                new Author
                {
                    Id = "A1",
                    Affiliations =
                    [
                        new Affiliation { InstitutionId = "I1", InstitutionName = "Uni One", Country = Country.Parse("FR") },
                        new Affiliation { InstitutionId = "I2", InstitutionName = "Uni Two", Country = Country.Parse("DE") },
                    ],
                },
                new Author { Id = "A2" },
                new Author { Id = "A3", Affiliations = [new Affiliation { Country = Country.UnitedStates }] },
            ],
        });
        publications[1].Should().Match<Publication>(p => p.Id == "W2" && p.Year == 2021 && p.Citations == null && p.Authors.Count == 1 && p.Authors[0].Affiliations.Count == 0);
        publications[1].Position.Should().Be(new SourcePosition("test.csv", 6, 2));
    }

    [Fact]
    public void Read_OnlyRequiredColumnsInAnyOrderAndCase_Reads()
    {
        var csv = Lines("Country,Author_Position,YEAR,publication_id", "CN,1,2019,P1", "US,2,2019,P1");

        var publication = Read(csv).Single();

        publication.Countries.Select(c => c.Code).Should().Equal("CN", "US");
        publication.Authors.Should().HaveCount(2);
    }

    [Fact]
    public void Read_Utf8ByteOrderMarkAndCrLf_AreAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("publication_id,year,author_position,country\r\nP1,2019,1,CN\r\nP1,2019,2,US\r\n")).ToArray();

        var publication = new CollabMetricsCsvReader().Read(new MemoryStream(bytes)).Single();

        publication.Id.Should().Be("P1");
        publication.Countries.Select(c => c.Code).Should().Equal("CN", "US");
    }

    [Fact]
    public void Read_RowsOfAnAuthorOutOfOrder_OrdersAuthorsByPosition()
    {
        var csv = Lines(Header, "W1,2020,2,A2,,,JP,,", "W1,2020,1,A1,,,KR,,");

        Read(csv).Single().Authors.Select(a => a.Id).Should().Equal("A1", "A2");
    }

    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndLineBreaks_AreUnquoted()
    {
        var csv = Lines(Header, "W1,2020,1,A1,I1,\"Univ, \"\"Big\"\"\nCampus\",FR,,");

        Read(csv).Single().Authors[0].Affiliations[0].InstitutionName.Should().Be("Univ, \"Big\"\nCampus");
    }

    // ---- Errors: strict throws with line and field, lenient skips the publication and counts ----

    public static TheoryData<string, string, SkipReason, string?> BadRows => new()
    {
        { "non-numeric year", "W2,20x0,1,A,,,FR,,", SkipReason.InvalidYear, "year" },
        { "unknown country code", "W2,2020,1,A,,,ZZ,,", SkipReason.UnknownCountryCode, "country" },
        { "bad author position", "W2,2020,first,A,,,FR,,", SkipReason.InvalidNumber, "author_position" },
        { "bad citations", "W2,2020,1,A,,,FR,,-3", SkipReason.InvalidNumber, "citations" },
        { "too many fields", "W2,2020,1,A,,,FR,,,extra", SkipReason.Malformed, null },
        { "stray quote", "W2,2020,1,A,,Uni \"x\" y,FR,,", SkipReason.Malformed, null },
        { "missing publication id", ",2020,1,A,,,FR,,", SkipReason.MissingRequiredField, "publication_id" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void Read_BadRowStrict_ThrowsWithLineAndField(string name, string row, SkipReason reason, string? field)
    {
        var csv = Lines(Header, "W1,2020,1,A,,,FR,,", row, "W3,2020,1,A,,,FR,,");

        var act = () => Read(csv);

        var ex = act.Should().Throw<IngestException>().Which;
        ex.Reason.Should().Be(reason, name);
        ex.Field.Should().Be(field);
        ex.Position.Should().Be(new SourcePosition("test.csv", 3, 2));
        ex.Message.Should().StartWith("test.csv, line 3");
    }

    [Theory]
    [MemberData(nameof(BadRows))]
    public void Read_BadRowLenient_SkipsThePublicationAndCounts(string name, string row, SkipReason reason, string? field)
    {
        var csv = Lines(Header, "W1,2020,1,A,,,FR,,", row, "W2,2020,2,B,,,DE,,", "W3,2020,1,A,,,FR,,");
        var report = new IngestReport();

        var publications = Read(csv, Lenient, report);

        // A row without an id is a record of its own; any other bad row takes its whole publication down.
        string[] expected = field == "publication_id" ? ["W1", "W2", "W3"] : ["W1", "W3"];
        publications.Select(p => p.Id).Should().Equal(expected, name);
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [reason] = 1 });
        report.Issues.Should().ContainSingle().Which.Field.Should().Be(field);
    }

    [Fact]
    public void Read_SourceGivenAsANumberOrAListOfNames_RejectedAsMalformed()
    {
        // Only a source's name is a source (either case, spaces around it ignored): not the number behind it, nor
        // names joined by commas, which an enum parser reads as their values OR'ed together (OpenAlex|WebOfScience = Scopus).
        var csv = Lines(
            "publication_id,source,year,author_position,country",
            "W1,2,2020,1,FR",
            "W2,\"OpenAlex,WebOfScience\",2020,1,FR",
            "W3,\" scopus \",2020,1,FR",
            "W4,OPENALEX,2020,1,FR");
        var report = new IngestReport();

        var publications = Read(csv, Lenient, report);

        publications.Select(p => (p.Id, p.Source)).Should().Equal(("W3", PublicationSource.Scopus), ("W4", PublicationSource.OpenAlex));
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.Malformed] = 2 });
        report.Issues.Select(i => (i.Position.Line, i.Field)).Should().Equal((2L, "source"), (3L, "source"));
    }

    [Fact]
    public void Read_MissingRequiredColumn_StrictThrowsLenientRejectsTheFile()
    {
        var csv = Lines("publication_id,year,author_position,institution_id", "W1,2020,1,I1");
        var report = new IngestReport();

        var strict = () => Read(csv);
        var lenient = Read(csv, Lenient, report);

        strict.Should().Throw<IngestException>()
            .Where(e => e.Reason == SkipReason.MissingRequiredField && e.Field == "country" && e.Position.Line == 1)
            .WithMessage("*no 'country' column*");
        lenient.Should().BeEmpty();
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.MissingRequiredField] = 1 });
    }

    [Fact]
    public void Read_InvalidUtf8_StrictThrowsLenientSkips()
    {
        var bytes = Encoding.UTF8.GetBytes(Lines(Header, "W1,2020,1,A,,Uni,FR,,", "W2,2020,1,A,,Uni@,FR,,", "W3,2020,1,A,,Uni,FR,,"));
        bytes[Array.IndexOf(bytes, (byte)'@')] = 0xC3;
        var report = new IngestReport();

        var strict = () => new CollabMetricsCsvReader().Read(new MemoryStream(bytes), "bad.csv").ToList();
        var lenient = new CollabMetricsCsvReader().Read(new MemoryStream(bytes), "bad.csv", Lenient, report).ToList();

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.InvalidEncoding && e.Field == "institution_name" && e.Position.Line == 3);
        lenient.Select(p => p.Id).Should().Equal("W1", "W3");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.InvalidEncoding] = 1 });
    }

    [Theory]
    [InlineData("W2,2020,1,A,I9,\"Uni")]
    [InlineData("W2,2020,1,A,I9")]
    public void Read_TruncatedFile_IsReportedAsTruncated(string lastRow)
    {
        var csv = Lines(Header, "W1,2020,1,A,,,FR,,") + lastRow;
        var report = new IngestReport();

        var strict = () => Read(csv);
        var lenient = Read(csv, Lenient, report);

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Truncated && e.Position.Line == 3);
        lenient.Select(p => p.Id).Should().Equal("W1");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.Truncated] = 1 });
    }

    [Fact]
    public void Read_RowsOfOnePublicationDisagreeOnTheYear_IsInconsistent()
    {
        var csv = Lines(Header, "W1,2020,1,A,,,FR,,", "W1,2021,2,B,,,DE,,");

        var act = () => Read(csv);

        act.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Inconsistent && e.Field == "year" && e.Position.Line == 3);
    }

    [Fact]
    public void Read_NonContiguousRowsWithContiguousGrouping_StrictThrowsLenientSkipsTheLaterRows()
    {
        var csv = Lines(Header, "W1,2020,1,A,,,FR,,", "W2,2020,1,B,,,DE,,", "W1,2020,2,C,,,US,,");
        var report = new IngestReport();

        var strict = () => Read(csv);
        var lenient = Read(csv, Lenient, report);

        strict.Should().Throw<IngestException>()
            .Where(e => e.Reason == SkipReason.Inconsistent && e.Field == "publication_id" && e.Position.Line == 4)
            .WithMessage("*CsvGrouping.InMemory*");
        lenient.Select(p => p.Id).Should().Equal("W1", "W2");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.Inconsistent] = 1 });
    }

    [Fact]
    public void Read_NonContiguousRowsWithInMemoryGrouping_GroupsAllRowsInOrderOfFirstAppearance()
    {
        var csv = Lines(Header, "W1,2020,1,A,,,FR,,", "W2,2020,1,B,,,DE,,", "W1,2020,2,C,,,US,,");

        var publications = new CollabMetricsCsvReader(CsvGrouping.InMemory).Read(Stream(csv), "test.csv").ToList();

        publications.Select(p => p.Id).Should().Equal("W1", "W2");
        publications[0].Countries.Select(c => c.Code).Should().Equal("FR", "US");
        publications[0].Authors.Select(a => a.Id).Should().Equal("A", "C");
    }

    [Fact]
    public void Read_EmptyFile_IsAnError()
    {
        var act = () => Read(string.Empty);

        act.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Malformed).WithMessage("*empty*");
    }

    [Fact]
    public void Read_WithProgress_ReportsPublicationsRead()
    {
        var rows = Enumerable.Range(1, 7).SelectMany(i => new[] { $"W{i},2020,1,A,,,FR,,", $"W{i},2020,2,B,,,DE,," });
        var progress = new RecordingProgress<WorkProgress>();
        var stream = Stream(Lines([Header, .. rows]));

        var publications = new CollabMetricsCsvReader().Read(stream, "p.csv", ReadOptions.Default with { Progress = progress, ProgressInterval = 2 }).ToList();

        publications.Should().HaveCount(7);
        progress.Reports.Select(r => r.Records).Should().Equal(2, 4, 6, 7);
        progress.Reports[^1].Completed.Should().Be(stream.Length);
    }

    [Fact]
    public void Read_Cancelled_StopsWithOperationCanceled()
    {
        var rows = Enumerable.Range(1, 10).Select(i => $"W{i},2020,1,A,,,FR,,");
        using var cts = new CancellationTokenSource();
        int seen = 0;

        var act = () =>
        {
            foreach (var unused in new CollabMetricsCsvReader().Read(Stream(Lines([Header, .. rows])), cancellationToken: cts.Token))
            {
                if (++seen == 3)
                {
                    cts.Cancel();
                }
            }
        };

        act.Should().Throw<OperationCanceledException>();
        seen.Should().Be(3);
    }

    [Fact]
    public void Constructor_UndefinedGrouping_Throws()
    {
        var act = () => new CollabMetricsCsvReader((CsvGrouping)7);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private const string DocumentHeader = "publication_id,year,author_position,country,document_type,retracted,paratext,authors_truncated";

    [Fact]
    public void Read_DocumentColumnsWrittenDifferentlyOnLaterRows_AgreeByValue()
    {
        var csv = Lines(
            DocumentHeader,
            "W1,2020,1,FR,article,true,false,0",
            "W1,2020,2,DE, article ,TRUE,0,false",
            "W1,2020,3,IT,article,yes,no,",
            "W1,2020,4,ES,,,,");

        var publication = Read(csv).Single();

        publication.Authors.Should().HaveCount(4);
        publication.DocumentType.Should().Be(DocumentType.Article);
        publication.IsRetracted.Should().BeTrue();
        publication.IsParatext.Should().BeFalse();
        publication.AuthorsTruncated.Should().BeFalse();
    }

    [Theory]
    [InlineData("W1,2020,2,DE,review,true,false,false", "document_type")]
    [InlineData("W1,2020,2,DE,article,false,false,false", "retracted")]
    [InlineData("W1,2020,2,DE,article,true,1,false", "paratext")]
    [InlineData("W1,2020,2,DE,article,true,false,true", "authors_truncated")]
    [InlineData("W1,2021,2,DE,article,true,false,false", "year")]
    public void Read_DocumentColumnsDisagreeingOnALaterRow_InconsistentNamingTheColumn(string second, string field)
    {
        var csv = Lines(DocumentHeader, "W1,2020,1,FR,article,true,false,false", second, "W1,2020,3,IT,article,true,false,false", "W2,2020,1,FR,,,,");
        var report = new IngestReport();

        var strict = () => Read(csv);
        var lenient = Read(csv, Lenient, report);

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Inconsistent && e.Field == field && e.Position.Line == 3);
        lenient.Select(p => p.Id).Should().Equal("W2");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.Inconsistent] = 1 });
    }

    [Fact]
    public void Read_AdjacentPublicationFieldsSplitDifferentlyOnALaterRow_InconsistentNamingTheColumn()
    {
        const string header = "publication_id,doi,technologies,year,author_position,country";
        var csv = Lines(header, "W1,\"10.1/a,b\",c,2020,1,FR", "W1,10.1/a,\"b,c\",2020,2,DE", "W2,10.1/d,x,2020,1,FR");
        var report = new IngestReport();

        var strict = () => Read(csv);
        var lenient = Read(csv, Lenient, report);

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Inconsistent && e.Field == "doi" && e.Position.Line == 3);
        lenient.Select(p => p.Id).Should().Equal("W2");
    }

    [Fact]
    public void Read_LaterRowGivesAValueTheFirstLeftEmptyThenAnotherRowDisagrees_Inconsistent()
    {
        var csv = Lines(DocumentHeader, "W1,,1,FR,,,,", "W1,2020,2,DE,article,,,", "W1,2020,3,IT,article,,,", "W1,2021,4,IT,article,,,");

        var act = () => Read(csv);

        act.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Inconsistent && e.Field == "year" && e.Position.Line == 5);
    }

    [Fact]
    public void Read_RowsRepeatingOrLeavingEmptyThePublicationValues_MatchAModelOfTheAgreementRule()
    {
        string[] doi = ["", "10.1/a", "\"10.1/a\"", "10.1/b", "\"10.1/a,b\""];
        string?[] doiValue = [null, "10.1/a", "10.1/a", "10.1/b", "10.1/a,b"];
        string[] technology = ["", "x", "\"x\"", "y", "\"a,\"\"b\"\"\""];
        string?[] technologyValue = [null, "x", "x", "y", "a,\"b\""];
        string[] year = ["", "2020", "\"2020\"", "2021"];
        int?[] yearValue = [null, 2020, 2020, 2021];
        string[] citations = ["", "3", "4"];
        int?[] citationsValue = [null, 3, 4];
        var rows = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 4], Gen.Int[0, 3], Gen.Int[0, 2]).Array[1, 6];
        rows.Array[1, 12].Sample(publications =>
        {
            var lines = new List<string> { "publication_id,doi,technologies,year,citations,author_position,country" };
            var expected = new List<(string Id, string? Doi, string? Technology, int? Year, int? Citations)>();
            for (int k = 0; k < publications.Length; k++)
            {
                var publication = publications[k];
                for (int r = 0; r < publication.Length; r++)
                {
                    var (d, t, y, c) = publication[r];
                    lines.Add($"P{k},{doi[d]},{technology[t]},{year[y]},{citations[c]},{r + 1},FR");
                }

                if (One(publication.Select(x => doiValue[x.Item1]), out var dv) && One(publication.Select(x => technologyValue[x.Item2]), out var tv)
                    && One(publication.Select(x => yearValue[x.Item3]), out var yv) && One(publication.Select(x => citationsValue[x.Item4]), out var cv))
                {
                    expected.Add(($"P{k}", dv, tv, yv, cv));
                }
            }

            var report = new IngestReport();
            var read = Read(Lines([.. lines]), Lenient, report);

            read.Select(p => (p.Id, p.Doi, p.Technologies.Count == 0 ? null : p.Technologies.Single(), p.Year, p.Citations)).Should().Equal(expected);
            report.Skipped.GetValueOrDefault(SkipReason.Inconsistent).Should().Be(publications.Length - expected.Count);
        });

        static bool One<T>(IEnumerable<T?> values, out T? value)
        {
            var given = values.Where(v => v is not null).Distinct().ToList();
            value = given.Count == 1 ? given[0] : default;
            return given.Count <= 1;
        }
    }

    [Theory]
    [InlineData("FR", "FR")]
    [InlineData("fr", "FR")]
    [InlineData(" fr\t", "FR")]
    [InlineData("  ", "")]
    [InlineData(" \t ", "")]
    public void Read_CountryCodeWithCaseAndSpaces_ReadAsTheCode(string code, string expected)
    {
        var csv = Lines("publication_id,year,author_position,country", $"W1,2020,1,{code}");

        var publication = Read(csv).Single();

        publication.Authors[0].Affiliations.Select(a => a.Country.Code).Should().Equal(expected.Length == 0 ? [] : [expected]);
    }

    [Theory]
    [InlineData("F R")]
    [InlineData("F")]
    [InlineData("FRA")]
    [InlineData("\u00c9S")]
    [InlineData("Z1")]
    [InlineData("@R")]
    public void Read_CountryNotATwoLetterCode_UnknownCountryCodeNamingTheField(string code)
    {
        var csv = Lines("publication_id,year,author_position,country", "W1,2020,1,FR", $"W2,2020,1,{code}", "W3,2020,1,DE");
        var report = new IngestReport();

        var lenient = Read(csv, Lenient, report);

        lenient.Select(p => p.Id).Should().Equal("W1", "W3");
        report.Issues.Should().ContainSingle().Which.Should().Match<IngestIssue>(i => i.Field == "country" && i.Position.Line == 3 && i.Message.Contains($"'{code}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_InvalidUtf8RowAmongRowsWithValidNonAsciiText_OnlyThatRowRejected()
    {
        var bytes = Encoding.UTF8.GetBytes(Lines(Header, "W1,2020,1,A,,Universit\u00e9,FR,,", "W2,2020,1,A,,Uni@,FR,,", "W3,2020,1,A,,G\u00f6ttingen,DE,,", "W4,2020,1,A,,Uni,FR,,"));
        bytes[Array.IndexOf(bytes, (byte)'@')] = 0xE9;
        var report = new IngestReport();

        var lenient = new CollabMetricsCsvReader().Read(new MemoryStream(bytes), "bad.csv", Lenient, report).ToList();

        lenient.Select(p => p.Id).Should().Equal("W1", "W3", "W4");
        lenient.Select(p => p.Authors[0].Affiliations[0].InstitutionName).Should().Equal("Universit\u00e9", "G\u00f6ttingen", "Uni");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.InvalidEncoding] = 1 });
        report.Issues.Should().ContainSingle().Which.Should().Match<IngestIssue>(i => i.Field == "institution_name" && i.Position.Line == 3);
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    private static List<Publication> Read(string csv, ReadOptions? options = null, IngestReport? report = null) =>
        [.. new CollabMetricsCsvReader().Read(Stream(csv), "test.csv", options, report)];

    // ---- Header checks, repeated headers, limits ----

    [Fact]
    public void Read_MisspelledOptionalColumn_WarnedWithTheClosestColumn()
    {
        var report = new IngestReport();

        var publications = Read(Lines("publication_id,year,author_position,country,instituton_id,extra", "P1,2020,1,FR,I1,x"), report: report);

        publications.Single().Authors[0].Affiliations[0].InstitutionId.Should().BeNull();
        report.UnknownColumns.Should().Equal("test.csv: instituton_id", "test.csv: extra");
        report.Issues.Select(i => i.Message).Should().Contain(m => m.Contains("did you mean 'institution_id'", StringComparison.Ordinal));
        report.Warnings.Should().Be(2);
    }

    [Fact]
    public void Read_HeaderNameWithInvalidUtf8_StrictThrowsLenientWarns()
    {
        var bytes = Encoding.UTF8.GetBytes(Lines("publication_id,year,author_position,country,institution@id", "P1,2020,1,FR,I1"));
        bytes[Array.IndexOf(bytes, (byte)'@')] = 0xFF;
        var report = new IngestReport();

        var strict = () => new CollabMetricsCsvReader().Read(new MemoryStream(bytes), "bad.csv").ToList();
        var lenient = new CollabMetricsCsvReader().Read(new MemoryStream(bytes), "bad.csv", Lenient, report).ToList();

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.InvalidEncoding && e.Field != null);
        lenient.Should().ContainSingle();
        report.Issues.Should().ContainSingle(i => i.Kind == IngestIssueKind.Warning).Which.Message.Should().Contain("not valid UTF-8");
    }

    [Fact]
    public void Read_RepeatedHeaderRow_RecognisedNotABadYear()
    {
        var report = new IngestReport();

        var publications = Read(Lines("publication_id,year,author_position,country", "P1,2020,1,FR", "publication_id,year,author_position,country", "P2,2021,1,DE"), Lenient, report);

        publications.Select(p => p.Id).Should().Equal("P1", "P2");
        report.SkippedTotal.Should().Be(0);
        report.RepeatedHeaderRows.Should().Be(1);
    }

    [Fact]
    public void Read_PublicationWithMoreRowsThanTheLimit_TooLargeAndTheNextRead()
    {
        var rows = Enumerable.Range(1, 6).Select(i => $"P1,2020,{i},FR").Append("P2,2021,1,DE");
        var report = new IngestReport();
        var options = Lenient with { Limits = ReadLimits.Default with { MaxAffiliations = 5 } };

        var publications = Read(Lines(["publication_id,year,author_position,country", .. rows]), options, report);

        publications.Select(p => p.Id).Should().Equal("P2");
        report.TooLarge.Should().Be(1);
        report.Issues.Single().Message.Should().Contain("MaxAffiliations = 5");
    }

    [Fact]
    public void Read_GroupingFromReadOptions_InMemoryReadsScatteredRows()
    {
        var csv = Lines("publication_id,year,author_position,country", "P1,2020,1,FR", "P2,2021,1,DE", "P1,2020,2,IT");

        var publications = Read(csv, ReadOptions.Default with { CsvGrouping = CsvGrouping.InMemory });

        publications.Select(p => p.Id).Should().Equal("P1", "P2");
        publications[0].Countries.Select(c => c.Code).Should().Equal("FR", "IT");
    }
}
