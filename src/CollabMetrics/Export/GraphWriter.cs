using System.Globalization;
using System.Text;
using CollabMetrics.Graph;

namespace CollabMetrics.Export;

/// <summary>
/// Base of the graph writers: writes one file format to a file or a stream (UTF-8 without byte order mark), with
/// async twins that write in chunks. Create writers through <see cref="GraphExport"/>.
/// </summary>
public abstract class GraphWriter
{
    private const int ChunkChars = 1 << 16;
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private protected GraphWriter(GraphExportOptions? options)
    {
        Options = options ?? GraphExportOptions.Default;
    }

    /// <summary>The options in force.</summary>
    public GraphExportOptions Options { get; }

    /// <summary>Writes the file at <paramref name="path"/>, replacing it.</summary>
    /// <param name="path">The file path.</param>
    public void ToFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        ToStream(stream);
    }

    /// <summary>Writes to <paramref name="stream"/>, which is left open.</summary>
    /// <param name="stream">A writable stream.</param>
    public void ToStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, s_utf8, 1 << 16, leaveOpen: true);
        foreach (bool _ in Write(writer))
        {
        }

        writer.Flush();
    }

    /// <summary>Writes the file at <paramref name="path"/>, replacing it, asynchronously.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public async Task ToFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await ToStreamAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes to <paramref name="stream"/> asynchronously, in chunks of about 64K characters; the stream is left open.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when everything is written.</returns>
    public async Task ToStreamAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new Utf8StringWriter();
        StringBuilder text = buffer.GetStringBuilder();
        var writer = new StreamWriter(stream, s_utf8, 1 << 16, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            foreach (bool _ in Write(buffer))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (text.Length >= ChunkChars)
                {
                    await writer.WriteAsync(text, cancellationToken).ConfigureAwait(false);
                    text.Clear();
                }
            }

            await writer.WriteAsync(text, cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The whole file as a string (for small graphs and tests).</summary>
    /// <returns>The file content.</returns>
    public string ToText()
    {
        using var buffer = new Utf8StringWriter();
        foreach (bool _ in Write(buffer))
        {
        }

        return buffer.ToString();
    }

    /// <summary>Writes the file, yielding at record boundaries so the async path can flush chunks.</summary>
    private protected abstract IEnumerable<bool> Write(TextWriter writer);

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
    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => s_utf8;
    }
}
