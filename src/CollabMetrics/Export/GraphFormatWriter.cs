using System.Globalization;
using System.Text;
using CollabMetrics.Graph;

namespace CollabMetrics.Export;

/// <summary>
/// Base of the per-format graph writers behind <see cref="GraphWriter"/>: each writes one file format to a text
/// writer, yielding at record boundaries so the asynchronous path can flush chunks.
/// </summary>
internal abstract class GraphFormatWriter
{
    private protected GraphFormatWriter(GraphExportOptions? options)
    {
        Options = options ?? GraphExportOptions.Default;
    }

    /// <summary>The options in force.</summary>
    public GraphExportOptions Options { get; }

    /// <summary>Writes the file, yielding at record boundaries so the async path can flush chunks.</summary>
    internal abstract IEnumerable<bool> Write(TextWriter writer);

    private protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private protected static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Checks that every attribute has one value per node and that partitions hold integers.</summary>
    private protected static void ValidateAttributes(IReadOnlyList<NodeColumn> attributes, int nodeCount)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var names = new HashSet<string>(StringComparer.Ordinal) { "label", "P", "F", "I", "weight" };
        foreach (NodeColumn attribute in attributes)
        {
            ArgumentNullException.ThrowIfNull(attribute);
            ArgumentException.ThrowIfNullOrWhiteSpace(attribute.Name);
            if (!names.Add(attribute.Name))
            {
                throw new ArgumentException($"Attribute name '{attribute.Name}' is used twice or is reserved (label, P, F, I, weight); rename it.", nameof(attributes));
            }

            if (attribute.Values.Count != nodeCount)
            {
                throw new ArgumentException($"Attribute '{attribute.Name}' has {attribute.Values.Count} values but the graph has {nodeCount} nodes; give one value per node id.", nameof(attributes));
            }

            if (attribute.IsPartition)
            {
                foreach (double value in attribute.Values)
                {
                    if (!(value >= 0) || value != Math.Floor(value) || value > int.MaxValue)
                    {
                        throw new ArgumentException($"Partition '{attribute.Name}' holds {value}; partitions hold non-negative integers.", nameof(attributes));
                    }
                }
            }
        }
    }

    /// <summary>The node weight columns written: (name, values) for P, F, I when included.</summary>
    private protected static List<(string Name, double[] Values)> NodeWeightColumns(CoauthorshipGraph graph, GraphExportOptions options)
    {
        var columns = new List<(string, double[])>(3);
        if (options.IncludeNodeWeights)
        {
            columns.Add(("P", graph.WholeOutput.ToArray()));
            columns.Add(("F", graph.FractionalOutput.ToArray()));
            columns.Add(("I", graph.InternationalOutput.ToArray()));
        }

        return columns;
    }

    /// <summary>A string writer that declares UTF-8, so XML declarations match the bytes written.</summary>
    internal sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => TabularText.Utf8;
    }
}
