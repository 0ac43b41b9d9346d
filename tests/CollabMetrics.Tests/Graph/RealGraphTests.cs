using System.Text.Json;
using CollabMetrics.Graph;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Graph;

/// <summary>
/// Cross-check on a real graph: the Full country graph of the 50 OpenAlex works of the fixtures (each work's set of
/// authorships[].countries), built here straight from the JSON, against values computed independently by a
/// plain Python script (Brandes with predecessor lists, Dijkstra with a heap on 1/weight lengths, power iteration
/// to 1e-15, triangle counting by pairs of partners; networkx is not installed). Checked by hand: 37 countries,
/// 101 links (total weight 113), density 2*101/(37*36) = 0.15165; six components: 30 countries, the pairs CO-PE
/// and KR-MA (each of their nodes reaches one node at distance 1: closeness (1/1)(1/36) = 1/36, betweenness 0,
/// clustering undefined) and the isolated IR, QA and SG (only single-country works: closeness 0, degree 0).
/// </summary>
public class RealGraphTests
{
    private static readonly Dictionary<string, (int Degree, double Strength, double Betweenness, double WeightedBetweenness,
        double Closeness, double WeightedCloseness, double PageRank, double Eigenvector, double Clustering)> Expected = new()
    {
        ["AU"] = (9, 9.0, 0.0, 0.0, 0.40984405458089673, 0.4286442405708461, 0.030741706967125783, 0.22594349985840886, 1.0),
        ["AZ"] = (5, 5.0, 0.0, 0.0, 0.3156906906906907, 0.32902973395931145, 0.01940657718358155, 0.09709274378621617, 1.0),
        ["BD"] = (5, 5.0, 0.04596119929453262, 0.04497354497354497, 0.3767921146953405, 0.3970727101038716, 0.02354089346668977, 0.09320970676970906, 0.4),
        ["BR"] = (12, 12.0, 0.05467624086671706, 0.0355479969765684, 0.45806100217864926, 0.4833333333333334, 0.04098779855891272, 0.26483748432614884, 0.6212121212121212),
        ["CN"] = (2, 2.0, 0.0, 0.0, 0.3156906906906907, 0.3369391025641026, 0.010294067515784525, 0.050216332461174074, 1.0),
        ["CO"] = (1, 1.0, 0.0, 0.0, 0.027777777777777776, 0.027777777777777776, 0.029027576197387515, 2.343034774596646e-98, double.NaN),
        ["DE"] = (10, 10.0, 0.012380952380952381, 0.010793650793650795, 0.4171626984126985, 0.43665628245067495, 0.035041538338357894, 0.2302702381003093, 0.8222222222222222),
        ["DK"] = (9, 9.0, 0.0, 0.0, 0.40984405458089673, 0.4286442405708461, 0.030741706967125783, 0.22594349985840886, 1.0),
        ["ES"] = (4, 4.0, 0.009523809523809523, 0.007407407407407407, 0.3156906906906907, 0.35485232067510547, 0.021235137140151884, 0.03587471520875817, 0.6666666666666666),
        ["ET"] = (1, 1.0, 0.0, 0.0, 0.27810846560846564, 0.3121752041573868, 0.00813370984778811, 0.01256664119855395, double.NaN),
        ["FI"] = (1, 1.0, 0.0, 0.0, 0.2595679012345679, 0.2690339091490723, 0.008356088318945387, 0.00878835408458342, double.NaN),
        ["FR"] = (9, 9.0, 0.0, 0.0, 0.40984405458089673, 0.4286442405708461, 0.030741706967125783, 0.22594349985840886, 1.0),
        ["GB"] = (14, 15.0, 0.15172209624590582, 0.163167044595616, 0.49704491725768324, 0.5518372703412073, 0.052260005777929, 0.30232660298135366, 0.4945054945054945),
        ["HU"] = (2, 2.0, 0.0, 0.0, 0.2224867724867725, 0.2396011396011396, 0.01931135678570651, 0.00283583397299575, 1.0),
        ["IN"] = (9, 10.0, 0.12751322751322758, 0.1402116402116402, 0.4171626984126985, 0.4988137603795967, 0.04446556962564688, 0.13328240190641813, 0.3055555555555556),
        ["IQ"] = (3, 3.0, 0.0, 0.0, 0.28489159891598914, 0.320747520976354, 0.01764582766056331, 0.017609438771732037, 1.0),
        ["IR"] = (0, 0, 0.0, 0.0, 0.0, 0.0, 0.004354136429608128, 1.3771120706592647e-136, double.NaN),
        ["IT"] = (10, 12.0, 0.12380952380952381, 0.12380952380952381, 0.4326131687242799, 0.502389486260454, 0.043120441638962566, 0.2832493634109929, 0.8),
        ["JO"] = (3, 3.0, 0.0, 0.0, 0.28489159891598914, 0.320747520976354, 0.01764582766056331, 0.017609438771732037, 1.0),
        ["KR"] = (1, 1.0, 0.0, 0.0, 0.027777777777777776, 0.027777777777777776, 0.029027576197387515, 2.343034774596646e-98, double.NaN),
        ["LB"] = (4, 4.0, 0.0, 0.0, 0.38296903460837883, 0.39707271010387163, 0.017102928121295487, 0.08662154663596322, 1.0),
        ["MA"] = (1, 1.0, 0.0, 0.0, 0.027777777777777776, 0.027777777777777776, 0.029027576197387515, 2.343034774596646e-98, double.NaN),
        ["MY"] = (7, 9.0, 0.006297556059460822, 0.005366591080876794, 0.38296903460837883, 0.4326131687242799, 0.03160246400166775, 0.18330597704876198, 0.7142857142857143),
        ["NG"] = (10, 15.0, 0.032991937515747034, 0.06430461073318215, 0.4326131687242799, 0.4935446009389672, 0.051276935200826435, 0.27111561323245403, 0.5111111111111111),
        ["NO"] = (9, 11.0, 0.0, 0.0, 0.40984405458089673, 0.4866898148148148, 0.03679307469596334, 0.2810884040539921, 1.0),
        ["OM"] = (1, 1.0, 0.0, 0.0, 0.30339105339105343, 0.3267288267288267, 0.0072908573330746525, 0.033637887111940774, double.NaN),
        ["PE"] = (1, 1.0, 0.0, 0.0, 0.027777777777777776, 0.027777777777777776, 0.029027576197387515, 2.343034774596646e-98, double.NaN),
        ["PL"] = (2, 2.0, 0.0, 0.0, 0.2224867724867725, 0.2396011396011396, 0.01931135678570651, 0.00283583397299575, 1.0),
        ["QA"] = (0, 0, 0.0, 0.0, 0.0, 0.0, 0.004354136429608128, 1.3771120706592647e-136, double.NaN),
        ["SA"] = (7, 8.0, 0.009278155706727133, 0.004705215419501135, 0.38296903460837883, 0.4171626984126985, 0.029571140830217914, 0.14620807235154687, 0.6190476190476191),
        ["SE"] = (9, 9.0, 0.0, 0.0, 0.40984405458089673, 0.4286442405708461, 0.030741706967125786, 0.22594349985840886, 1.0),
        ["SG"] = (0, 0, 0.0, 0.0, 0.0, 0.0, 0.004354136429608128, 1.3771120706592647e-136, double.NaN),
        ["SK"] = (3, 3.0, 0.08571428571428572, 0.08571428571428572, 0.29950142450142453, 0.3313632781717888, 0.023823154313551923, 0.027241157751108473, 0.3333333333333333),
        ["TR"] = (11, 13.0, 0.08083144368858654, 0.07221466364323507, 0.44077568134171907, 0.4687848383500558, 0.047444263962250405, 0.211987678194759, 0.38181818181818183),
        ["TW"] = (5, 7.0, 0.008289241622574954, 0.0, 0.3893518518518519, 0.44077568134171907, 0.025702517774311297, 0.1555612970623816, 0.7),
        ["US"] = (15, 17.0, 0.13836356764928193, 0.14766061980347692, 0.4767573696145125, 0.537037037037037, 0.058734418069330475, 0.3567650510983248, 0.41904761904761906),
        ["ZA"] = (7, 11.0, 0.006297556059460822, 0.0072184429327286454, 0.38296903460837883, 0.45508658008658004, 0.03776250744534285, 0.21715297687681784, 0.7142857142857143),
    };

    private static CoauthorshipGraph CountryGraph()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Fixtures.OpenAlexWorks50));
        var builder = new CoauthorshipGraphBuilder(GraphLevel.Country, "Full");
        var sets = new List<string[]>();
        foreach (JsonElement work in doc.RootElement.EnumerateArray())
        {
            var countries = new SortedSet<string>(StringComparer.Ordinal);
            foreach (JsonElement authorship in work.GetProperty("authorships").EnumerateArray())
            {
                if (authorship.TryGetProperty("countries", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement c in list.EnumerateArray())
                    {
                        countries.Add(c.GetString()!);
                    }
                }
            }

            sets.Add([.. countries]);
        }

        foreach (string code in sets.SelectMany(s => s).Distinct().Order(StringComparer.Ordinal))
        {
            builder.AddNode(code);
        }

        foreach (string[] set in sets)
        {
            for (int i = 0; i < set.Length; i++)
            {
                for (int j = i + 1; j < set.Length; j++)
                {
                    builder.AddLink(set[i], set[j], 1);
                }
            }
        }

        return builder.Build();
    }

    [Fact]
    public void Measures_MatchIndependentReference()
    {
        CoauthorshipGraph graph = CountryGraph();
        graph.NodeCount.Should().Be(37);
        graph.LinkCount.Should().Be(101);
        graph.TotalWeight.Should().Be(113);
        var weighted = CentralityOptions.Default with { Weighted = true };
        int[] degree = Centrality.Degree(graph);
        double[] strength = Centrality.Strength(graph);
        double[] betweenness = Centrality.Betweenness(graph);
        double[] weightedBetweenness = Centrality.Betweenness(graph, weighted);
        double[] closeness = Centrality.Closeness(graph);
        double[] weightedCloseness = Centrality.Closeness(graph, weighted);
        double[] pageRank = Centrality.PageRank(graph);
        double[] eigenvector = Centrality.Eigenvector(graph);
        double[] clustering = Centrality.LocalClustering(graph);
        foreach ((string code, var e) in Expected)
        {
            int v = graph[code];
            degree[v].Should().Be(e.Degree, code);
            strength[v].Should().Be(e.Strength, code);
            betweenness[v].Should().BeApproximately(e.Betweenness, 1e-12, code);
            weightedBetweenness[v].Should().BeApproximately(e.WeightedBetweenness, 1e-12, code);
            closeness[v].Should().BeApproximately(e.Closeness, 1e-12, code);
            weightedCloseness[v].Should().BeApproximately(e.WeightedCloseness, 1e-12, code);
            pageRank[v].Should().BeApproximately(e.PageRank, 1e-9, code);
            eigenvector[v].Should().BeApproximately(e.Eigenvector, 1e-8, code);
            if (double.IsNaN(e.Clustering))
            {
                double.IsNaN(clustering[v]).Should().BeTrue(code);
            }
            else
            {
                clustering[v].Should().BeApproximately(e.Clustering, 1e-12, code);
            }
        }
    }

    [Fact]
    public void Statistics_MatchIndependentReference()
    {
        GraphStatistics stats = GraphStatistics.Of(CountryGraph());
        stats.ComponentCount.Should().Be(6);
        stats.LargestComponentSize.Should().Be(30);
        stats.Density.Should().BeApproximately(2 * 101 / (37.0 * 36), 1e-15);
        stats.Diameter.Should().Be(5);
        stats.WeightedDiameter.Should().BeApproximately(4.5, 1e-12);
        stats.AverageClustering.Should().BeApproximately(0.7593737538181983, 1e-12);
    }

    [Fact]
    public void Communities_LeidenNoWorseThanLouvain_AndModularityMatchesDefinition()
    {
        CoauthorshipGraph graph = CountryGraph();
        CommunityPartition louvain = CommunityDetection.Louvain(graph, CommunityOptions.Default with { Seed = 1 });
        CommunityPartition leiden = CommunityDetection.Leiden(graph, CommunityOptions.Default with { Seed = 1 });
        louvain.Modularity.Should().BeApproximately(CommunityDetectionTests.NaiveModularity(graph, louvain.Membership, 1), 1e-12);
        leiden.Modularity.Should().BeApproximately(CommunityDetectionTests.NaiveModularity(graph, leiden.Membership, 1), 1e-12);
        leiden.Modularity.Should().BeGreaterThan(0.3);

        // Separate components never share a community (joining them lowers modularity).
        int[] component = GraphStatistics.Components(graph, out _);
        for (int v = 0; v < graph.NodeCount; v++)
        {
            for (int u = 0; u < graph.NodeCount; u++)
            {
                if (component[u] != component[v])
                {
                    leiden.Membership[u].Should().NotBe(leiden.Membership[v]);
                }
            }
        }
    }
}
