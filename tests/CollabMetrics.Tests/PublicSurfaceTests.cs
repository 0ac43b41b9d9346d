using System.Collections;
using System.Reflection;
using CollabMetrics.Aggregation;
using CollabMetrics.Export;
using CollabMetrics.Geography;
using CollabMetrics.Graph;
using CollabMetrics.IO;
using CollabMetrics.Metrics;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests;

/// <summary>
/// Everything reachable from an immutable object of the library is immutable: every list, collection or dictionary
/// a public property or parameterless method returns, from a corpus, a cube and its slices, an analysis, every
/// result table and its rows, a graph and its partition, the options records and the static tables, refuses to
/// change through the mutable interfaces it implements (a cast to <see cref="IList{T}"/> or to an array).
/// </summary>
public class PublicSurfaceTests
{
    [Fact]
    public void EveryReachableCollection_IsReadOnly()
    {
        var corpus = TestCorpora.MetricsVector();
        var analysis = corpus.Countries().WithGroup(UnitGroups.Quad);
        var cube = analysis.Cube;
        var partners = analysis.Focus("CN").Partners().ByYear(2020, 2020).Rank(CollaborationIndex.PartnerShare);
        var graph = CoauthorshipGraph.FromSlice(cube.All());
        var partition = CommunityDetection.Leiden(graph);
        object[] roots =
        [
            corpus, corpus.Report, analysis, cube, cube.All(), analysis.Options, partners, partners.Series("US", CollaborationIndex.Salton),
            analysis.Units().Compute(), analysis.Pairs().Compute(), graph, partition, CoauthorshipGraphSeries.FromCube(cube),
            GraphExportOptions.Default with { Attributes = [NodeColumn.Partition("c", partition)] }, UnitGroups.FiveEyes,
            CountryResolverOptions.Default.WithAlias("Bavaria", Country.Parse("DE")), new ReadOptions(), CentralityOptions.Default,
            PublicationFiles.Open([Fixtures.OpenAlexWorks50]).InTechnology("Medicine"),
        ];
        var statics = new object?[]
        {
            Country.All, UnitGroups.All, CollaborationIndices.All, CollaborationIndices.AllNames, LinkWeightings.All, LinkWeightings.AllNames,
            TerritoryPolicies.AllNames, GraphFormats.AllNames, GraphFormats.KnownExtensions, PublicationFormats.AllNames, CountryResolver.BuiltInAliases,
        };

        var problems = new List<string>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var root in roots)
        {
            Visit(root, root.GetType().Name, depth: 0, visited, problems);
        }

        foreach (var value in statics)
        {
            Check(value, "static " + value!.GetType().Name, problems);
        }

        problems.Should().BeEmpty();
        visited.Count.Should().BeGreaterThan(50, "the sweep reaches rows, units and options, not only the roots");
        var probe = new List<string>();
        Check(Enumerable.Range(0, 1).ToArray(), "int[]", probe);
        Check(new List<int>(), "List", probe);
        probe.Should().HaveCount(2, "the check itself sees arrays and writable lists");
    }

    [Fact]
    public void CorpusTechnologies_CastToListAndChanged_Refused()
    {
        var corpus = Corpus.Build([TestCorpora.FromCountries("a", 2020, [["CN"], ["US"]], "Quantum")]);

        var list = (IList<string>)corpus.Technologies;

        FluentActions.Invoking(() => list[0] = "HACKED").Should().Throw<NotSupportedException>();
        corpus.Technologies.Should().Equal("Quantum");
        corpus.Technologies.Should().NotBeAssignableTo<string[]>();
        corpus.InTechnology("Quantum").Count.Should().Be(1);
    }

    [Fact]
    public void CorpusReport_ReadOnly_AReaderGivenItThrows()
    {
        var corpus = TestCorpora.MetricsVector();
        var report = corpus.Report;
        using var stream = new MemoryStream("publication_id,source,doi,year,author_position,author_id,corresponding,institution_id,institution_name,country,technologies,citations\nX,openalex,,2020,1,,,,,US,,\n"u8.ToArray());

        report.IsReadOnly.Should().BeTrue();
        typeof(IngestReport).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name != "ToString").Should().BeEmpty("the report's public surface is read-only");
        FluentActions.Invoking(() => PublicationReader.For(PublicationFormat.CollabMetricsCsv).Read(stream, "x.csv", report: report).ToList())
            .Should().Throw<InvalidOperationException>().WithMessage("*read-only*new IngestReport*");
        corpus.Report.RecordsRead.Should().Be(0, "nothing was added to the corpus's report");
        new IngestReport().IsReadOnly.Should().BeFalse("a new report collects what a reader finds");
    }

    [Fact]
    public void UnitGroup_CallersListChangedLater_GroupAndAnalysisUnchanged()
    {
        var members = new List<Country> { Country.Parse("US"), Country.Parse("JP") };
        var group = new UnitGroup("Allies", members);
        var analysis = TestCorpora.MetricsVector().Countries().WithGroup(group);
        var before = analysis.Focus("CN").Partners(group).Compute().Single().Copublications;

        members.Add(Country.Parse("PK"));
        members[0] = Country.Parse("GB");

        group.Members.Should().Equal(Country.Parse("US"), Country.Parse("JP"));
        analysis.Options.Groups.Single().Members.Should().HaveCount(2);
        analysis.Focus("CN").Partners(group).Compute().Single().Copublications.Should().Be(before).And.Be(5);
        FluentActions.Invoking(() => new UnitGroup("Bad", [Country.Unknown])).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void CommunityMembership_CastToListAndChanged_Refused()
    {
        var graph = CoauthorshipGraph.FromSlice(CollaborationCube.Build(TestCorpora.MetricsVector()).All());
        var partition = CommunityDetection.Louvain(graph);

        FluentActions.Invoking(() => ((IList<int>)partition.Membership)[0] = 99).Should().Throw<NotSupportedException>();
        partition.Membership.Should().NotContain(99);
    }

    [Fact]
    public void AggregationOptionsGroups_CallersListChangedLater_OptionsUnchanged()
    {
        var groups = new List<UnitGroup> { UnitGroups.Quad };
        var options = AggregationOptions.Default with { Groups = groups };

        groups.Add(UnitGroups.G7);

        options.Groups.Should().ContainSingle();
        FluentActions.Invoking(() => ((IList<UnitGroup>)options.Groups).Add(UnitGroups.EU27)).Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void NodeColumn_CallersArrayChangedLater_ExportUnchanged()
    {
        var graph = CoauthorshipGraph.FromSlice(CollaborationCube.Build(TestCorpora.MetricsVector()).All());
        var values = Enumerable.Repeat(0.5, graph.NodeCount).ToArray();
        var options = GraphExportOptions.Default with { Attributes = [NodeColumn.Vector("score", values)] };
        string before = GraphWriter.NodeTableCsv(graph, options).ToText();

        values[0] = 99;

        GraphWriter.NodeTableCsv(graph, options).ToText().Should().Be(before);
    }

    private static void Visit(object? value, string path, int depth, HashSet<object> visited, List<string> problems)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value is Delegate || depth > 4)
        {
            return;
        }

        if (!value.GetType().IsValueType && !visited.Add(value))
        {
            return;
        }

        Check(value, path, problems);
        if (value is IEnumerable items and not string)
        {
            int n = 0;
            foreach (var item in items)
            {
                if (n++ == 3)
                {
                    break;
                }

                Visit(item, path + "[]", depth + 1, visited, problems);
            }
        }

        if (value.GetType().Namespace?.StartsWith("CollabMetrics", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType.IsByRefLike
                || (value is Corpus && property.Name == nameof(Corpus.Publications)))
            {
                // Corpus.Publications materializes new Publication objects (the input model) on every enumeration.
                continue;
            }

            var first = property.GetValue(value);
            if (first is Array && !ReferenceEquals(first, property.GetValue(value)))
            {
                continue;   // a new copy on every read: changing it changes nothing the object holds
            }

            Visit(first, path + "." + property.Name, depth + 1, visited, problems);
        }

        foreach (var method in value.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (method.GetParameters().Length == 0 && !method.IsSpecialName && !method.ContainsGenericParameters
                && method.ReturnType != typeof(void) && IsCollection(method.ReturnType) && !method.Name.StartsWith("To", StringComparison.Ordinal))
            {
                var first = method.Invoke(value, null);
                if (first is Array && !ReferenceEquals(first, method.Invoke(value, null)))
                {
                    continue;
                }

                Visit(first, path + "." + method.Name + "()", depth + 1, visited, problems);
            }
        }
    }

    private static bool IsCollection(Type type) => typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string);

    private static void Check(object? value, string path, List<string> problems)
    {
        switch (value)
        {
            case null:
                return;
            case Array:
                problems.Add($"{path} is an array ({value.GetType().Name}): a cast makes it writable");
                return;
            case IList { IsReadOnly: false }:
                problems.Add($"{path} is a writable {value.GetType().Name}");
                return;
            case IDictionary { IsReadOnly: false }:
                problems.Add($"{path} is a writable {value.GetType().Name}");
                return;
        }

        foreach (var face in value.GetType().GetInterfaces())
        {
            if (face.IsGenericType && face.GetGenericTypeDefinition() == typeof(ICollection<>)
                && !(bool)face.GetProperty("IsReadOnly")!.GetValue(value)!)
            {
                problems.Add($"{path} is a writable {value.GetType().Name} ({face.Name})");
                return;
            }
        }
    }
}
