using System.Diagnostics.CodeAnalysis;
using System.Text;
using CollabMetrics.IO.Csv;

namespace CollabMetrics;

/// <remarks>
/// Writing a corpus in the CollabMetrics CSV format (one row per authorship affiliation, each publication's rows
/// together, invariant culture, UTF-8 without byte order mark; columns in docs/formats.md). <see cref="FromFile"/>
/// reads it back into the same publications. The names follow the library's I/O scheme: <c>ToCsv()</c> returns
/// the text, <c>ToCsv(Stream)</c> writes to a stream left open, <c>ToCsvFile(path)</c> writes a file; each has an
/// <c>Async</c> twin.
/// </remarks>
[SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Stream and file twins share the optional token; the first parameter's type tells them apart.")]
public sealed partial class Corpus
{
    /// <summary>The corpus (or view) as CollabMetrics CSV text. For small corpora; write large ones to a file or stream.</summary>
    /// <example>
    /// <code>
    /// string csv = corpus.Years(2020, 2020).ToCsv();
    /// </code>
    /// </example>
    public string ToCsv()
    {
        using var buffer = new MemoryStream();
        CollabMetricsCsvWriter.ToStream(this, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the corpus (or view) as CollabMetrics CSV to <paramref name="stream"/>, which is flushed and left open.</summary>
    /// <param name="stream">A writable stream.</param>
    public void ToCsv(Stream stream) => CollabMetricsCsvWriter.ToStream(this, stream);

    /// <summary>
    /// Writes the corpus (or view) as a CollabMetrics CSV file, gzip-compressed when the name ends with <c>.gz</c>;
    /// an existing file is replaced.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <example>
    /// <code>
    /// corpus.ToCsvFile("corpus.csv.gz");   // compressed because of the .gz name
    /// Corpus again = Corpus.FromFile("corpus.csv.gz");
    /// </code>
    /// </example>
    public void ToCsvFile(string path) => CollabMetricsCsvWriter.ToFile(this, path);

    /// <summary>The asynchronous twin of <see cref="ToCsv(Stream)"/>.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="cancellationToken">Stops between publications.</param>
    public Task ToCsvAsync(Stream stream, CancellationToken cancellationToken = default) =>
        CollabMetricsCsvWriter.ToStreamAsync(this, stream, cancellationToken);

    /// <summary>The asynchronous twin of <see cref="ToCsvFile(string)"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Stops between publications.</param>
    public Task ToCsvFileAsync(string path, CancellationToken cancellationToken = default) =>
        CollabMetricsCsvWriter.ToFileAsync(this, path, cancellationToken);
}
