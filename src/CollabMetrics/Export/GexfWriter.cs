using System.Xml;
using CollabMetrics.Graph;

namespace CollabMetrics.Export;

/// <summary>
/// Writes GEXF 1.3 (https://gexf.net), Gephi's native format. A single graph is static: node ids are the units'
/// ids, with label, P, F, I and the extra attributes as attribute values, and edge weights. A
/// <see cref="CoauthorshipGraphSeries"/> is written as a dynamic graph (timeformat "integer", one closed interval
/// per year): each node and edge has a spell per year it is present, and P, F, I and the edge weight are dynamic
/// attribute values per year, so Gephi's timeline replays the network. The static edge weight of a dynamic file
/// is the sum over the years.
/// </summary>
internal sealed class GexfWriter : GraphFormatWriter
{
    private const string Namespace = "http://gexf.net/1.3";
    private readonly CoauthorshipGraph[] _graphs;
    private readonly bool _dynamic;

    internal GexfWriter(CoauthorshipGraph graph, GraphExportOptions? options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ValidateAttributes(Options.Attributes, graph.NodeCount);
        _graphs = [graph];
    }

    internal GexfWriter(CoauthorshipGraphSeries series, GraphExportOptions? options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("The series is empty; a dynamic GEXF file needs at least one year.", nameof(series));
        }

        ValidateAttributes(Options.Attributes, series.NodeIds.Count);
        _graphs = [.. series];
        _dynamic = true;
    }

    internal override IEnumerable<bool> Write(TextWriter writer)
    {
        // The union of nodes (in order of first appearance) and of links (by node pair).
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        var labels = new List<string>();
        foreach (CoauthorshipGraph graph in _graphs)
        {
            for (int v = 0; v < graph.NodeCount; v++)
            {
                if (index.TryAdd(graph.Ids[v], ids.Count))
                {
                    ids.Add(graph.Ids[v]);
                    labels.Add(graph.Labels[v]);
                }
            }
        }

        var links = new SortedDictionary<(int, int), double[]>();
        for (int y = 0; y < _graphs.Length; y++)
        {
            CoauthorshipGraph graph = _graphs[y];
            foreach (GraphLink link in graph.Links)
            {
                int a = index[graph.Ids[link.Source]], b = index[graph.Ids[link.Target]];
                (int, int) key = a < b ? (a, b) : (b, a);
                if (!links.TryGetValue(key, out double[]? perYear))
                {
                    perYear = new double[_graphs.Length];
                    Array.Fill(perYear, double.NaN);
                    links[key] = perYear;
                }

                perYear[y] = link.Weight;
            }
        }

        var settings = new XmlWriterSettings { Indent = true, CloseOutput = false };
        using XmlWriter xml = XmlWriter.Create(writer, settings);
        IReadOnlyList<NodeColumn> attributes = Options.Attributes;
        string[] weightNames = Options.IncludeNodeWeights ? ["P", "F", "I"] : [];
        xml.WriteStartDocument();
        xml.WriteStartElement("gexf", Namespace);
        xml.WriteAttributeString("version", "1.3");
        xml.WriteStartElement("meta", Namespace);
        xml.WriteElementString("creator", Namespace, "CollabMetrics");
        xml.WriteElementString("description", Namespace, Options.Description ?? $"{_graphs[0].Level} co-authorship graph");
        xml.WriteEndElement();
        xml.WriteStartElement("graph", Namespace);
        xml.WriteAttributeString("defaultedgetype", "undirected");
        xml.WriteAttributeString("mode", _dynamic ? "dynamic" : "static");
        if (_dynamic)
        {
            xml.WriteAttributeString("timeformat", "integer");
            xml.WriteAttributeString("timerepresentation", "interval");
        }

        xml.WriteStartElement("attributes", Namespace);
        xml.WriteAttributeString("class", "node");
        xml.WriteAttributeString("mode", "static");
        WriteAttribute(xml, "id", "id", "string");
        for (int a = 0; a < attributes.Count; a++)
        {
            WriteAttribute(xml, $"a{a}", attributes[a].Name, attributes[a].IsPartition ? "integer" : "double");
        }

        if (!_dynamic)
        {
            foreach (string name in weightNames)
            {
                WriteAttribute(xml, name, name, "double");
            }
        }

        xml.WriteEndElement();
        if (_dynamic)
        {
            xml.WriteStartElement("attributes", Namespace);
            xml.WriteAttributeString("class", "node");
            xml.WriteAttributeString("mode", "dynamic");
            foreach (string name in weightNames)
            {
                WriteAttribute(xml, name, name, "double");
            }

            xml.WriteEndElement();
            xml.WriteStartElement("attributes", Namespace);
            xml.WriteAttributeString("class", "edge");
            xml.WriteAttributeString("mode", "dynamic");
            WriteAttribute(xml, "weight", "weight", "double");
            xml.WriteEndElement();
        }

        xml.WriteStartElement("nodes", Namespace);
        for (int u = 0; u < ids.Count; u++)
        {
            xml.WriteStartElement("node", Namespace);
            xml.WriteAttributeString("id", ids[u]);
            xml.WriteAttributeString("label", labels[u]);
            xml.WriteStartElement("attvalues", Namespace);
            WriteValue(xml, "id", ids[u], null);
            for (int a = 0; a < attributes.Count; a++)
            {
                double value = attributes[a].Values[u];
                if (!double.IsNaN(value))
                {
                    WriteValue(xml, $"a{a}", attributes[a].IsPartition ? Format((int)value) : Format(value), null);
                }
            }

            var present = new List<int>();
            for (int y = 0; y < _graphs.Length; y++)
            {
                int v = _graphs[y].IndexOf(ids[u]);
                if (v < 0)
                {
                    continue;
                }

                present.Add(y);
                if (Options.IncludeNodeWeights)
                {
                    WriteWeight(xml, "P", _graphs[y].WholeOutput[v], y);
                    WriteWeight(xml, "F", _graphs[y].FractionalOutput[v], y);
                    WriteWeight(xml, "I", _graphs[y].InternationalOutput[v], y);
                }
            }

            xml.WriteEndElement();
            WriteSpells(xml, present);
            xml.WriteEndElement();
            if ((u & 1023) == 1023)
            {
                xml.Flush();
                yield return true;
            }
        }

        xml.WriteEndElement();
        xml.WriteStartElement("edges", Namespace);
        int edge = 0;
        var years = new List<int>();
        foreach (KeyValuePair<(int, int), double[]> link in links)
        {
            double total = 0;
            years.Clear();
            for (int y = 0; y < _graphs.Length; y++)
            {
                if (!double.IsNaN(link.Value[y]))
                {
                    total += link.Value[y];
                    years.Add(y);
                }
            }

            xml.WriteStartElement("edge", Namespace);
            xml.WriteAttributeString("id", Format(edge));
            xml.WriteAttributeString("source", ids[link.Key.Item1]);
            xml.WriteAttributeString("target", ids[link.Key.Item2]);
            xml.WriteAttributeString("weight", Format(total));
            if (_dynamic)
            {
                xml.WriteStartElement("attvalues", Namespace);
                foreach (int y in years)
                {
                    WriteValue(xml, "weight", Format(link.Value[y]), _graphs[y].Year);
                }

                xml.WriteEndElement();
                WriteSpells(xml, years);
            }

            xml.WriteEndElement();
            if ((++edge & 1023) == 0)
            {
                xml.Flush();
                yield return true;
            }
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
        yield return true;
    }

    private void WriteWeight(XmlWriter xml, string name, double value, int y)
    {
        if (!double.IsNaN(value))
        {
            WriteValue(xml, name, Format(value), _dynamic ? _graphs[y].Year : null);
        }
    }

    private void WriteSpells(XmlWriter xml, List<int> years)
    {
        if (!_dynamic)
        {
            return;
        }

        xml.WriteStartElement("spells", Namespace);
        foreach (int y in years)
        {
            xml.WriteStartElement("spell", Namespace);
            xml.WriteAttributeString("start", Format(_graphs[y].Year!.Value));
            xml.WriteAttributeString("end", Format(_graphs[y].Year!.Value));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteAttribute(XmlWriter xml, string id, string title, string type)
    {
        xml.WriteStartElement("attribute", Namespace);
        xml.WriteAttributeString("id", id);
        xml.WriteAttributeString("title", title);
        xml.WriteAttributeString("type", type);
        xml.WriteEndElement();
    }

    private static void WriteValue(XmlWriter xml, string key, string value, int? year)
    {
        xml.WriteStartElement("attvalue", Namespace);
        xml.WriteAttributeString("for", key);
        xml.WriteAttributeString("value", value);
        if (year is int y)
        {
            xml.WriteAttributeString("start", Format(y));
            xml.WriteAttributeString("end", Format(y));
        }

        xml.WriteEndElement();
    }
}
