using System.Xml;
using CollabMetrics.Graph;

namespace CollabMetrics.Export;

/// <summary>
/// Writes GraphML (http://graphml.graphdrawing.org), read by Gephi, Cytoscape, yEd, igraph and networkx: an
/// undirected graph whose nodes are n0, n1, ... (by node id) with data keys "id" (the unit's id), "label", P, F,
/// I and the extra attributes, and whose edges carry "weight". NaN values are left out.
/// </summary>
internal sealed class GraphMLWriter : GraphFormatWriter
{
    private const string Namespace = "http://graphml.graphdrawing.org/xmlns";
    private readonly CoauthorshipGraph _graph;

    internal GraphMLWriter(CoauthorshipGraph graph, GraphExportOptions? options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ValidateAttributes(Options.Attributes, graph.NodeCount);
        _graph = graph;
    }

    internal override IEnumerable<bool> Write(TextWriter writer)
    {
        var settings = new XmlWriterSettings { Indent = true, CloseOutput = false };
        using XmlWriter xml = XmlWriter.Create(writer, settings);
        List<(string Name, double[] Values)> weights = NodeWeightColumns(_graph, Options);
        IReadOnlyList<NodeColumn> attributes = Options.Attributes;
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", Namespace);
        xml.WriteAttributeString("xmlns", "xsi", null, "http://www.w3.org/2001/XMLSchema-instance");
        xml.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance", Namespace + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        WriteKey(xml, "id", "node", "id", "string");
        WriteKey(xml, "label", "node", "label", "string");
        foreach ((string name, _) in weights)
        {
            WriteKey(xml, name, "node", name, "double");
        }

        for (int a = 0; a < attributes.Count; a++)
        {
            WriteKey(xml, $"a{a}", "node", attributes[a].Name, attributes[a].IsPartition ? "int" : "double");
        }

        WriteKey(xml, "weight", "edge", "weight", "double");
        xml.WriteStartElement("graph", Namespace);
        xml.WriteAttributeString("id", "G");
        xml.WriteAttributeString("edgedefault", "undirected");
        if (Options.Description is string description)
        {
            xml.WriteStartElement("desc", Namespace);
            xml.WriteString(description);
            xml.WriteEndElement();
        }

        for (int v = 0; v < _graph.NodeCount; v++)
        {
            xml.WriteStartElement("node", Namespace);
            xml.WriteAttributeString("id", "n" + Format(v));
            WriteData(xml, "id", _graph.Ids[v]);
            WriteData(xml, "label", _graph.Labels[v]);
            foreach ((string name, double[] values) in weights)
            {
                if (!double.IsNaN(values[v]))
                {
                    WriteData(xml, name, Format(values[v]));
                }
            }

            for (int a = 0; a < attributes.Count; a++)
            {
                double value = attributes[a].Values[v];
                if (!double.IsNaN(value))
                {
                    WriteData(xml, $"a{a}", attributes[a].IsPartition ? Format((int)value) : Format(value));
                }
            }

            xml.WriteEndElement();
            if ((v & 1023) == 1023)
            {
                xml.Flush();
                yield return true;
            }
        }

        int edge = 0;
        foreach (GraphLink link in _graph.Links)
        {
            xml.WriteStartElement("edge", Namespace);
            xml.WriteAttributeString("id", "e" + Format(edge));
            xml.WriteAttributeString("source", "n" + Format(link.Source));
            xml.WriteAttributeString("target", "n" + Format(link.Target));
            WriteData(xml, "weight", Format(link.Weight));
            xml.WriteEndElement();
            if ((++edge & 1023) == 0)
            {
                xml.Flush();
                yield return true;
            }
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
        yield return true;
    }

    private static void WriteKey(XmlWriter xml, string id, string target, string name, string type)
    {
        xml.WriteStartElement("key", Namespace);
        xml.WriteAttributeString("id", id);
        xml.WriteAttributeString("for", target);
        xml.WriteAttributeString("attr.name", name);
        xml.WriteAttributeString("attr.type", type);
        xml.WriteEndElement();
    }

    private static void WriteData(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("data", Namespace);
        xml.WriteAttributeString("key", key);
        xml.WriteString(value);
        xml.WriteEndElement();
    }
}
