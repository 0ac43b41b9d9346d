using System.Text;
using System.Text.Json;
using CollabMetrics.IO;
using CollabMetrics.IO.OpenAlex;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO;

public class TechnologyMappingTests
{
    private const string Work = """
        {"id": "W1",
         "primary_topic": {"id": "https://openalex.org/T100", "display_name": "Qubit Control", "score": 0.9,
            "subfield": {"id": "https://openalex.org/subfields/3107", "display_name": "Optics"},
            "field": {"id": "https://openalex.org/fields/31", "display_name": "Physics and Astronomy"},
            "domain": {"id": "https://openalex.org/domains/3", "display_name": "Physical Sciences"}},
         "topics": [
            {"id": "https://openalex.org/T100", "display_name": "Qubit Control", "score": 0.9,
             "subfield": {"id": "https://openalex.org/subfields/3107"}, "field": {"id": "https://openalex.org/fields/31"}},
            {"id": "https://openalex.org/T200", "display_name": "Battery Materials", "score": 0.4,
             "subfield": {"id": "https://openalex.org/subfields/2208"}, "field": {"id": "https://openalex.org/fields/22"}}],
         "keywords": [{"id": "https://openalex.org/keywords/machine-learning", "display_name": "Machine learning", "score": 0.5}],
         "concepts": [{"id": "https://openalex.org/C555", "display_name": "Photovoltaics", "score": 0.3}]}
        """;

    [Fact]
    public void FromCsv_IdsShortOrFullAndNames_EveryFormMatches()
    {
        var map = TechnologyMapping.FromCsv("""
            technology,source,note
            Quantum,T100,a topic id
            Energy,https://openalex.org/subfields/2208,a subfield URL
            Physics,FIELDS/31,a field in another case
            AI,Keywords/Machine-Learning,a keyword id
            Solar,"  photovoltaics ",a concept name with spaces around
            Science,domains/3,
            """);

        Technologies(map).Should().Equal("Quantum", "Physics", "Science", "Energy", "AI", "Solar");
        map.Technologies.Should().Equal("Quantum", "Energy", "Physics", "AI", "Solar", "Science");
    }

    [Fact]
    public void Read_TopicSubfieldFieldAndNames_ThroughTheTopics()
    {
        var byName = TechnologyMapping.FromPairs(("battery   materials", "Energy"), ("qubit control", "Quantum"));
        var byField = TechnologyMapping.FromPairs(("fields/22", "Engineering"));

        Technologies(byName).Should().Equal("Quantum", "Energy");
        Technologies(byField).Should().Equal("Engineering");
    }

    [Fact]
    public void Read_PrimaryTopicOnlyAndMinScore_LeaveOutTheOtherTopics()
    {
        var map = TechnologyMapping.FromPairs(("T100", "Quantum"), ("T200", "Energy"), ("keywords/machine-learning", "AI"));

        Technologies(map).Should().Equal("Quantum", "Energy", "AI");
        Technologies(map with { PrimaryTopicOnly = true }).Should().Equal(["Quantum", "AI"], "keywords and concepts are not topics");
        Technologies(map with { MinTopicScore = 0.5 }).Should().Equal("Quantum", "AI");
        Technologies(map with { MinTopicScore = 0.95 }).Should().Equal("AI");
        FluentActions.Invoking(() => map with { MinTopicScore = 1.5 }).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Read_TopicWithoutScore_LeftOutOnlyWhenAMinimumIsSet()
    {
        var map = TechnologyMapping.FromPairs(("T9", "X"));
        const string Json = """{"id": "W1", "topics": [{"id": "https://openalex.org/T9", "display_name": "Nine"}]}""";

        Read(Json, map).Should().Equal("X");
        Read(Json, map with { MinTopicScore = 0 }).Should().BeEmpty();
    }

    [Fact]
    public void Identity_KeepsTopicAndConceptNamesNotKeywords()
    {
        Technologies(TechnologyMapping.Identity).Should().Equal("Qubit Control", "Battery Materials", "Photovoltaics");
    }

    [Fact]
    public void Map_WebOfScienceCategory_ByNameIgnoringCase()
    {
        var map = TechnologyMapping.FromPairs(("Physics, Applied", "Physics"));
        var labels = new List<string>();

        map.Map("PHYSICS,  APPLIED", labels);
        map.Map("Chemistry", labels);

        labels.Should().Equal("Physics");
    }

    [Theory]
    [InlineData("source\nT1\n", "*line 1*no 'technology' column*")]
    [InlineData("technology,source\nQuantum,\n", "*line 2, column source: the source is empty*")]
    [InlineData("technology,source\n,T1\n", "*line 2, column technology: the technology is empty*")]
    [InlineData("technology,source\nX,T1\nY,https://openalex.org/W123\n", "*line 3, column source*'https://openalex.org/W123' is an OpenAlex URL but not of a topic*")]
    [InlineData("technology,source\nX,\"T1\n", "*quoted field is never closed*")]
    [InlineData("", "*the mapping is empty*")]
    public void FromCsv_BadMapping_FormatExceptionNamingLineAndColumn(string csv, string message)
    {
        var read = () => TechnologyMapping.FromCsv(csv);

        read.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void FromCsvFile_MissingOrBad_NamesTheFile()
    {
        using var bad = TempFile.WithText(".csv", "technology,source\nX,\n");

        FluentActions.Invoking(() => TechnologyMapping.FromCsvFile(bad.Path)).Should().Throw<FormatException>().WithMessage($"{bad.Path}, line 2*");
        FluentActions.Invoking(() => TechnologyMapping.FromCsvFile(bad.Path + ".none")).Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void ExampleMap_Works50_EveryWorkGetsWhatItsTopicsKeywordsAndConceptsMapTo()
    {
        var map = TechnologyMapping.FromCsvFile(RepositoryFiles.ExampleTechnologyMap);
        var rows = File.ReadAllLines(RepositoryFiles.ExampleTechnologyMap).Skip(1).Select(l => l.Split(',')).Select(c => (Technology: c[0], Source: c[1])).ToList();
        using var document = JsonDocument.Parse(File.ReadAllBytes(Fixtures.OpenAlexWorks50));

        var publications = PublicationReader.ReadFile(Fixtures.OpenAlexWorks50, ReadOptions.Default with { Technologies = map }).ToList();

        map.Technologies.Should().HaveCount(6);
        int labelled = 0;
        var works = document.RootElement.EnumerateArray().ToList();
        for (int i = 0; i < works.Count; i++)
        {
            // Independently: every short id and display name the work mentions, then the rows that name any.
            var mentioned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var topic in Topics(works[i]))
            {
                mentioned.Add(Short(topic.GetProperty("id").GetString()!));
                mentioned.Add(topic.GetProperty("display_name").GetString()!);
                foreach (var level in new[] { "subfield", "field", "domain" })
                {
                    mentioned.Add(Short(topic.GetProperty(level).GetProperty("id").GetString()!));
                }
            }

            foreach (var key in new[] { "keywords", "concepts" })
            {
                foreach (var item in works[i].GetProperty(key).EnumerateArray())
                {
                    mentioned.Add(Short(item.GetProperty("id").GetString()!));
                    mentioned.Add(item.GetProperty("display_name").GetString()!);
                }
            }

            var expected = rows.Where(r => mentioned.Contains(r.Source)).Select(r => r.Technology).Distinct().Order(StringComparer.Ordinal);
            publications[i].Technologies.Order(StringComparer.Ordinal).Should().Equal(expected, $"work {publications[i].Id}");
            labelled += expected.Any() ? 1 : 0;
        }

        labelled.Should().BeGreaterThan(3, "the example map labels some works of the fixture");
    }

    private static IEnumerable<JsonElement> Topics(JsonElement work) =>
        work.GetProperty("topics").EnumerateArray().Append(work.GetProperty("primary_topic"));

    private static string Short(string id) => id.Replace("https://openalex.org/", string.Empty, StringComparison.Ordinal);

    private static IReadOnlyList<string> Technologies(TechnologyMapping map) => Read(Work.ReplaceLineEndings(" "), map);

    private static IReadOnlyList<string> Read(string json, TechnologyMapping map) =>
        new OpenAlexReader().Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "w.jsonl", ReadOptions.Default with { Technologies = map }).Single().Technologies;
}
