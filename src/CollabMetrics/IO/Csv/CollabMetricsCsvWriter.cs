using System.Globalization;
using System.IO.Compression;
using System.Text;
using CollabMetrics.Geography;
using CollabMetrics.Model;
using CsvHelper;

namespace CollabMetrics.IO.Csv;

/// <summary>
/// Writes a corpus in the CollabMetrics CSV format: one row per authorship affiliation, each publication's rows
/// together, invariant culture, UTF-8 without byte order mark. <see cref="CollabMetricsCsvReader"/> reads it
/// back into the same publications.
/// </summary>
/// <remarks>
/// Columns: <c>publication_id, source, doi, year, author_position, author_id, corresponding, institution_id,
/// institution_name, country, technologies, citations</c> (see docs/formats.md). An author without affiliations
/// has one row with empty institution and country; a publication without authors has one row with an empty
/// <c>author_position</c>. The rows are written straight from the corpus's columnar storage.
/// </remarks>
/// <remarks>The public entry is <see cref="Corpus.ToCsvFile(string)"/> and its twins.</remarks>
internal static class CollabMetricsCsvWriter
{
    /// <summary>Writes <paramref name="corpus"/> to a file, gzip-compressed when the name ends with <c>.gz</c>; an existing file is replaced.</summary>
    /// <param name="corpus">The corpus or view to write.</param>
    /// <param name="path">The file.</param>
    public static void ToFile(Corpus corpus, string path)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var output = Compress(file, path);
        ToStream(corpus, output);
    }

    /// <summary>Writes <paramref name="corpus"/> to a stream, which is flushed and left open.</summary>
    /// <param name="corpus">The corpus or view to write.</param>
    /// <param name="stream">A writable stream.</param>
    public static void ToStream(Corpus corpus, Stream stream) => ToStream(corpus, stream, writeHeader: true);

    /// <summary>Writes <paramref name="corpus"/> to a stream, with or without the header row (to append a corpus written in parts).</summary>
    internal static void ToStream(Corpus corpus, Stream stream, bool writeHeader)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ValidateStream(stream);
        using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        var rows = new RowWriter(corpus);
        if (writeHeader)
        {
            csv.WriteHeader(CsvColumns.All);
        }

        for (int i = 0; i < corpus.Count; i++)
        {
            rows.Write(csv, i);
        }

        csv.Flush();
    }

    /// <summary>Writes <paramref name="corpus"/> to a file asynchronously (see <see cref="ToFile"/>).</summary>
    /// <param name="corpus">The corpus or view to write.</param>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Stops between publications.</param>
    public static async Task ToFileAsync(Corpus corpus, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var output = Compress(file, path);
            await using (output.ConfigureAwait(false))
            {
                await ToStreamAsync(corpus, output, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Writes <paramref name="corpus"/> to a stream asynchronously; the stream is flushed and left open.</summary>
    /// <param name="corpus">The corpus or view to write.</param>
    /// <param name="stream">A writable stream.</param>
    /// <param name="cancellationToken">Stops between publications.</param>
    public static Task ToStreamAsync(Corpus corpus, Stream stream, CancellationToken cancellationToken = default) =>
        ToStreamAsync(corpus, stream, writeHeader: true, cancellationToken);

    /// <summary>Writes <paramref name="corpus"/> to a stream asynchronously, with or without the header row.</summary>
    internal static async Task ToStreamAsync(Corpus corpus, Stream stream, bool writeHeader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ValidateStream(stream);
        var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        await using (csv.ConfigureAwait(false))
        {
            var rows = new RowWriter(corpus);
            if (writeHeader)
            {
                csv.WriteHeader(CsvColumns.All);
            }

            for (int i = 0; i < corpus.Count; i++)
            {
                rows.Write(csv, i);
                if ((i & 1023) == 1023)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void ValidateStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream cannot be written.", nameof(stream));
        }
    }

    private static Stream Compress(FileStream file, string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true)
            : new NonClosingStream(file);

    private static CsvWriterOptions Options { get; } = new() { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };

    /// <summary>Writes the rows of one publication from the columnar storage.</summary>
    private sealed class RowWriter(Corpus corpus)
    {
        private readonly CorpusStorage _storage = corpus.Storage;
        private readonly int[]? _selection = corpus.Selection;
        private readonly StringBuilder _scratch = new();
        private readonly string[] _positions = [.. Enumerable.Range(0, 64).Select(i => i.ToString(CultureInfo.InvariantCulture))];

        public void Write(CsvWriter csv, int i)
        {
            var s = _storage;
            int k = _selection?[i] ?? i;
            var record = new PublicationRecord(s, k);
            string id = record.Id;
            string source = ((Model.PublicationSource)s.Sources[k]).ToString();
            string doi = record.Doi ?? string.Empty;
            string year = s.Years[k] == 0 ? string.Empty : Number(s.Years[k]);
            string technologies = CsvColumns.JoinTechnologies(record.Technologies, _scratch);
            string citations = s.Citations is { } c && c[k] >= 0 ? c[k].ToString(CultureInfo.InvariantCulture) : string.Empty;
            var document = new DocumentColumns(s.Documents[k]);
            var cursor = s.Entries(k);
            if (cursor.Count == 0)
            {
                WriteRow(csv, id, source, doi, year, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, technologies, citations, document);
                return;
            }

            string authorId = string.Empty;
            string corresponding = string.Empty;
            while (cursor.MoveNext())
            {
                if (cursor.IsAuthorStart)
                {
                    // Only ids a source gave: a name key is not an id.
                    string? key = s.AuthorKeyOf(k, cursor.AuthorPosition, out bool fromName);
                    authorId = key is not null && !fromName ? key : string.Empty;
                    corresponding = cursor.IsCorresponding ? "true" : "false";
                }

                string institutionId = string.Empty, institutionName = string.Empty;
                if (cursor.InstitutionRow is int r and >= 0)
                {
                    var row = s.Tables.InstitutionRows[r];
                    institutionId = row.Id ?? string.Empty;
                    institutionName = row.Name ?? string.Empty;
                }

                int country = cursor.Country;
                WriteRow(
                    csv, id, source, doi, year, Number(cursor.AuthorPosition + 1), authorId, corresponding, institutionId, institutionName,
                    country == 0 ? string.Empty : Country.FromIdUnchecked(country).Code, technologies, citations, document);
            }
        }

        private string Number(int value) => (uint)value < (uint)_positions.Length ? _positions[value] : value.ToString(CultureInfo.InvariantCulture);

        private static void WriteRow(
            CsvWriter csv, string id, string source, string doi, string year, string position, string authorId, string corresponding,
            string institutionId, string institutionName, string country, string technologies, string citations, DocumentColumns document)
        {
            csv.WriteField(id);
            csv.WriteField(source);
            csv.WriteField(doi);
            csv.WriteField(year);
            csv.WriteField(position);
            csv.WriteField(authorId);
            csv.WriteField(corresponding);
            csv.WriteField(institutionId);
            csv.WriteField(institutionName);
            csv.WriteField(country);
            csv.WriteField(technologies);
            csv.WriteField(citations);
            csv.WriteField(document.Type);
            csv.WriteField(document.Retracted);
            csv.WriteField(document.Paratext);
            csv.WriteField(document.AuthorsTruncated);
            csv.EndRecord();
        }
    }

    /// <summary>The document columns of a publication: the type's name (empty when unknown) and the three flags (empty when false).</summary>
    private readonly struct DocumentColumns(byte packed)
    {
        public string Type { get; } = DocumentInfo.Type(packed) is var t and not DocumentType.Unknown ? t.ToName() : string.Empty;

        public string Retracted { get; } = (packed & DocumentInfo.Retracted) != 0 ? "true" : string.Empty;

        public string Paratext { get; } = (packed & DocumentInfo.Paratext) != 0 ? "true" : string.Empty;

        public string AuthorsTruncated { get; } = (packed & DocumentInfo.AuthorsTruncated) != 0 ? "true" : string.Empty;
    }

    /// <summary>Keeps the file open when the writer disposes its output, so that one disposal path serves both plain and gzip output.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, offset, count, cancellationToken);
    }
}
