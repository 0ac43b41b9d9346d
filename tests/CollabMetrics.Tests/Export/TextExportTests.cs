using System.Globalization;
using System.Text;
using System.Text.Json;
using CollabMetrics.Export;
using CollabMetrics.Graph;

namespace CollabMetrics.Tests.Export;

public class TextExportTests
{
    private static readonly int[] Clusters = [1, 1, 2, 2, 3];
    private static readonly string[] Communities = ["0", "0", "1", "1", "2"];

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void PajekNetwork_ParsesBack()
    {
        CoauthorshipGraph graph = ExportGraphs.Countries();
        string[] lines = Lines(GraphWriter.PajekNetwork(graph).ToText());
        lines[0].Should().Be("*Vertices 5");
        var labels = new Dictionary<int, string>();
        int i = 1;
        for (; !lines[i].StartsWith('*'); i++)
        {
            int space = lines[i].IndexOf(' ', StringComparison.Ordinal);
            string label = lines[i][(space + 1)..];
            label.Should().StartWith("\"").And.EndWith("\"");
            labels[int.Parse(lines[i][..space], CultureInfo.InvariantCulture)] = label[1..^1];
        }

        labels[2].Should().Be("United States, 'USA' & <territories>");
        labels[1].Should().Be("China");
        lines[i].Should().Be("*Edges");
        var links = lines[(i + 1)..].Select(l => l.Split(' ')).Select(p => ExportGraphs.Ordered(
            graph.Ids[int.Parse(p[0], CultureInfo.InvariantCulture) - 1], graph.Ids[int.Parse(p[1], CultureInfo.InvariantCulture) - 1], D(p[2])));
        links.Should().BeEquivalentTo(ExportGraphs.LinkSet(graph));
    }

    [Fact]
    public void PajekColumns_PartitionIsOneBased_VectorWritesSentinelForNaN()
    {
        CoauthorshipGraph graph = ExportGraphs.Countries();
        GraphExportOptions options = ExportGraphs.WithColumns(graph);
        GraphWriter clu = GraphWriter.PajekColumn(options.Attributes[0]);
        clu.Extension.Should().Be(".clu");
        clu.Format.Should().Be(GraphFormat.PajekPartition);
        Lines(clu.ToText()).Should().Equal("*Vertices 5", "1", "1", "2", "2", "3");
        GraphWriter vec = GraphWriter.PajekColumn(options.Attributes[1]);
        vec.Extension.Should().Be(".vec");
        vec.Format.Should().Be(GraphFormat.PajekVector);
        Lines(vec.ToText()).Skip(1).Select(D).Should().Equal(0.3, 0.25, 0.2, 1e-7, GraphWriter.PajekMissingValue);
    }

    [Fact]
    public void VosviewerMapAndNetwork_ParseBack()
    {
        CoauthorshipGraph graph = ExportGraphs.Countries();
        string[] map = Lines(GraphWriter.VosviewerMap(graph, ExportGraphs.WithColumns(graph)).ToText());
        string[] header = map[0].Split('\t');
        header.Should().Equal("id", "label", "cluster", "weight<Links>", "weight<Total link strength>", "weight<Documents>",
            "weight<Fractional documents>", "weight<International documents>", "score<pagerank>");
        map.Should().HaveCount(6);
        foreach (string line in map.Skip(1))
        {
            string[] f = line.Split('\t');
            f.Should().HaveCount(header.Length);
            int v = int.Parse(f[0], CultureInfo.InvariantCulture) - 1;
            f[1].Should().Be(graph.Labels[v].Replace('\t', ' '));
            int.Parse(f[2], CultureInfo.InvariantCulture).Should().Be(Clusters[v]);
            int.Parse(f[3], CultureInfo.InvariantCulture).Should().Be(graph.Degree(v));
            D(f[4]).Should().Be(graph.Strength(v));
            D(f[5]).Should().Be(graph.WholeOutput[v]);
            (f[6].Length == 0 ? double.NaN : D(f[6])).Should().Be(graph.FractionalOutput[v]);
        }

        // CN: 3 partners (US, PK, JP), strength 4 + 4 + 2 = 10 (METRICS.md C_CN = 10).
        map[1].Split('\t')[3..5].Should().Equal("3", "10");
        map[5].Split('\t')[^1].Should().BeEmpty();

        var links = Lines(GraphWriter.VosviewerNetwork(graph).ToText()).Select(l => l.Split('\t')).Select(p => ExportGraphs.Ordered(
            graph.Ids[int.Parse(p[0], CultureInfo.InvariantCulture) - 1], graph.Ids[int.Parse(p[1], CultureInfo.InvariantCulture) - 1], D(p[2])));
        links.Should().BeEquivalentTo(ExportGraphs.LinkSet(graph));
    }

    [Fact]
    public void VosviewerJson_ParsesBack()
    {
        CoauthorshipGraph graph = ExportGraphs.Countries();
        using JsonDocument doc = JsonDocument.Parse(GraphWriter.VosviewerJson(graph, ExportGraphs.WithColumns(graph)).ToText());
        JsonElement network = doc.RootElement.GetProperty("network");
        var items = network.GetProperty("items").EnumerateArray().ToList();
        items.Should().HaveCount(5);
        foreach (JsonElement item in items)
        {
            int v = item.GetProperty("id").GetInt32() - 1;
            item.GetProperty("label").GetString().Should().Be(graph.Labels[v]);
            item.GetProperty("cluster").GetInt32().Should().Be(Clusters[v]);
            item.GetProperty("weights").GetProperty("Documents").GetDouble().Should().Be(graph.WholeOutput[v]);
            item.GetProperty("weights").GetProperty("Total link strength").GetDouble().Should().Be(graph.Strength(v));
        }

        items[3].GetProperty("weights").TryGetProperty("Fractional documents", out _).Should().BeFalse();
        items[3].GetProperty("scores").GetProperty("pagerank").GetDouble().Should().Be(1e-7);
        items[4].GetProperty("scores").TryGetProperty("pagerank", out _).Should().BeFalse();
        var links = network.GetProperty("links").EnumerateArray().Select(l => ExportGraphs.Ordered(
            graph.Ids[l.GetProperty("source_id").GetInt32() - 1], graph.Ids[l.GetProperty("target_id").GetInt32() - 1], l.GetProperty("strength").GetDouble()));
        links.Should().BeEquivalentTo(ExportGraphs.LinkSet(graph));
    }

    [Fact]
    public void Gml_ParsesBack()
    {
        CoauthorshipGraph graph = ExportGraphs.Countries();
        GmlNode root = GmlNode.Parse(GraphWriter.Gml(graph, ExportGraphs.WithColumns(graph)).ToText());
        GmlNode g = root.Children("graph").Single();
        g.Value("directed").Should().Be("0");
        var nodes = g.Children("node").ToList();
        nodes.Should().HaveCount(5);
        foreach (GmlNode node in nodes)
        {
            int v = int.Parse(node.Value("id")!, CultureInfo.InvariantCulture);
            GmlNode.Unquote(node.Value("unitid")!).Should().Be(graph.Ids[v]);
            GmlNode.Unquote(node.Value("label")!).Should().Be(graph.Labels[v]);
            D(node.Value("P")!).Should().Be(graph.WholeOutput[v]);
            node.Value("community").Should().Be(Communities[v]);
        }

        nodes[3].Value("F").Should().BeNull();
        nodes[1].Value("label").Should().Be("\"United States, &quot;USA&quot; &amp; <territories>\"");
        var links = g.Children("edge").Select(e => ExportGraphs.Ordered(
            graph.Ids[int.Parse(e.Value("source")!, CultureInfo.InvariantCulture)], graph.Ids[int.Parse(e.Value("target")!, CultureInfo.InvariantCulture)], D(e.Value("weight")!)));
        links.Should().BeEquivalentTo(ExportGraphs.LinkSet(graph));
    }

    [Fact]
    public void CsvTables_ParseBack()
    {
        CoauthorshipGraph graph = ExportGraphs.Countries();
        List<string[]> nodes = ParseCsv(GraphWriter.NodeTableCsv(graph, ExportGraphs.WithColumns(graph)).ToText());
        nodes[0].Should().Equal("node", "id", "label", "P", "F", "I", "degree", "strength", "community", "pagerank");
        nodes.Should().HaveCount(6);
        foreach (string[] row in nodes.Skip(1))
        {
            int v = int.Parse(row[0], CultureInfo.InvariantCulture);
            row[1].Should().Be(graph.Ids[v]);
            row[2].Should().Be(graph.Labels[v]);
            (row[4].Length == 0 ? double.NaN : D(row[4])).Should().Be(graph.FractionalOutput[v]);
            D(row[7]).Should().Be(graph.Strength(v));
        }

        nodes[5][9].Should().BeEmpty();
        List<string[]> links = ParseCsv(GraphWriter.LinkTableCsv(graph).ToText());
        links[0].Should().Equal("source", "target", "weight");
        links.Skip(1).Select(r => ExportGraphs.Ordered(r[0], r[1], D(r[2]))).Should().BeEquivalentTo(ExportGraphs.LinkSet(graph));
    }

    [Fact]
    public void Json_ParsesBack_NaNIsNull()
    {
        CoauthorshipGraph graph = ExportGraphs.Countries();
        using JsonDocument doc = JsonDocument.Parse(GraphWriter.Json(graph, ExportGraphs.WithColumns(graph)).ToText());
        doc.RootElement.GetProperty("level").GetString().Should().Be("country");
        doc.RootElement.GetProperty("weighting").GetString().Should().Be("full", "the library's name of LinkWeighting.Full, whatever spelling the builder was given");
        var nodes = doc.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        nodes[3].GetProperty("F").ValueKind.Should().Be(JsonValueKind.Null);
        nodes[3].GetProperty("label").GetString().Should().Be("日本 / Côte");
        nodes[0].GetProperty("community").GetInt32().Should().Be(0);
        nodes[4].GetProperty("pagerank").ValueKind.Should().Be(JsonValueKind.Null);
        doc.RootElement.GetProperty("links").EnumerateArray()
            .Select(l => ExportGraphs.Ordered(l.GetProperty("source").GetString()!, l.GetProperty("target").GetString()!, l.GetProperty("weight").GetDouble()))
            .Should().BeEquivalentTo(ExportGraphs.LinkSet(graph));
    }

    [Fact]
    public async Task AsyncTwins_WriteTheSameBytes_OnAGraphLargerThanOneChunk()
    {
        // 6,000 nodes: every format is larger than one 64K-character chunk (the VOSviewer network file, the smallest,
        // is about 73 KB), so the async twins write several chunks.
        var builder = new CoauthorshipGraphBuilder(GraphLevel.Author);
        for (int v = 0; v < 6000; v++)
        {
            builder.AddLink($"author-{v}", $"author-{(v * 7 + 1) % 6000}", 1 + (v % 3));
        }

        CoauthorshipGraph graph = builder.Build();
        GraphWriter[] writers =
        [
            GraphWriter.GraphML(graph), GraphWriter.Gexf(graph), GraphWriter.PajekNetwork(graph), GraphWriter.VosviewerMap(graph),
            GraphWriter.VosviewerNetwork(graph), GraphWriter.VosviewerJson(graph), GraphWriter.Gml(graph), GraphWriter.NodeTableCsv(graph),
            GraphWriter.LinkTableCsv(graph), GraphWriter.Json(graph),
        ];
        string directory = Directory.CreateTempSubdirectory("collabmetrics-graph-").FullName;
        try
        {
            foreach (GraphWriter writer in writers)
            {
                string text = writer.ToText();
                byte[] expected = Encoding.UTF8.GetBytes(text);
                using var sync = new MemoryStream();
                writer.ToText(sync);
                using var async = new MemoryStream();
                await writer.ToTextAsync(async);
                using var textWriter = new StringWriter();
                await writer.ToTextAsync(textWriter);
                SameBytes(sync.ToArray(), expected, writer.ToString());
                SameBytes(async.ToArray(), expected, writer.ToString());
                textWriter.ToString().Should().Be(text);
                sync.Length.Should().BeGreaterThan(1 << 16);

                string file = Path.Combine(directory, writer.Format + writer.Extension);
                await writer.ToFileAsync(file);
                SameBytes(File.ReadAllBytes(file), expected, file);
                writer.ToFile(file);
                SameBytes(File.ReadAllBytes(file), expected, file);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Create_EveryGraphFormat_SameTextAsItsFactory()
    {
        CoauthorshipGraph graph = ExportGraphs.Countries();
        var options = ExportGraphs.WithColumns(graph);

        GraphWriter.Create(graph, GraphFormat.Gexf, options).ToText().Should().Be(GraphWriter.Gexf(graph, options).ToText());
        GraphWriter.Create(graph, GraphFormat.Pajek).ToText().Should().Be(GraphWriter.PajekNetwork(graph).ToText());
        GraphWriter.Create(graph, GraphFormat.VosviewerMap, options).ToText().Should().Be(GraphWriter.VosviewerMap(graph, options).ToText());
        GraphWriter.Create(graph, GraphFormat.LinkTableCsv).ToText().Should().Be(GraphWriter.LinkTableCsv(graph).ToText());
        foreach (var format in GraphFormats.All.Except([GraphFormat.PajekPartition, GraphFormat.PajekVector]))
        {
            var writer = GraphWriter.Create(graph, format, options);
            writer.Format.Should().Be(format);
            writer.Extension.Should().Be(format.Extension());
            writer.ToText().Should().NotBeEmpty();
        }

        FluentActions.Invoking(() => GraphWriter.Create(graph, GraphFormat.PajekPartition)).Should().Throw<ArgumentException>().WithMessage("*PajekColumn*");
    }

    [Theory]
    [InlineData("g.gexf", GraphFormat.Gexf)]
    [InlineData("out/g.GraphML", GraphFormat.GraphML)]
    [InlineData("network.net", GraphFormat.Pajek)]
    [InlineData("links.csv", GraphFormat.LinkTableCsv)]
    [InlineData("g.json", GraphFormat.Json)]
    public void GraphFormats_KnownExtension_NamesOneFormat(string path, GraphFormat expected)
    {
        GraphFormats.TryFromPath(path, out var format).Should().BeTrue();
        format.Should().Be(expected);
        GraphFormats.Parse(format.ToName()).Should().Be(format);
    }

    [Theory]
    [InlineData("g.xyz")]
    [InlineData("map.txt")]
    [InlineData("graph")]
    public void GraphFormats_OtherExtension_NoGuess(string path) =>
        GraphFormats.TryFromPath(path, out _).Should().BeFalse();

    /// <summary>Compares two byte arrays in one pass (FluentAssertions' element-wise comparison of large arrays takes seconds).</summary>
    private static void SameBytes(byte[] actual, byte[] expected, string what)
    {
        int length = Math.Min(actual.Length, expected.Length);
        int first = actual.AsSpan(0, length).CommonPrefixLength(expected.AsSpan(0, length));
        (first == length && actual.Length == expected.Length).Should().BeTrue(
            $"{what} must write the same bytes: lengths {actual.Length} and {expected.Length}, first difference at byte {first}");
    }

    [Fact]
    public async Task ToTextAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await FluentActions.Awaiting(() => GraphWriter.Json(ExportGraphs.Countries()).ToTextAsync(Stream.Null, cancelled.Token))
            .Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Columns_WrongLengthOrBadPartition_Throw()
    {
        CoauthorshipGraph graph = ExportGraphs.Countries();
        FluentActions.Invoking(() => GraphWriter.GraphML(graph, GraphExportOptions.Default with { Attributes = [NodeColumn.Vector("x", [1, 2])] }))
            .Should().Throw<ArgumentException>().WithMessage("*one value per node*");
        FluentActions.Invoking(() => GraphWriter.GraphML(graph, GraphExportOptions.Default with { Attributes = [new NodeColumn("c", [0, 1.5, 0, 0, 0], true)] }))
            .Should().Throw<ArgumentException>().WithMessage("*integers*");
        FluentActions.Invoking(() => GraphWriter.Gml(graph, GraphExportOptions.Default with { Attributes = [NodeColumn.Vector("page rank", [1, 2, 3, 4, 5])] }))
            .Should().Throw<ArgumentException>().WithMessage("*GML keys*");
    }

    /// <summary>RFC 4180 parser: quoted fields with doubled quotes, commas and newlines inside quotes.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }

    /// <summary>A small GML reader: "key value" pairs and "key [ ... ]" lists, strings in double quotes.</summary>
    private sealed class GmlNode
    {
        private readonly List<(string Key, string? Value, GmlNode? List)> _entries = [];

        public static GmlNode Parse(string text)
        {
            int position = 0;
            return ParseList(text, ref position);
        }

        public static string Unquote(string quoted)
        {
            quoted.Should().StartWith("\"").And.EndWith("\"");
            string inner = quoted[1..^1];
            var builder = new StringBuilder();
            for (int i = 0; i < inner.Length; i++)
            {
                if (inner[i] == '&')
                {
                    int end = inner.IndexOf(';', i);
                    string entity = inner[(i + 1)..end];
                    builder.Append(entity switch
                    {
                        "quot" => "\"",
                        "amp" => "&",
                        _ when entity.StartsWith('#') => char.ConvertFromUtf32(int.Parse(entity[1..], CultureInfo.InvariantCulture)),
                        _ => throw new FormatException(entity),
                    });
                    i = end;
                }
                else
                {
                    builder.Append(inner[i]);
                }
            }

            return builder.ToString();
        }

        public IEnumerable<GmlNode> Children(string key) => _entries.Where(e => e.Key == key && e.List is not null).Select(e => e.List!);

        public string? Value(string key) => _entries.FirstOrDefault(e => e.Key == key && e.List is null).Value;

        private static GmlNode ParseList(string text, ref int position)
        {
            var node = new GmlNode();
            while (true)
            {
                string? key = Token(text, ref position);
                if (key is null or "]")
                {
                    return node;
                }

                string value = Token(text, ref position) ?? throw new FormatException("value expected after " + key);
                if (value == "[")
                {
                    node._entries.Add((key, null, ParseList(text, ref position)));
                }
                else
                {
                    node._entries.Add((key, value, null));
                }
            }
        }

        private static string? Token(string text, ref int position)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            if (position >= text.Length)
            {
                return null;
            }

            int start = position;
            if (text[position] == '"')
            {
                position = text.IndexOf('"', position + 1) + 1;
                return text[start..position];
            }

            while (position < text.Length && !char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            return text[start..position];
        }
    }
}
