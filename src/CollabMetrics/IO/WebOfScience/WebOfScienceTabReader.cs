using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.IO.WebOfScience;

/// <summary>
/// Reads Web of Science tab-delimited exports (UTF-8, usually with a byte order mark; the first row holds the
/// field tags <c>PT AU ... UT</c> as column names, one record a row).
/// </summary>
/// <remarks>
/// Fields mean what they mean in the plain-text export (see <see cref="WebOfScienceReader"/>); multi-valued
/// fields are separated by <c>"; "</c> inside a cell, and <c>C1</c> reads
/// <c>[Author A; Author B] Address 1; [Author C] Address 2</c>. The columns <c>UT</c> and <c>AU</c> or <c>AF</c>
/// are required; a row with fewer cells than the header is malformed.
/// </remarks>
/// <example>
/// <code>
/// using var stream = File.OpenRead("savedrecs.txt");
/// var publications = new WebOfScienceTabReader().Read(stream, "savedrecs.txt").ToList();
/// </code>
/// </example>
public sealed class WebOfScienceTabReader : PublicationReader
{
    private static readonly string[] s_listTags = ["AU", "AF"];

    private readonly CountryResolver _resolver;

    /// <summary>Creates a reader that resolves countries with <see cref="CountryResolver.Default"/>.</summary>
    public WebOfScienceTabReader()
        : this(CountryResolverOptions.Default)
    {
    }

    /// <summary>Creates a reader that resolves countries with the given options (extra aliases).</summary>
    /// <param name="resolverOptions">The address resolver's options.</param>
    public WebOfScienceTabReader(CountryResolverOptions resolverOptions)
    {
        ArgumentNullException.ThrowIfNull(resolverOptions);
        _resolver = ReferenceEquals(resolverOptions, CountryResolverOptions.Default) ? CountryResolver.Default : new CountryResolver(resolverOptions);
    }

    /// <summary>The resolver of <see cref="ReadOptions.Resolver"/> when given, else this reader's own.</summary>
    private CountryResolver ResolverFor(ReadContext context) =>
        context.Options.Resolver is { } options && !ReferenceEquals(options, _resolver.Options) ? new CountryResolver(options) : _resolver;

    /// <inheritdoc/>
    public override PublicationFormat Format => PublicationFormat.WebOfScienceTab;

    /// <inheritdoc/>
    protected override IEnumerable<Publication> ReadCore(Stream stream, ReadContext context)
    {
        var detector = new InvalidUtf8Detector();
        using var reader = new StreamReader(stream, detector.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var resolver = ResolverFor(context);
        var addresses = new AddressResolution(resolver, context);
        var limits = context.Options.Limits;
        var lines = new LineReader(reader, limits.MaxRecordBytes);
        var headerLine = lines.ReadLine();
        if (headerLine is null || lines.LastLineTooLong)
        {
            context.RecordRead(1);
            context.Fail(context.At(1, 0), null, headerLine is null ? SkipReason.UnrecognisedFormat : SkipReason.TooLarge,
                headerLine is null ? "The input is empty: a Web of Science tab-delimited export starts with a row of field tags (PT, AU, ..., UT)." : ReadContext.TooLargeMessage("the header row", nameof(ReadLimits.MaxRecordBytes), limits.MaxRecordBytes, "--max-record-size"));
            context.Completed(1);
            yield break;
        }

        if (detector.IsInvalid(headerLine) || headerLine.Contains('\0', StringComparison.Ordinal))
        {
            context.RecordRead(1);
            context.Fail(context.At(1, 0), null, SkipReason.InvalidEncoding,
                "The header row is not UTF-8 (a UTF-16 'Tab delimited (Win)' export?). Export again as 'Tab delimited file' with UTF-8 encoding.",
                context.WantsRawText ? headerLine : null);
            context.Completed(1);
            yield break;
        }

        var header = headerLine.TrimStart('\uFEFF').Split('\t');
        for (int i = 0; i < header.Length; i++)
        {
            header[i] = header[i].Trim();
        }

        string? missing = Array.IndexOf(header, "UT") < 0 ? "UT"
            : Array.IndexOf(header, "AU") < 0 && Array.IndexOf(header, "AF") < 0 ? "AU"
            : null;
        if (missing is not null)
        {
            context.RecordRead(1);
            context.Fail(context.At(1, 0), missing, SkipReason.MissingRequiredField,
                $"The header has no '{missing}' column. Export full records in the Web of Science 'Tab delimited' format, whose header starts with PT AU.",
                context.WantsRawText ? headerLine : null);
            context.Completed(1);
            yield break;
        }

        var headerText = headerLine.TrimStart('\uFEFF');
        long lineNumber = 1, recordNumber = 0;
        string? line;
        while ((line = lines.ReadLine()) is not null)
        {
            lineNumber++;
            if (lines.LastLineTooLong)
            {
                recordNumber++;
                context.RecordRead(recordNumber);
                context.Fail(context.At(lineNumber, recordNumber), null, SkipReason.TooLarge,
                    ReadContext.TooLargeMessage($"the row on line {lineNumber}", nameof(ReadLimits.MaxRecordBytes), limits.MaxRecordBytes, "--max-record-size"));
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (string.Equals(line.TrimStart('\uFEFF'), headerText, StringComparison.Ordinal))
            {
                // Another export's header: files concatenated into one.
                context.RepeatedHeader(context.At(lineNumber, 0), line);
                continue;
            }

            recordNumber++;
            context.RecordRead(recordNumber);
            var raw = context.WantsRawText ? line : null;
            var cells = line.Split('\t');
            if (cells.Length < header.Length)
            {
                context.Fail(context.At(lineNumber, recordNumber), null, SkipReason.Malformed,
                    $"The row has {cells.Length} cells but the header has {header.Length} columns (a tab or line break inside a field?). Export the records again.", raw);
                continue;
            }

            var record = new WosRecord(lineNumber, recordNumber, limits, keepRaw: false);
            for (int i = 0; i < header.Length; i++)
            {
                var tag = header[i];
                if (cells[i].Length > limits.MaxFieldBytes)
                {
                    record.Oversize(tag, ReadContext.TooLargeMessage($"the {tag} cell", nameof(ReadLimits.MaxFieldBytes), limits.MaxFieldBytes, "--max-field-size"));
                    break;
                }

                if (detector.IsInvalid(cells[i]))
                {
                    record.MarkInvalid(lineNumber, tag);
                }

                if (!WosRecord.IsUsed(tag))
                {
                    continue;
                }

                var value = cells[i].Trim();
                if (value.Length == 0)
                {
                    continue;
                }

                List<string> items = tag == "C1" ? SplitAddresses(value)
                    : Array.IndexOf(s_listTags, tag) >= 0 ? [.. value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]
                    : [value];
                record.Set(tag, lineNumber, items, value);
            }

            if (record.TooLargeMessage is { } tooLarge)
            {
                context.Fail(context.At(lineNumber, recordNumber), record.TooLargeField, SkipReason.TooLarge, tooLarge, raw);
                continue;
            }

            var publication = WosPublicationBuilder.Build(record, context, addresses);
            if (publication is not null)
            {
                yield return publication;
            }
        }

        context.Completed(recordNumber);
    }

    /// <summary>Splits "[A; B] Address 1; [C] Address 2" at the semicolons outside the brackets.</summary>
    internal static List<string> SplitAddresses(string value)
    {
        var items = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char ch = value[i];
            if (ch == '[')
            {
                depth++;
            }
            else if (ch == ']' && depth > 0)
            {
                depth--;
            }
            else if (ch == ';' && depth == 0)
            {
                AddTrimmed(items, value, start, i);
                start = i + 1;
            }
        }

        AddTrimmed(items, value, start, value.Length);
        return items;
    }

    private static void AddTrimmed(List<string> items, string value, int start, int end)
    {
        var item = value.AsSpan(start, end - start).Trim();
        if (item.Length > 0)
        {
            items.Add(item.ToString());
        }
    }
}
