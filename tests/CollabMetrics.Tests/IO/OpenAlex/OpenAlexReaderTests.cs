using System.Text;
using System.Text.Json;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO.OpenAlex;

public class OpenAlexReaderTests
{
    private static readonly ReadOptions Lenient = ReadOptions.Default with { ErrorMode = ErrorMode.Lenient };

    // ---- The works-50 fixture (facts from Fixtures/SOURCES.md, recomputed independently here) ----

    [Fact]
    public void Read_Works50_EveryWorksCountriesEqualTheUnionOfItsAuthorshipCountries()
    {
        var publications = ReadFixture();
        using var document = JsonDocument.Parse(File.ReadAllBytes(Fixtures.OpenAlexWorks50));
        var works = document.RootElement.EnumerateArray().ToList();

        publications.Should().HaveCount(50);
        for (int i = 0; i < works.Count; i++)
        {
            var expected = works[i].GetProperty("authorships").EnumerateArray()
                .SelectMany(a => a.GetProperty("countries").EnumerateArray().Select(c => c.GetString()!))
                .ToHashSet();
            publications[i].Id.Should().Be(works[i].GetProperty("id").GetString());
            publications[i].Countries.Select(c => c.Code).Should().BeEquivalentTo(expected, $"work {i} ({publications[i].Id})");
        }
    }

    [Fact]
    public void Read_Works50_HasTheCollaborationFactsOfTheFixture()
    {
        var publications = ReadFixture();

        var countrySets = publications.Select(p => p.Countries.Select(c => c.Code).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList()).ToList();
        var pairs = new Dictionary<(string, string), int>();
        foreach (var set in countrySets)
        {
            for (int a = 0; a < set.Count; a++)
            {
                for (int b = a + 1; b < set.Count; b++)
                {
                    pairs[(set[a], set[b])] = pairs.GetValueOrDefault((set[a], set[b])) + 1;
                }
            }
        }

        countrySets.Count(s => s.Count >= 2).Should().Be(21);
        countrySets.SelectMany(s => s).Distinct().Should().HaveCount(37);
        pairs.Should().HaveCount(101);
        pairs.Values.Sum().Should().Be(113);
    }

    [Fact]
    public void Read_Works50_MapsIdentifiersYearCitationsAndAuthorsInOrder()
    {
        var publications = ReadFixture();
        using var document = JsonDocument.Parse(File.ReadAllBytes(Fixtures.OpenAlexWorks50));
        var works = document.RootElement.EnumerateArray().ToList();

        for (int i = 0; i < works.Count; i++)
        {
            var work = works[i];
            var publication = publications[i];
            publication.Source.Should().Be(PublicationSource.OpenAlex);
            publication.Year.Should().Be(work.GetProperty("publication_year").GetInt32());
            publication.Citations.Should().Be(work.GetProperty("cited_by_count").GetInt32());
            var doi = work.GetProperty("doi").GetString();
            publication.Doi.Should().Be(doi is null ? null : doi.Replace("https://doi.org/", string.Empty, StringComparison.Ordinal).ToLowerInvariant());
            var authorships = work.GetProperty("authorships").EnumerateArray().ToList();
            publication.Authors.Should().HaveCount(authorships.Count);
            for (int a = 0; a < authorships.Count; a++)
            {
                var author = authorships[a].GetProperty("author");
                publication.Authors[a].Id.Should().Be(author.GetProperty("id").GetString());
                publication.Authors[a].Name.Should().Be(author.GetProperty("display_name").GetString());
                publication.Authors[a].IsCorresponding.Should().Be(authorships[a].GetProperty("is_corresponding").GetBoolean());
                var institutionIds = authorships[a].GetProperty("institutions").EnumerateArray().Select(x => x.GetProperty("id").GetString()).ToList();
                publication.Authors[a].Affiliations.Where(f => f.InstitutionId is not null).Select(f => f.InstitutionId).Should().Equal(institutionIds);
            }
        }

        publications.Max(p => p.Authors.Count).Should().Be(100, "one work of the fixture has 100 authorships (the API cap)");
    }

    [Fact]
    public void Read_Works50_DefaultTechnologyIsThePrimaryTopicsField()
    {
        var publications = ReadFixture();
        using var document = JsonDocument.Parse(File.ReadAllBytes(Fixtures.OpenAlexWorks50));
        var works = document.RootElement.EnumerateArray().ToList();

        for (int i = 0; i < works.Count; i++)
        {
            var primary = works[i].GetProperty("primary_topic");
            string[] expected = primary.ValueKind == JsonValueKind.Object ? [primary.GetProperty("field").GetProperty("display_name").GetString()!] : [];
            publications[i].Technologies.Should().Equal(expected);
        }
    }

    // ---- Input shapes ----

    [Fact]
    public void Read_ApiResponse_ReadsTheResultsAndIgnoresMeta()
    {
        var json = $$"""{"meta":{"count":2,"db_response_time_ms":10,"page":1,"per_page":25,"groups_count":null},"results":[{{Work("W1")}},{{Work("W2")}}],"group_by":[]}""";

        var publications = Read(json);

        publications.Select(p => p.Id).Should().Equal("W1", "W2");
        publications[1].Position.Should().Be(new SourcePosition(null, 0, 2));
    }

    [Fact]
    public void Read_ApiResponseWithResultsBeforeMeta_ReadsTheResults()
    {
        var json = $$"""
            {
              "results": [
                {{Work("W1")}}
              ],
              "meta": {"count": 1}
            }
            """;

        Read(json).Select(p => p.Id).Should().Equal("W1");
    }

    [Fact]
    public void Read_Array_PositionsAreRecordNumbers()
    {
        var json = $"[\n{Work("W1")},\n{Work("W2")}\n]";

        var publications = Read(json);

        publications.Select(p => p.Position).Should().Equal(new SourcePosition(null, 0, 1), new SourcePosition(null, 0, 2));
    }

    [Fact]
    public void Read_JsonLines_ReadsOneWorkPerLineWithLineNumbers()
    {
        var jsonl = $"{Work("W1")}\n\n{Work("W2")}\r\n{Work("W3")}";

        var publications = Read(jsonl, "works.txt");

        publications.Select(p => p.Id).Should().Equal("W1", "W2", "W3");
        publications.Select(p => p.Position.Line).Should().Equal(1, 3, 4);
        publications[2].Position.Should().Be(new SourcePosition("works.txt", 4, 3));
    }

    [Fact]
    public void Read_PrettyPrintedObjectsOneAfterAnother_AreReadWithTheLineTheyStartOn()
    {
        var json = "{\n  \"id\": \"W1\",\n  \"publication_year\": 2020\n}\n{\n  \"id\": \"W2\",\n  \"publication_year\": 2021\n}\n";

        var publications = Read(json, "pretty.json");

        publications.Select(p => (p.Id, p.Year, p.Position.Line)).Should().Equal(("W1", 2020, 1L), ("W2", 2021, 5L));
    }

    [Fact]
    public void Read_SeveralApiResponsesOneAfterAnother_ReadsEveryPage()
    {
        var json = $$"""
            {"meta":{"page":1},"results":[{{Work("W1")}},{{Work("W2")}}]}
            {"meta":{"page":2},"results":[{{Work("W3")}}]}
            """;

        Read(json).Select(p => p.Id).Should().Equal("W1", "W2", "W3");
    }

    [Fact]
    public void Read_EscapedQuotesAndBracketsInStrings_DoNotConfuseTheSplitter()
    {
        var tricky = ",\"title\":\"a \\\"quoted\\\" [x] {y} \\\\\"";
        var json = $"[{Work("W1", extra: tricky)},{Work("W2")}]";

        Read(json).Select(p => p.Id).Should().Equal("W1", "W2");
    }

    [Fact]
    public void Read_Utf8ByteOrderMark_IsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"[{Work("W1")}]")).ToArray();

        new OpenAlexReader().Read(new MemoryStream(bytes)).Select(p => p.Id).Should().Equal("W1");
    }

    [Fact]
    public void Read_WorkLargerThanTheReadBuffer_IsReadWhole()
    {
        var many = string.Join(",", Enumerable.Range(0, 2000).Select(i => Authorship($"[\"{(i % 2 == 0 ? "FR" : "DE")}\"]")));
        var json = $"[{Work("W1", authorships: $"[{many}]")},{Work("W2")}]";

        var publications = Read(json);

        publications[0].Authors.Should().HaveCount(2000);
        publications[0].Countries.Select(c => c.Code).Should().Equal("DE", "FR");
        publications[1].Id.Should().Be("W2");
    }

    [Fact]
    public void Read_JsonLinesWithLinesLongerThanTheReadBuffer_ReadsEveryLine()
    {
        var many = string.Join(",", Enumerable.Range(0, 1500).Select(i => Authorship($"[\"{(i % 3 == 0 ? "BR" : "AR")}\"]")));
        var jsonl = $"{Work("W1", authorships: $"[{many}]")}\n{Work("W2")}\n{Work("W3", authorships: $"[{many}]")}\n";

        var publications = Read(jsonl, "big.jsonl");

        jsonl.Length.Should().BeGreaterThan(2 * 65536);
        publications.Select(p => (p.Id, p.Authors.Count, p.Position.Line)).Should().Equal(("W1", 1500, 1L), ("W2", 0, 2L), ("W3", 1500, 3L));
        publications[2].Countries.Select(c => c.Code).Should().Equal("AR", "BR");
    }

    // ---- Countries and affiliations ----

    [Fact]
    public void Read_CountriesWithoutAMatchingInstitution_AddsACountryOnlyAffiliation()
    {
        var authorship = Authorship("""["FR","DE"]""", """[{"id":"https://openalex.org/I1","display_name":"Sorbonne","country_code":"FR"}]""", """["Sorbonne, Paris, France"]""");

        var author = Read($"[{Work("W1", authorships: $"[{authorship}]")}]")[0].Authors[0];

        author.Affiliations.Should().HaveCount(2);
        author.Affiliations[0].Should().Be(new Affiliation { InstitutionId = "https://openalex.org/I1", InstitutionName = "Sorbonne", Country = Country.Parse("FR"), Address = "Sorbonne, Paris, France" });
        author.Affiliations[1].Country.Should().Be(Country.Parse("DE"));
        author.Affiliations[1].InstitutionId.Should().BeNull();
    }

    [Fact]
    public void Read_InstitutionCountryNotInCountries_KeepsTheInstitutionWithoutCountry()
    {
        var authorship = Authorship("""["FR"]""", """[{"id":"I1","display_name":"A","country_code":"US"}]""");

        var author = Read($"[{Work("W1", authorships: $"[{authorship}]")}]")[0].Authors[0];

        author.Affiliations.Select(a => (a.InstitutionId, a.Country.Code)).Should().Equal(("I1", string.Empty), (null, "FR"));
    }

    [Fact]
    public void Read_CountriesMissingOrEmpty_FallsBackToInstitutionCountryCodes()
    {
        var empty = Authorship("[]", """[{"id":"I1","display_name":"A","country_code":"JP"}]""");
        var missing = """{"author":{"id":"A2","display_name":"B"},"institutions":[{"id":"I2","display_name":"B","country_code":"kr"}]}""";

        var publication = Read($"[{Work("W1", authorships: $"[{empty},{missing}]")}]")[0];

        publication.Countries.Select(c => c.Code).Should().Equal("JP", "KR");
    }

    [Fact]
    public void Read_AuthorshipWithNeitherCountriesNorInstitutions_HasNoAffiliationsAndCountsRawStringsUnresolved()
    {
        var authorship = Authorship("[]", "[]", """["Somewhere unknown", "Another place"]""");
        var report = new IngestReport();

        var publication = new OpenAlexReader().Read(Stream($"[{Work("W1", authorships: $"[{authorship}]")}]"), report: report).Single();

        publication.Authors.Should().ContainSingle().Which.Affiliations.Should().BeEmpty();
        report.UnresolvedAffiliations.Select(u => (u.Text, u.Count)).Should().BeEquivalentTo([("Somewhere unknown", 1L), ("Another place", 1L)]);
    }

    // ---- Technologies ----

    [Fact]
    public void Read_WithMapping_MapsTopicAndConceptNamesAndIds()
    {
        const string Topics = """
            ,"primary_topic":{"id":"https://openalex.org/T1","display_name":"Quantum Computing Algorithms","field":{"display_name":"Computer Science"}}
            ,"topics":[{"id":"https://openalex.org/T1","display_name":"Quantum Computing Algorithms"},{"id":"https://openalex.org/T2","display_name":"Photonics"}]
            ,"concepts":[{"id":"https://openalex.org/C9","display_name":"Qubit"},{"id":"https://openalex.org/C8","display_name":"Biology"}]
            """;
        var mapping = TechnologyMapping.FromPairs(
            ("Quantum Computing Algorithms", "Quantum"),
            ("https://openalex.org/T2", "Optics"),
            ("Qubit", "Quantum"));

        var publication = Read($"[{Work("W1", extra: Topics)}]", options: ReadOptions.Default with { Technologies = mapping })[0];
        var identity = Read($"[{Work("W1", extra: Topics)}]", options: ReadOptions.Default with { Technologies = TechnologyMapping.Identity })[0];
        var unmapped = Read($"[{Work("W1", extra: Topics)}]")[0];

        publication.Technologies.Should().Equal("Quantum", "Optics");
        identity.Technologies.Should().Equal("Quantum Computing Algorithms", "Photonics", "Qubit", "Biology");
        unmapped.Technologies.Should().Equal("Computer Science");
    }

    // ---- Errors: strict throws with position and field, lenient skips and counts ----

    public static TheoryData<string, string, SkipReason, string?, long> BadJsonLines => new()
    {
        // name, bad line, reason, field, line
        { "malformed JSON", """{"id":"W2","publication_year":2020,"authorships":[,]}""", SkipReason.Malformed, "authorships", 2 },
        { "non-numeric year", Work("W2", year: "\"20x0\""), SkipReason.InvalidYear, "publication_year", 2 },
        { "boolean year", Work("W2", year: "true"), SkipReason.InvalidYear, "publication_year", 2 },
        { "year out of range", Work("W2", year: "20200"), SkipReason.InvalidYear, "publication_year", 2 },
        { "unknown country", Work("W2", authorships: $"[{Authorship("[\"DE\"]")},{Authorship("[\"ZZ\"]")}]"), SkipReason.UnknownCountryCode, "authorships[1].countries[0]", 2 },
        { "unknown institution country", Work("W2", authorships: $"[{Authorship("[]", """[{"id":"I","country_code":"XX"}]""")}]"), SkipReason.UnknownCountryCode, "authorships[0].institutions[0].country_code", 2 },
        { "missing id", """{"doi":null,"publication_year":2020}""", SkipReason.MissingRequiredField, "id", 2 },
        { "line cut off", Work("W2")[..40], SkipReason.Truncated, null, 2 },
    };

    [Theory]
    [MemberData(nameof(BadJsonLines))]
    public void Read_JsonLinesStrict_ThrowsAtTheBadLineNamingTheField(string name, string badLine, SkipReason reason, string? field, long line)
    {
        var jsonl = $"{Work("W1")}\n{badLine}\n{Work("W3")}\n";

        var act = () => Read(jsonl, "works.jsonl");

        var ex = act.Should().Throw<IngestException>().Which;
        ex.Reason.Should().Be(reason, name);
        ex.Field.Should().Be(field);
        ex.Position.Should().Be(new SourcePosition("works.jsonl", line, 2));
        ex.Message.Should().StartWith($"works.jsonl, line {line}");
    }

    [Theory]
    [MemberData(nameof(BadJsonLines))]
    public void Read_JsonLinesLenient_SkipsTheBadLineCountsItAndContinues(string name, string badLine, SkipReason reason, string? field, long line)
    {
        var jsonl = $"{Work("W1")}\n{badLine}\n{Work("W3")}\n";
        var report = new IngestReport();

        var publications = new OpenAlexReader().Read(Stream(jsonl), "works.jsonl", Lenient, report).ToList();

        publications.Select(p => p.Id).Should().Equal(["W1", "W3"], name);
        report.RecordsRead.Should().Be(3);
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [reason] = 1 });
        report.Issues.Should().ContainSingle().Which.Should().Match<IngestIssue>(i => i.Field == field && i.Position.Line == line);
    }

    [Fact]
    public void Read_JsonLinesCutInTheLastLine_StrictThrowsLenientKeepsTheCompleteLines()
    {
        var jsonl = $"{Work("W1")}\n{Work("W2")}\n{Work("W3")[..50]}";
        var report = new IngestReport();

        var strict = () => Read(jsonl, "cut.jsonl");
        var lenient = new OpenAlexReader().Read(Stream(jsonl), "cut.jsonl", Lenient, report).ToList();

        strict.Should().Throw<IngestException>()
            .Where(e => e.Reason == SkipReason.Truncated && e.Position == new SourcePosition("cut.jsonl", 3, 3))
            .WithMessage("*truncated*");
        lenient.Select(p => p.Id).Should().Equal("W1", "W2");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.Truncated] = 1 });
    }

    [Fact]
    public void Read_InvalidUtf8_StrictThrowsLenientSkips()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Work("W1")}\n{Work("W2", extra: ",\"title\":\"ab@cd\"")}\n{Work("W3")}\n");
        bytes[Array.IndexOf(bytes, (byte)'@')] = 0xFF;
        var report = new IngestReport();

        var strict = () => new OpenAlexReader().Read(new MemoryStream(bytes), "w.jsonl").ToList();
        var lenient = new OpenAlexReader().Read(new MemoryStream(bytes), "w.jsonl", Lenient, report).ToList();

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.InvalidEncoding && e.Position.Line == 2);
        lenient.Select(p => p.Id).Should().Equal("W1", "W3");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.InvalidEncoding] = 1 });
    }

    [Fact]
    public void Read_TruncatedArray_StrictThrowsLenientKeepsCompleteWorksAndCountsTheCut()
    {
        var json = $"[{Work("W1")},{Work("W2")},{Work("W3")}]";
        var cut = json[..(json.Length - 30)];
        var report = new IngestReport();

        var strict = () => Read(cut, "cut.json");
        var lenient = new OpenAlexReader().Read(Stream(cut), "cut.json", Lenient, report).ToList();

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Truncated && e.Position == new SourcePosition("cut.json", 0, 3));
        lenient.Select(p => p.Id).Should().Equal("W1", "W2");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.Truncated] = 1 });
    }

    [Fact]
    public void Read_ArrayMissingItsClosingBracket_IsTruncated()
    {
        var report = new IngestReport();

        var publications = new OpenAlexReader().Read(Stream($"[{Work("W1")},{Work("W2")}"), null, Lenient, report).ToList();

        publications.Select(p => p.Id).Should().Equal("W1", "W2");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.Truncated] = 1 });
    }

    [Fact]
    public void Read_MalformedElementInArray_StrictThrowsWithRecordNumberLenientSkipsIt()
    {
        var json = $"[{Work("W1")},{{\"id\":\"W2\",\"publication_year\":2020,\"title\":\"x\" \"y\"}},{Work("W3")}]";
        var report = new IngestReport();

        var strict = () => Read(json, "a.json");
        var lenient = new OpenAlexReader().Read(Stream(json), "a.json", Lenient, report).ToList();

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Malformed && e.Position.Record == 2 && e.Field == null);
        lenient.Select(p => p.Id).Should().Equal("W1", "W3");
        report.Skipped[SkipReason.Malformed].Should().Be(1);
    }

    [Fact]
    public void Read_NonObjectInArray_IsAStructuralErrorThatEndsTheFile()
    {
        var report = new IngestReport();

        var publications = new OpenAlexReader().Read(Stream($"[{Work("W1")}, 42, {Work("W3")}]"), null, Lenient, report).ToList();

        publications.Select(p => p.Id).Should().Equal("W1");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [SkipReason.Malformed] = 1 });
    }

    // ---- Streaming: progress and cancellation ----

    [Fact]
    public void Read_WithProgress_ReportsRecordsAndBytesUpToTheEnd()
    {
        var jsonl = string.Join("\n", Enumerable.Range(1, 10).Select(i => Work($"W{i}")));
        var progress = new RecordingProgress<WorkProgress>();
        var stream = Stream(jsonl);

        var publications = new OpenAlexReader().Read(stream, "w.jsonl", ReadOptions.Default with { Progress = progress, ProgressInterval = 3 }).ToList();

        publications.Should().HaveCount(10);
        progress.Reports.Select(r => r.Records).Should().Equal(3, 6, 9, 10);
        progress.Reports[^1].Completed.Should().Be(stream.Length);
        progress.Reports[^1].Total.Should().Be(stream.Length);
    }

    [Fact]
    public void Read_Cancelled_StopsWithOperationCanceled()
    {
        var jsonl = string.Join("\n", Enumerable.Range(1, 10).Select(i => Work($"W{i}")));
        using var cts = new CancellationTokenSource();
        int seen = 0;

        var act = () =>
        {
            foreach (var unused in new OpenAlexReader().Read(Stream(jsonl), cancellationToken: cts.Token))
            {
                if (++seen == 2)
                {
                    cts.Cancel();
                }
            }
        };

        act.Should().Throw<OperationCanceledException>();
        seen.Should().Be(2);
    }

    [Fact]
    public async Task ReadAsync_JsonLines_YieldsTheSameWorks()
    {
        var jsonl = string.Join("\n", Enumerable.Range(1, 5).Select(i => Work($"W{i}")));
        var ids = new List<string>();

        await foreach (var publication in new OpenAlexReader().ReadAsync(Stream(jsonl)))
        {
            ids.Add(publication.Id);
        }

        ids.Should().Equal("W1", "W2", "W3", "W4", "W5");
    }

    // ---- Raw affiliation fallback, duplicate keys, results, limits ----

    [Fact]
    public void Read_AuthorshipWithoutAnyCountry_RawAffiliationStringsResolvedAndCounted()
    {
        var authorships = "[" + Authorship("[]", raw: "[\"Webank, Shenzhen, China\"]") + ","
            + Authorship("[]", raw: "[\"SKL of Computer Architecture, ICT, CAS, China\", \"GILab Ltd, Belgrade, Serbia\"]") + ","
            + Authorship("[]", raw: "[\"Somewhere without a country\"]") + "]";
        var report = new IngestReport();

        var work = new OpenAlexReader().Read(Stream(Work("W1", authorships: authorships)), report: report).Single();

        work.Countries.Select(c => c.Code).Should().Equal("CN", "RS");
        work.Authors[0].Affiliations.Should().ContainSingle().Which.Address.Should().Be("Webank, Shenzhen, China");
        work.Authors[1].Affiliations.Select(a => a.Country.Code).Should().Equal("CN", "RS");
        work.Authors[2].Affiliations.Should().BeEmpty();
        report.RawAffiliationFallbacks.Should().Be(3);
        report.UnresolvedAffiliations.Should().ContainSingle().Which.Text.Should().Be("Somewhere without a country");
    }

    [Fact]
    public void Read_RawFallbackTurnedOff_AuthorshipStaysWithoutCountryAndItsStringsUnresolved()
    {
        var authorships = "[" + Authorship("[]", raw: "[\"Webank, Shenzhen, China\"]") + "]";
        var report = new IngestReport();

        var work = new OpenAlexReader().Read(Stream(Work("W1", authorships: authorships)), options: ReadOptions.Default with { ResolveRawAffiliations = false }, report: report).Single();

        work.Countries.Should().BeEmpty();
        report.RawAffiliationFallbacks.Should().Be(0);
        report.UnresolvedAffiliations.Should().ContainSingle().Which.Text.Should().Be("Webank, Shenzhen, China");
    }

    [Fact]
    public void Read_OpenAlexCountryGiven_RawStringsNotUsed()
    {
        var authorships = "[" + Authorship("[\"FR\"]", raw: "[\"Webank, Shenzhen, China\"]") + "]";
        var report = new IngestReport();

        var work = new OpenAlexReader().Read(Stream(Work("W1", authorships: authorships)), report: report).Single();

        work.Countries.Select(c => c.Code).Should().Equal("FR");
        report.RawAffiliationFallbacks.Should().Be(0);
    }

    [Fact]
    public void Read_Works50_FallbackAddsExactlyTheResolvableRawStringsOfAuthorshipsWithoutCountry()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Fixtures.OpenAlexWorks50));
        var resolver = CountryResolver.Default;
        int expected = 0;
        foreach (var work in document.RootElement.EnumerateArray())
        {
            foreach (var authorship in work.GetProperty("authorships").EnumerateArray())
            {
                bool hasCountry = authorship.GetProperty("countries").GetArrayLength() > 0
                    || authorship.GetProperty("institutions").EnumerateArray().Any(i => i.TryGetProperty("country_code", out var c) && c.ValueKind == JsonValueKind.String);
                if (!hasCountry)
                {
                    expected += authorship.GetProperty("raw_affiliation_strings").EnumerateArray()
                        .Select(r => resolver.Resolve(r.GetString())).Where(c => c.IsKnown).Distinct().Count();
                }
            }
        }

        var report = new IngestReport();
        using var stream = File.OpenRead(Fixtures.OpenAlexWorks50);
        _ = new OpenAlexReader().Read(stream, Fixtures.OpenAlexWorks50, report: report).ToList();

        expected.Should().BePositive("the fixture has authorships without any OpenAlex country");
        report.RawAffiliationFallbacks.Should().Be(expected);
    }

    [Theory]
    [InlineData("\"publication_year\":2020,\"publication_year\":2021", "publication_year")]
    [InlineData("\"authorships\":[],\"authorships\":[]", "authorships")]
    [InlineData("\"doi\":null,\"doi\":null", "doi")]
    public void Read_DuplicateKeyInTheWork_MalformedNamingTheKey(string body, string key)
    {
        var report = new IngestReport();

        var works = Read("{\"id\":\"W1\"," + body + "}\n" + Work("W2") + "\n", options: Lenient, fileName: "x.jsonl");
        var strict = () => Read("{\"id\":\"W1\"," + body + "}\n", fileName: "x.jsonl");

        works.Select(w => w.Id).Should().Equal("W2");
        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Malformed && e.Field == key).WithMessage("*appears twice*");
    }

    [Theory]
    [InlineData("{\"id\":\"W\\ud800x\"}", "id")]
    [InlineData("{\"id\":\"W1\",\"doi\":\"10.1/\\udc00\"}", "doi")]
    [InlineData("{\"id\":\"W1\",\"type\":\"a\\ud800\\ud800\"}", "type")]
    [InlineData("{\"id\":\"W1\",\"authorships\":[{\"author\":{\"display_name\":\"\\ud83d\"}}]}", "authorships[0].author.display_name")]
    [InlineData("{\"id\":\"W1\",\"authorships\":[{\"raw_affiliation_strings\":[\"x\\udfff\"]}]}", "authorships[0].raw_affiliation_strings")]
    public void Read_EscapedLoneSurrogateInAValueRead_MalformedNamingTheFieldAndTheReadGoesOn(string work, string field)
    {
        // A lone surrogate escape makes no text: a bad record, not an error of the whole read.
        var report = new IngestReport();

        var works = new OpenAlexReader().Read(Stream(work + "\n" + Work("W2") + "\n"), "x.jsonl", Lenient, report).ToList();
        var strict = () => Read(work + "\n", fileName: "x.jsonl");

        works.Select(w => w.Id).Should().Equal("W2");
        report.Skipped[SkipReason.Malformed].Should().Be(1);
        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Malformed && e.Field == field && e.Position.Line == 1).WithMessage("*not valid text*");
    }

    [Theory]
    [InlineData("\"yes\"", "yes")]
    [InlineData("1", "1")]
    [InlineData("{\"countries\":[\"FR\"]}", "{...}")]
    [InlineData("[true]", "[...]")]
    public void Read_IsCorrespondingNotABooleanOrNull_MalformedNamingTheField(string value, string found)
    {
        // An object here once had its members read as the authorship's own; a string or number read as "false".
        string work = "{\"id\":\"W1\",\"authorships\":[{\"countries\":[\"DE\"],\"is_corresponding\":" + value + "}]}";
        var report = new IngestReport();

        var works = new OpenAlexReader().Read(Stream(work + "\n" + Work("W2") + "\n"), "x.jsonl", Lenient, report).ToList();
        var strict = () => Read(work + "\n", fileName: "x.jsonl");

        works.Select(w => w.Id).Should().Equal("W2");
        report.Skipped[SkipReason.Malformed].Should().Be(1);
        strict.Should().Throw<IngestException>()
            .Where(e => e.Reason == SkipReason.Malformed && e.Field == "authorships[0].is_corresponding" && e.Position.Line == 1)
            .WithMessage($"*expected true, false or null, found '{found}'*");
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("null", false)]
    public void Read_IsCorrespondingBooleanOrNull_Read(string value, bool expected)
    {
        string work = "{\"id\":\"W1\",\"authorships\":[{\"countries\":[\"DE\"],\"is_corresponding\":" + value + "}]}";

        var works = Read(work + "\n", fileName: "x.jsonl");

        works.Should().ContainSingle().Which.Authors.Should().ContainSingle().Which.IsCorresponding.Should().Be(expected);
    }

    [Theory]
    [InlineData("{\"institutions\":[{\"id\":\"I1\",\"country_code\":\"FR\"}],\"countries\":[\"FR\"],\"institutions\":[]}", "authorships[0].institutions")]
    [InlineData("{\"is_corresponding\":true,\"is_corresponding\":false}", "authorships[0].is_corresponding")]
    [InlineData("{\"author\":{\"id\":\"A1\",\"display_name\":\"x\"},\"author\":null}", "authorships[0].author")]
    [InlineData("{\"author\":{\"id\":\"A1\",\"id\":\"A2\"}}", "authorships[0].author.id")]
    public void Read_DuplicateKeyInAnAuthorship_FieldNamesTheRepeatedKey(string authorship, string field)
    {
        // The field was the last one read before the repeated key (authorships[0].countries[0], authorships, ...).
        var act = () => Read(Work("W1", authorships: "[" + authorship + "]"));

        act.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Malformed && e.Field == field).WithMessage("*appears twice*");
    }

    [Fact]
    public void Read_DuplicateKeyInAnAuthorship_Malformed()
    {
        var authorship = "{\"countries\":[\"FR\"],\"countries\":[\"DE\"]}";

        var act = () => Read(Work("W1", authorships: "[" + authorship + "]"));

        act.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Malformed).WithMessage("*countries*appears twice*");
    }

    [Theory]
    [InlineData("{\"meta\":{},\"results\":{\"id\":\"W1\"}}")]
    [InlineData("{\"meta\":{},\"results\":null}")]
    [InlineData("{\"results\":\"W1\"}")]
    public void Read_ResultsNotAnArray_MalformedNotEmpty(string response)
    {
        var report = new IngestReport();

        var strict = () => Read(response);
        var lenient = new OpenAlexReader().Read(Stream(response), options: Lenient, report: report).ToList();

        strict.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.Malformed).WithMessage("*\"results\"*not an array*");
        lenient.Should().BeEmpty();
        report.Skipped.Should().ContainKey(SkipReason.Malformed);
    }

    [Fact]
    public void Read_TooManyAuthorships_TooLargeNamingTheLimit()
    {
        var authorships = "[" + string.Join(",", Enumerable.Repeat(Authorship("[\"FR\"]"), 11)) + "]";
        var options = ReadOptions.Default with { Limits = ReadLimits.Default with { MaxAuthors = 10 } };

        var act = () => Read(Work("W1", authorships: authorships), options: options);
        var ten = Read(Work("W1", authorships: "[" + string.Join(",", Enumerable.Repeat(Authorship("[\"FR\"]"), 10)) + "]"), options: options);

        act.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.TooLarge && e.Field == "authorships").WithMessage("*MaxAuthors = 10*--max-record-authors*");
        ten.Single().Authors.Should().HaveCount(10);
    }

    [Fact]
    public void Read_TooManyAffiliations_TooLarge()
    {
        var authorships = "[" + Authorship("[\"FR\",\"DE\",\"IT\"]") + "," + Authorship("[\"ES\",\"PT\"]") + "]";
        var options = ReadOptions.Default with { Limits = ReadLimits.Default with { MaxAffiliations = 4 } };

        var act = () => Read(Work("W1", authorships: authorships), options: options);

        act.Should().Throw<IngestException>().Where(e => e.Reason == SkipReason.TooLarge).WithMessage("*MaxAffiliations*");
    }

    [Theory]
    [InlineData("x.jsonl")]
    [InlineData("x.json")]
    public void Read_WorkDeeperThanTheLimit_TooLargeAndTheNextWorkRead(string name)
    {
        var deep = string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40));
        var text = name.EndsWith('l')
            ? "{\"id\":\"W1\",\"x\":" + deep + "}\n" + Work("W2") + "\n"
            : "[{\"id\":\"W1\",\"x\":" + deep + "},\n" + Work("W2") + "]";
        var report = new IngestReport();
        var options = Lenient with { Limits = ReadLimits.Default with { MaxJsonDepth = 16 } };

        var works = new OpenAlexReader().Read(Stream(text), name, options, report).ToList();

        works.Select(w => w.Id).Should().Equal("W2");
        report.TooLarge.Should().Be(1);
        report.Issues.Single().Message.Should().Contain("MaxJsonDepth");
    }

    [Theory]
    [InlineData("x.jsonl")]
    [InlineData("x.json")]
    public void Read_WorkLargerThanTheRecordLimit_TooLargeAndTheNextWorkRead(string name)
    {
        var big = Work("W1", extra: ",\"title\":\"" + new string('x', 5000) + "\"");
        var text = name.EndsWith('l') ? big + "\n" + Work("W2") + "\n" : "[" + big + ",\n" + Work("W2") + "]";
        var report = new IngestReport();
        var options = Lenient with { Limits = ReadLimits.Default with { MaxRecordBytes = 1000 } };

        var works = new OpenAlexReader().Read(Stream(text), name, options, report).ToList();

        works.Select(w => w.Id).Should().Equal("W2");
        report.TooLarge.Should().Be(1);
        report.Issues.Single().Message.Should().Contain("MaxRecordBytes = 1,000 bytes").And.Contain("--max-record-size");
    }

    [Fact]
    public void Read_RejectsSink_ReceivesTheRawTextOfTheBadWork()
    {
        var sink = new ListSink();
        var text = Work("W1", year: "\"soon\"") + "\n" + Work("W2") + "\n";

        _ = new OpenAlexReader().Read(Stream(text), "x.jsonl", Lenient with { Rejects = sink }).ToList();

        var rejected = sink.Records.Should().ContainSingle().Subject;
        rejected.Reason.Should().Be(SkipReason.InvalidYear);
        rejected.Position.Line.Should().Be(1);
        rejected.RawText.Should().Be(Work("W1", year: "\"soon\""));
    }

    /// <summary>A rejects sink that keeps what it receives.</summary>
    internal sealed class ListSink : IRejectedRecordSink
    {
        public List<RejectedRecord> Records { get; } = [];

        public void Add(RejectedRecord record) => Records.Add(record);
    }

    // ---- Helpers ----

    [Fact]
    public void Read_AuthorDetailsUnused_SameWorksWithoutAuthorIdsAndNames()
    {
        using var full = File.OpenRead(Fixtures.OpenAlexWorks50);
        using var lean = File.OpenRead(Fixtures.OpenAlexWorks50);
        var expected = new OpenAlexReader().Read(full, Fixtures.OpenAlexWorks50).ToList();

        var actual = new OpenAlexReader().Read(lean, Fixtures.OpenAlexWorks50, ReadOptions.Default with { AuthorDetailsUnused = true }).ToList();

        expected.SelectMany(p => p.Authors).Should().Contain(a => a.Id != null && a.Name != null);
        actual.SelectMany(p => p.Authors).Should().OnlyContain(a => a.Id == null && a.Name == null);
        actual.Should().BeEquivalentTo(
            expected.Select(p => p with { Authors = [.. p.Authors.Select(a => a with { Id = null, Name = null })] }),
            o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData("""{"id":5,"display_name":"A"}""", "authorships[0].author.id")]
    [InlineData("""{"id":"A1","display_name":["A"]}""", "authorships[0].author.display_name")]
    [InlineData("""{"id":"A1","id":"A2"}""", "authorships[0].author.id")]
    public void Read_AuthorDetailsUnusedWithABadAuthor_IsRejectedAsWhenKept(string author, string field)
    {
        var text = Work("W1", authorships: $$"""[{"author":{{author}},"countries":["FR"]}]""");
        var kept = new ReadOptions { ErrorMode = ErrorMode.Lenient };
        var left = kept with { AuthorDetailsUnused = true };
        var keptReport = new IngestReport();
        var leftReport = new IngestReport();

        new OpenAlexReader().Read(Stream(text), "w.jsonl", kept, keptReport).Should().BeEmpty();
        new OpenAlexReader().Read(Stream(text), "w.jsonl", left, leftReport).Should().BeEmpty();

        keptReport.Issues.Single().Field.Should().Be(field);
        leftReport.Issues.Should().BeEquivalentTo(keptReport.Issues);
    }

    [Fact]
    public void Read_InstitutionRepeatedAcrossWorks_SameStringInstanceAndSameValues()
    {
        var institution = """[{"id":"https://openalex.org/I1","display_name":"Université de Lyon","country_code":"FR"}]""";
        var text = Work("W1", authorships: "[" + Authorship("""["FR"]""", institution, """["Université de Lyon, France"]""") + "]") + "\n"
            + Work("W2", authorships: "[" + Authorship("""["FR"]""", institution, """["Université de Lyon, France"]""") + "]");

        var works = Read(text, "w.jsonl");

        var a = works[0].Authors[0].Affiliations[0];
        var b = works[1].Authors[0].Affiliations[0];
        a.InstitutionName.Should().Be("Université de Lyon");
        a.Address.Should().Be("Université de Lyon, France");
        b.Should().Be(a);
        b.InstitutionName.Should().BeSameAs(a.InstitutionName);
    }

    internal static string Work(string id, string year = "2020", string authorships = "[]", string extra = "") =>
        $$"""{"id":"{{id}}","doi":"https://doi.org/10.1234/{{id}}","publication_year":{{year}},"authorships":{{authorships}},"cited_by_count":3{{extra}}}""";

    internal static string Authorship(string countries, string institutions = "[]", string raw = "[]") =>
        $$"""{"author_position":"middle","author":{"id":"https://openalex.org/A1","display_name":"A. Author"},"institutions":{{institutions}},"countries":{{countries}},"is_corresponding":false,"raw_affiliation_strings":{{raw}}}""";

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    private static List<Publication> Read(string text, string? fileName = null, ReadOptions? options = null) =>
        [.. new OpenAlexReader().Read(Stream(text), fileName, options)];

    /// <summary>The fixture as OpenAlex's own country fields give it (SOURCES.md states facts about those), without the raw affiliation fallback.</summary>
    private static List<Publication> ReadFixture()
    {
        using var stream = File.OpenRead(Fixtures.OpenAlexWorks50);
        return [.. new OpenAlexReader().Read(stream, Fixtures.OpenAlexWorks50, ReadOptions.Default with { ResolveRawAffiliations = false })];
    }
}
