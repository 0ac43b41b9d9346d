using System.Text;
using System.Text.Json;
using CollabMetrics.Impact;
using CollabMetrics.Metrics;
using CollabMetrics.IO;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Model;
using CollabMetrics.Tests.IO.OpenAlex;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests;

public class OpenAlexImpactColumnTests
{
    [Fact]
    public void FromFile_Works50_EveryFwciAndPercentileAsTheExportGivesThem()
    {
        var corpus = Corpus.FromFile(Fixtures.OpenAlexWorks50);
        using var document = JsonDocument.Parse(File.ReadAllBytes(Fixtures.OpenAlexWorks50));
        var works = document.RootElement.EnumerateArray().ToDictionary(w => w.GetProperty("id").GetString()!);

        corpus.Count.Should().Be(49, "one work of the fixture is retracted and left out by default");
        foreach (var record in corpus.Records)
        {
            var work = works[record.Id];
            record.Fwci.Should().Be(work.GetProperty("fwci").GetDouble(), record.Id);
            var percentile = work.GetProperty("citation_normalized_percentile");
            record.CitationPercentile.Should().Be(new CitationPercentile(
                percentile.GetProperty("value").GetDouble(),
                percentile.GetProperty("is_in_top_1_percent").GetBoolean(),
                percentile.GetProperty("is_in_top_10_percent").GetBoolean()), record.Id);
            record.ToPublication().Fwci.Should().Be(record.Fwci);
        }
    }

    [Fact]
    public void Build_NoPublicationWithOpenAlexImpact_NoColumn()
    {
        var corpus = Corpus.Build([TestCorpora.FromCountries("a", 2020, [["CN"]]) with { Citations = 2 }]);

        corpus.Storage.OpenAlexImpact.Should().BeNull("the column is dropped when no record has a value");
        corpus.Records.Single().Fwci.Should().BeNull();
    }

    [Fact]
    public void Build_SomePublicationsWithoutValues_NullForThoseExactValuesForOthers()
    {
        var corpus = Corpus.Build(
        [
            TestCorpora.FromCountries("a", 2020, [["CN"]]) with { Fwci = 1.23456789, CitationPercentile = new CitationPercentile(0.123456789123, false, false) },
            TestCorpora.FromCountries("b", 2020, [["US"]]),
            TestCorpora.FromCountries("c", 2020, [["US"]]) with { Fwci = 72.9922 },
        ]);

        var records = corpus.Records.ToDictionary(r => r.Id);
        records["a"].Fwci.Should().Be(1.23456789, "a value with more than four decimals is kept exactly");
        records["a"].CitationPercentile!.Value.Value.Should().Be(0.123456789123);
        records["b"].Fwci.Should().BeNull();
        records["b"].CitationPercentile.Should().BeNull();
        records["c"].Fwci.Should().Be(72.9922);
        records["c"].CitationPercentile.Should().BeNull();
    }

    [Fact]
    public void Build_NegativeFwci_ErrorNamingThePublication()
    {
        FluentActions.Invoking(() => Corpus.Build([TestCorpora.FromCountries("bad", 2020, [["CN"]]) with { Fwci = -1 }]))
            .Should().Throw<ArgumentException>().WithMessage("*'bad'*FWCI*");
    }

    [Fact]
    public void Merge_DuplicateWithAndWithoutValues_KeepsTheKnownValue()
    {
        var withValue = TestCorpora.FromCountries("W1", 2020, [["CN"]]) with { Fwci = 2.5, CitationPercentile = new CitationPercentile(0.95, false, true) };
        var without = TestCorpora.FromCountries("W1", 2020, [["CN"]]);

        var merged = Corpus.Build([without, withValue]);

        merged.Count.Should().Be(1);
        merged.Records.Single().Fwci.Should().Be(2.5);
        merged.Records.Single().CitationPercentile!.Value.IsInTop10Percent.Should().BeTrue();
    }

    [Fact]
    public void Read_PercentileWithoutFlags_FlagsFollowTheValue()
    {
        var json = $"[{OpenAlexReaderTests.Work("W1", extra: ",\"fwci\":null,\"citation_normalized_percentile\":{\"value\":0.995}")}]";

        var publication = new OpenAlexReader().Read(new MemoryStream(Encoding.UTF8.GetBytes(json))).Single();

        publication.Fwci.Should().BeNull();
        publication.CitationPercentile.Should().Be(new CitationPercentile(0.995, true, true));
    }

    [Theory]
    [InlineData(",\"fwci\":-2", "fwci", SkipReason.InvalidNumber)]
    [InlineData(",\"fwci\":\"high\"", "fwci", SkipReason.InvalidNumber)]
    [InlineData(",\"citation_normalized_percentile\":{\"value\":1.5}", "citation_normalized_percentile.value", SkipReason.InvalidNumber)]
    [InlineData(",\"citation_normalized_percentile\":{\"value\":0.5,\"is_in_top_1_percent\":3}", "citation_normalized_percentile.is_in_top_1_percent", SkipReason.Malformed)]
    [InlineData(",\"citation_normalized_percentile\":[0.5]", "citation_normalized_percentile", SkipReason.Malformed)]
    [InlineData(",\"fwci\":1,\"fwci\":2", "fwci", SkipReason.Malformed)]
    public void Read_BadImpactField_StrictErrorNamesTheFieldLenientSkipsAndCounts(string extra, string field, SkipReason reason)
    {
        var jsonl = $"{OpenAlexReaderTests.Work("W1")}\n{OpenAlexReaderTests.Work("W2", extra: extra)}\n";

        var strict = () => new OpenAlexReader().Read(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), "works.jsonl").ToList();
        var report = new IngestReport();
        var lenient = new OpenAlexReader().Read(
            new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), "works.jsonl", ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, report).ToList();

        var ex = strict.Should().Throw<IngestException>().Which;
        ex.Field.Should().Be(field);
        ex.Reason.Should().Be(reason);
        ex.Position.Line.Should().Be(2);
        lenient.Select(p => p.Id).Should().Equal("W1");
        report.Skipped.Should().Equal(new Dictionary<SkipReason, long> { [reason] = 1 });
    }

    [Fact]
    public void Impact_Works50OpenAlexSource_MncsIsTheMeanFwciOfEachCountrysWorks()
    {
        var corpus = Corpus.FromFile(Fixtures.OpenAlexWorks50, ReadOptions.Default with { ResolveRawAffiliations = false });
        using var document = JsonDocument.Parse(File.ReadAllBytes(Fixtures.OpenAlexWorks50));

        // Independent recount from the JSON: each work's distinct countries; MNCS = mean FWCI, P_top = works in OpenAlex's top 10%.
        var sums = new Dictionary<string, (double Fwci, int Count, int Top)>();
        foreach (var work in document.RootElement.EnumerateArray().Where(w => !w.GetProperty("is_retracted").GetBoolean()))
        {
            var countries = work.GetProperty("authorships").EnumerateArray()
                .SelectMany(a => a.GetProperty("countries").EnumerateArray().Select(c => c.GetString()!)).ToHashSet();
            foreach (var country in countries)
            {
                var s = sums.GetValueOrDefault(country);
                bool top = work.GetProperty("citation_normalized_percentile").GetProperty("is_in_top_10_percent").GetBoolean();
                sums[country] = (s.Fwci + work.GetProperty("fwci").GetDouble(), s.Count + 1, s.Top + (top ? 1 : 0));
            }
        }

        var table = corpus.Countries().Impact().WithCitationSource(CitationSource.OpenAlex).AllYears().Compute();

        table.Impact.CitationSource.Should().Be(CitationSource.OpenAlex);
        foreach (var (country, s) in sums)
        {
            var row = table.Find(CollabMetrics.Aggregation.SliceKey.ForAllYears(), country)!;
            row.Publications.Should().Be(s.Count, country);
            row.Mncs.Should().BeApproximately(s.Fwci / s.Count, 1e-9, country);
            row.TopPublications.Should().Be(s.Top, country);
        }

        table.Count(r => r.Unit.Kind == CollabMetrics.Aggregation.UnitKind.Country).Should().Be(sums.Count);
    }
}
