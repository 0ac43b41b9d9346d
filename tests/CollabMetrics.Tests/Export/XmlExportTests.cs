using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using CollabMetrics.Export;
using CollabMetrics.Graph;

namespace CollabMetrics.Tests.Export;

public class XmlExportTests
{
    private static readonly int[] Clusters = [1, 1, 2, 2, 3];
    private static readonly string[] Communities = ["0", "0", "1", "1", "2"];

    private static readonly XNamespace GraphMLNs = "http://graphml.graphdrawing.org/xmlns";
    private static readonly XNamespace GexfNs = "http://gexf.net/1.3";

    /// <summary>Reads a written file with a validating XmlReader against the test's subset schema.</summary>
    private static XDocument ReadValid(string text, string schemaFile, string targetNamespace)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(targetNamespace, Path.Combine(AppContext.BaseDirectory, "Export", "Schemas", schemaFile));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(new StringReader(text), settings);
        XDocument document = XDocument.Load(reader);
        errors.Should().BeEmpty();
        return document;
    }

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void GraphML_ValidAndRoundTrips()
    {
        CoauthorshipGraph graph = ExportGraphs.Countries();
        string text = GraphWriter.GraphML(graph, ExportGraphs.WithColumns(graph)).ToText();
        text.Should().StartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        XDocument doc = ReadValid(text, "graphml-subset.xsd", GraphMLNs.NamespaceName);

        var keys = doc.Root!.Elements(GraphMLNs + "key").ToDictionary(k => (string)k.Attribute("id")!, k => (string)k.Attribute("attr.name")!);
        keys.Values.Should().Contain(["id", "label", "P", "F", "I", "community", "pagerank", "weight"]);
        XElement g = doc.Root.Element(GraphMLNs + "graph")!;
        ((string)g.Attribute("edgedefault")!).Should().Be("undirected");
        var nodes = g.Elements(GraphMLNs + "node").ToList();
        nodes.Should().HaveCount(graph.NodeCount);
        var byXmlId = new Dictionary<string, string>();
        foreach (XElement node in nodes)
        {
            var data = node.Elements(GraphMLNs + "data").ToDictionary(d => keys[(string)d.Attribute("key")!], d => d.Value);
            int v = graph[data["id"]];
            byXmlId[(string)node.Attribute("id")!] = data["id"];
            data["label"].Should().Be(graph.Labels[v]);
            D(data["P"]).Should().Be(graph.WholeOutput[v]);
            if (double.IsNaN(graph.FractionalOutput[v]))
            {
                data.Should().NotContainKey("F");
            }
            else
            {
                D(data["F"]).Should().Be(graph.FractionalOutput[v]);
            }
        }

        // PK is community 1, pagerank of JP round-trips exactly, XK has no pagerank (NaN).
        var jp = nodes.Single(n => n.Elements().Any(d => d.Value == "JP"));
        jp.Elements().Single(d => keys[(string)d.Attribute("key")!] == "pagerank").Value.Should().Be("1E-07");
        jp.Elements().Single(d => keys[(string)d.Attribute("key")!] == "community").Value.Should().Be("1");
        nodes.Single(n => n.Elements().Any(d => d.Value == "XK")).Elements().Should().NotContain(d => keys[(string)d.Attribute("key")!] == "pagerank");

        var links = g.Elements(GraphMLNs + "edge").Select(e => ExportGraphs.Ordered(
            byXmlId[(string)e.Attribute("source")!], byXmlId[(string)e.Attribute("target")!], D(e.Element(GraphMLNs + "data")!.Value)));
        links.Should().BeEquivalentTo(ExportGraphs.LinkSet(graph));
    }

    [Fact]
    public void Gexf_Static_ValidAndRoundTrips()
    {
        CoauthorshipGraph graph = ExportGraphs.Countries();
        string text = GraphWriter.Gexf(graph, ExportGraphs.WithColumns(graph)).ToText();
        XDocument doc = ReadValid(text, "gexf-subset.xsd", GexfNs.NamespaceName);
        XElement g = doc.Root!.Element(GexfNs + "graph")!;
        ((string)g.Attribute("mode")!).Should().Be("static");
        var titles = g.Elements(GexfNs + "attributes").Elements(GexfNs + "attribute").ToDictionary(a => (string)a.Attribute("id")!, a => (string)a.Attribute("title")!);
        var nodes = g.Element(GexfNs + "nodes")!.Elements(GexfNs + "node").ToList();
        nodes.Select(n => (string)n.Attribute("id")!).Should().Equal(graph.Ids);
        foreach (XElement node in nodes)
        {
            int v = graph[(string)node.Attribute("id")!];
            ((string)node.Attribute("label")!).Should().Be(graph.Labels[v]);
            var values = node.Descendants(GexfNs + "attvalue").ToDictionary(a => titles[(string)a.Attribute("for")!], a => (string)a.Attribute("value")!);
            D(values["P"]).Should().Be(graph.WholeOutput[v]);
            D(values["I"]).Should().Be(graph.InternationalOutput[v]);
            values["community"].Should().Be(Communities[v]);
        }

        var links = g.Element(GexfNs + "edges")!.Elements(GexfNs + "edge").Select(e => ExportGraphs.Ordered(
            (string)e.Attribute("source")!, (string)e.Attribute("target")!, D((string)e.Attribute("weight")!)));
        links.Should().BeEquivalentTo(ExportGraphs.LinkSet(graph));
    }

    [Fact]
    public void Gexf_Series_WritesSpellsAndPerYearWeights()
    {
        // 2019: A-B (2), A has P 3. 2020: A-B (1), B-C (5), C new with P 4.
        var y2019 = new CoauthorshipGraphBuilder(GraphLevel.Country, "Full", 2019);
        y2019.AddNode("A", whole: 3);
        y2019.AddNode("B", whole: 2);
        y2019.AddLink("A", "B", 2);
        var y2020 = new CoauthorshipGraphBuilder(GraphLevel.Country, "Full", 2020);
        y2020.AddNode("A", whole: 1);
        y2020.AddNode("B", whole: 5);
        y2020.AddNode("C", whole: 4);
        y2020.AddLink("A", "B", 1);
        y2020.AddLink("B", "C", 5);
        var series = new CoauthorshipGraphSeries([y2020.Build(), y2019.Build()]);
        series.NodeIds.Should().Equal("A", "B", "C");

        string text = GraphWriter.DynamicGexf(series).ToText();
        XDocument doc = ReadValid(text, "gexf-subset.xsd", GexfNs.NamespaceName);
        XElement g = doc.Root!.Element(GexfNs + "graph")!;
        ((string)g.Attribute("mode")!).Should().Be("dynamic");
        ((string)g.Attribute("timeformat")!).Should().Be("integer");

        XElement a = g.Descendants(GexfNs + "node").Single(n => (string)n.Attribute("id")! == "A");
        a.Descendants(GexfNs + "spell").Select(s => (string)s.Attribute("start")!).Should().Equal("2019", "2020");
        a.Descendants(GexfNs + "attvalue").Where(v => (string)v.Attribute("for")! == "P")
            .Select(v => ((string)v.Attribute("start")!, (string)v.Attribute("value")!)).Should().Equal(("2019", "3"), ("2020", "1"));
        XElement c = g.Descendants(GexfNs + "node").Single(n => (string)n.Attribute("id")! == "C");
        c.Descendants(GexfNs + "spell").Select(s => (string)s.Attribute("start")!).Should().Equal("2020");

        XElement ab = g.Descendants(GexfNs + "edge").Single(e => (string)e.Attribute("source")! == "A");
        ((string)ab.Attribute("weight")!).Should().Be("3");
        ab.Descendants(GexfNs + "attvalue").Select(v => ((string)v.Attribute("start")!, (string)v.Attribute("value")!)).Should().Equal(("2019", "2"), ("2020", "1"));
        ab.Descendants(GexfNs + "spell").Should().HaveCount(2);
    }
}
