using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Text;
using CollabMetrics.Model;

namespace CollabMetrics.IO;

/// <summary>
/// Recognises the format of a publication file from its first bytes, not from its name: gzip is decompressed
/// and a byte order mark skipped first.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>{</c> or <c>[</c> with OpenAlex keys (<c>"results"</c>, <c>"authorships"</c>,
/// <c>"publication_year"</c>, or an <c>openalex.org/W</c> id) → <see cref="PublicationFormat.OpenAlex"/>; so is a first line
/// that matches nothing below followed by a line starting with <c>{</c> and those keys (JSON Lines whose first line is
/// bad).</item>
/// <item>A first line starting with <c>FN </c>, <c>VR </c> or <c>PT </c> → <see cref="PublicationFormat.WebOfScience"/>.</item>
/// <item>A tab-separated header starting with <c>PT</c> and containing a <c>UT</c> column → <see cref="PublicationFormat.WebOfScienceTab"/>.</item>
/// <item>A comma-separated header with <c>EID</c>, <c>Authors with affiliations</c> or <c>Source title</c> → <see cref="PublicationFormat.Scopus"/>.</item>
/// <item>A comma-separated header with <c>publication_id</c> → <see cref="PublicationFormat.CollabMetricsCsv"/>.</item>
/// </list>
/// Anything else is not recognised: the error names the file and quotes the start of what it saw.
/// </remarks>
/// <example>
/// <code>
/// PublicationFormat format = PublicationFormats.Detect("export.txt"); // WebOfScience
/// </code>
/// </example>
public static partial class PublicationFormats
{
    /// <summary>How many (decompressed) bytes detection looks at.</summary>
    internal const int HeadLength = 16 * 1024;

    /// <summary>Detects the format of a file (plain or gzip-compressed).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The format; never <see cref="PublicationFormat.Auto"/>.</returns>
    /// <exception cref="IngestException">The content is not a recognised format (<see cref="SkipReason.UnrecognisedFormat"/>).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static PublicationFormat Detect(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var file = File.OpenRead(path);
        return Detect(file, path);
    }

    /// <summary>
    /// Detects the format of a stream (plain or gzip-compressed) from its current position, and puts the position
    /// back, so the stream must be seekable. For other streams use <see cref="PublicationReader.ReadFile"/> with a
    /// path, which detects without seeking.
    /// </summary>
    /// <param name="stream">A readable, seekable stream.</param>
    /// <param name="fileName">The name used in the error message, or null.</param>
    /// <returns>The format; never <see cref="PublicationFormat.Auto"/>.</returns>
    /// <exception cref="ArgumentException">The stream cannot be read or cannot seek.</exception>
    /// <exception cref="IngestException">The content is not a recognised format.</exception>
    public static PublicationFormat Detect(Stream stream, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("Detection needs a readable, seekable stream; pass a file path instead, or copy the stream to a MemoryStream.", nameof(stream));
        }

        long start = stream.Position;
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int m = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            stream.Position = start;
            var head = new byte[HeadLength];
            int length;
            if (m == 2 && IsGzip(magic))
            {
                using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
                try
                {
                    length = ReadHead(gzip, head);
                }
                catch (InvalidDataException ex)
                {
                    throw new IngestException(new SourcePosition(fileName, 0, 0), null, SkipReason.Malformed, "the gzip-compressed data is corrupt; download or copy the file again.", ex);
                }
            }
            else
            {
                length = ReadHead(stream, head);
            }

            return DetectOrThrow(head.AsSpan(0, length), fileName);
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>Tries to detect the format from the first bytes of the (decompressed) content.</summary>
    /// <param name="head">The first bytes; a few kilobytes are plenty.</param>
    /// <param name="format">The format, or <see cref="PublicationFormat.Auto"/> when not recognised.</param>
    /// <returns>Whether the format was recognised.</returns>
    public static bool TryDetect(ReadOnlySpan<byte> head, out PublicationFormat format)
    {
        format = DetectCore(head, out _);
        return format != PublicationFormat.Auto;
    }

    internal static bool IsGzip(ReadOnlySpan<byte> magic) => magic.Length >= 2 && magic[0] == 0x1F && magic[1] == 0x8B;

    internal static int ReadHead(Stream stream, byte[] head) => stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);

    internal static PublicationFormat DetectOrThrow(ReadOnlySpan<byte> head, string? fileName)
    {
        var format = DetectCore(head, out string seen);
        if (format == PublicationFormat.Auto)
        {
            ThrowUnrecognised(fileName, seen);
        }

        return format;
    }

    [DoesNotReturn]
    private static void ThrowUnrecognised(string? fileName, string seen) =>
        throw new IngestException(
            new SourcePosition(fileName, 0, 0),
            null,
            SkipReason.UnrecognisedFormat,
            UnrecognisedMessage(seen));

    /// <summary>The message for content whose format was not recognised.</summary>
    internal static string UnrecognisedMessage(ReadOnlySpan<byte> head)
    {
        DetectCore(head, out string seen);
        return UnrecognisedMessage(seen);
    }

    private static string UnrecognisedMessage(string seen) =>
        $"the format was not recognised; the file starts with {seen}. Expected OpenAlex JSON or JSON Lines, a Web of Science plain-text or tab-delimited export, a Scopus CSV export, or a CollabMetrics CSV file; name the format in ReadOptions.Format if it is one of these.";

    private static PublicationFormat DetectCore(ReadOnlySpan<byte> head, out string seen)
    {
        string text;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = Encoding.UTF8.GetString(head[3..]);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = Encoding.Unicode.GetString(head[2..(head.Length & ~1)]);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = Encoding.BigEndianUnicode.GetString(head[2..(head.Length & ~1)]);
        }
        else
        {
            text = Encoding.UTF8.GetString(head);
        }

        var content = text.AsSpan().TrimStart();
        int end = content.IndexOfAny('\r', '\n');
        var firstLine = end >= 0 ? content[..end] : content;
        seen = Describe(firstLine);
        if (content.IsEmpty)
        {
            seen = "nothing (the file is empty)";
            return PublicationFormat.Auto;
        }

        if (content[0] is '{' or '[')
        {
            return HasOpenAlexKeys(content) ? PublicationFormat.OpenAlex : PublicationFormat.Auto;
        }

        if (firstLine.StartsWith("FN ", StringComparison.Ordinal)
            || firstLine.StartsWith("VR ", StringComparison.Ordinal)
            || firstLine.StartsWith("PT ", StringComparison.Ordinal))
        {
            return PublicationFormat.WebOfScience;
        }

        if (firstLine.StartsWith("PT\t", StringComparison.Ordinal))
        {
            foreach (var range in firstLine.Split('\t'))
            {
                if (firstLine[range].Trim().Equals("UT", StringComparison.Ordinal))
                {
                    return PublicationFormat.WebOfScienceTab;
                }
            }

            return PublicationFormat.Auto;
        }

        bool collabMetrics = false;
        foreach (var range in firstLine.Split(','))
        {
            var column = firstLine[range].Trim().Trim('"').Trim();
            if (column.Equals("EID", StringComparison.Ordinal)
                || column.Equals("Authors with affiliations", StringComparison.Ordinal)
                || column.Equals("Source title", StringComparison.Ordinal))
            {
                return PublicationFormat.Scopus;
            }

            collabMetrics |= column.Equals("publication_id", StringComparison.OrdinalIgnoreCase);
        }

        if (collabMetrics)
        {
            return PublicationFormat.CollabMetricsCsv;
        }

        // JSON Lines of OpenAlex works under a first line that is not one (a bad line, read and skipped as such).
        var rest = content[firstLine.Length..].TrimStart();
        return rest is ['{', ..] && HasOpenAlexKeys(rest) ? PublicationFormat.OpenAlex : PublicationFormat.Auto;
    }

    private static bool HasOpenAlexKeys(ReadOnlySpan<char> content) =>
        content.Contains("\"results\"", StringComparison.Ordinal)
        || content.Contains("\"authorships\"", StringComparison.Ordinal)
        || content.Contains("\"publication_year\"", StringComparison.Ordinal)
        || content.Contains("openalex.org/W", StringComparison.OrdinalIgnoreCase);

    private static string Describe(ReadOnlySpan<char> firstLine)
    {
        const int Max = 60;
        var sb = new StringBuilder("\"");
        foreach (char c in firstLine.Length > Max ? firstLine[..Max] : firstLine)
        {
            sb.Append(c switch
            {
                '\t' => "\\t",
                '\uFFFD' => "?",
                _ when char.IsControl(c) => "?",
                _ => c.ToString(),
            });
        }

        sb.Append(firstLine.Length > Max ? "...\"" : "\"");
        return sb.ToString();
    }
}
