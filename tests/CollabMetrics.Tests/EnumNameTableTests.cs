using CollabMetrics.Aggregation;
using CollabMetrics.Export;
using CollabMetrics.Geography;
using CollabMetrics.Graph;
using CollabMetrics.IO;
using CollabMetrics.Metrics;

namespace CollabMetrics.Tests;

/// <summary>The name tables of the enums the command line, result metadata, cube files and graph files spell.</summary>
public class EnumNameTableTests
{
    public static TheoryData<string, string[], string[]> Tables => new()
    {
        { "link weighting", [.. LinkWeightings.All.Select(w => w.ToName())], ["full", "country-set", "author", "author-refined"] },
        { "territory policy", [.. TerritoryPolicies.All.Select(p => p.ToName())], ["iso", "leiden", "greater-china"] },
        { "technology assignment", [.. TechnologyAssignments.All.Select(a => a.ToName())], ["whole", "fractional"] },
        { "unknown-author policy", [.. UnknownAuthorPolicies.All.Select(p => p.ToName())], ["exclude", "unknown-unit"] },
        { "unit level", [.. UnitLevels.All.Select(l => l.ToName())], ["country", "institution"] },
        { "graph level", [.. GraphLevels.All.Select(l => l.ToName())], ["country", "institution", "author", "other"] },
        { "publication format", [.. PublicationFormats.All.Select(f => f.ToName())], ["auto", "openalex", "wos", "wos-tab", "scopus", "csv"] },
        {
            "graph format", [.. GraphFormats.All.Select(f => f.ToName())],
            ["graphml", "gexf", "gml", "pajek", "pajek-partition", "pajek-vector", "vosviewer", "vosviewer-map", "vosviewer-network", "json", "csv", "csv-nodes"]
        },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void ToName_EveryValue_TheOneSpelling(string what, string[] names, string[] expected)
    {
        names.Should().Equal(expected, what);
        names.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Parse_EverySpellingOfEveryValue_RoundTrips()
    {
        foreach (var weighting in LinkWeightings.All)
        {
            LinkWeightings.Parse(weighting.ToName()).Should().Be(weighting);
            LinkWeightings.Parse(weighting.ToString()).Should().Be(weighting, "the C# name is accepted");
            LinkWeightings.Parse(weighting.ToName().Replace('-', '_').ToUpperInvariant()).Should().Be(weighting);
        }

        foreach (var policy in TerritoryPolicies.All)
        {
            TerritoryPolicies.Parse(policy.ToName()).Should().Be(policy);
            TerritoryPolicies.Parse(policy.ToString()).Should().Be(policy);
        }

        foreach (var format in GraphFormats.All)
        {
            GraphFormats.Parse(format.ToName()).Should().Be(format);
        }

        foreach (var format in PublicationFormats.All)
        {
            PublicationFormats.Parse(format.ToName()).Should().Be(format);
        }

        TechnologyAssignments.Parse("Fractional").Should().Be(TechnologyAssignment.Fractional);
        UnknownAuthorPolicies.Parse("AsUnknownUnit").Should().Be(UnknownAuthorPolicy.AsUnknownUnit);
        UnitLevels.Parse("INSTITUTION").Should().Be(UnitLevel.Institution);
        GraphLevels.Parse("author").Should().Be(GraphLevel.Author);
    }

    [Fact]
    public void Parse_UnknownName_FormatExceptionListingTheNames()
    {
        FluentActions.Invoking(() => LinkWeightings.Parse("fractional")).Should().Throw<FormatException>()
            .WithMessage("'fractional' is not a link weighting; use full, country-set, author or author-refined.");
        FluentActions.Invoking(() => TerritoryPolicies.Parse("china")).Should().Throw<FormatException>().WithMessage("*iso, leiden or greater-china*");
        LinkWeightings.TryParse(null, out _).Should().BeFalse();
        FluentActions.Invoking(() => ((LinkWeighting)42).ToName()).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("weighting");
    }

    [Fact]
    public void Outputs_SpellEnumsByTheirTables()
    {
        var cube = CollaborationCube.Build(TestData.TestCorpora.MetricsVector(), AggregationOptions.Default with { Territory = TerritoryPolicy.ChinaWithHongKongMacao, UnknownAuthors = UnknownAuthorPolicy.AsUnknownUnit });
        var graph = CoauthorshipGraph.FromSlice(cube.All(), LinkWeighting.CountrySet);
        var table = cube.Analyze().WithLinkWeighting(LinkWeighting.CountrySet).Pairs().Compute();

        cube.ToJson().Should().Contain("\"territory\":\"leiden\"").And.Contain("\"unknownAuthors\":\"unknown-unit\"");
        table.ToJson().Should().Contain("\"link_weighting\": \"country-set\"").And.Contain("\"unknown_authors\": \"unknown-unit\"");
        graph.Weighting.Should().Be("country-set");
        GraphWriter.Json(graph).ToText().Should().Contain("\"level\":\"country\"").And.Contain("\"weighting\":\"country-set\"");
        cube.Options.Describe().Should().Contain("territory=leiden").And.Contain("unknown-authors=unknown-unit");
    }

    [Fact]
    public void Parse_NameCloseToOne_MessageNamesTheClosest()
    {
        var parse = () => CollabMetrics.Model.DocumentTypes.Parse("reveiw");

        parse.Should().Throw<FormatException>().WithMessage("'reveiw' is not a document type; use article, review, *. Closest: review.");
    }
}
