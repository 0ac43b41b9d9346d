using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.IO.WebOfScience;

/// <summary>
/// Reads Web of Science plain-text exports ("FN Clarivate Analytics Web of Science" / "VR 1.0" header,
/// <c>PT</c> ... <c>ER</c> records, continuation lines indented by three spaces).
/// </summary>
/// <remarks>
/// <para>
/// Authors come from <c>AF</c> (full names; <c>AU</c> when AF is absent), addresses from <c>C1</c>, whose
/// <c>[Author A; Author B]</c> prefixes link authors to addresses; an author with several addresses gets several
/// affiliations. Addresses without a prefix (the layout before 2008, or an address no author is named for) go to
/// every author that has no linked address, or to every author when all have one: the paper's country set, and so
/// whole counts, equal-split counts and co-publication counts, stay exact. <c>RP</c> marks the corresponding
/// authors (its addresses are used only when C1 is empty), <c>PY</c> is the year, <c>UT</c> the id, <c>DI</c>
/// the DOI, <c>TC</c> the citations, and the <c>WC</c> categories the technology labels (mapped together with
/// <c>SC</c> through <see cref="ReadOptions.Technologies"/> when a mapping is given). Countries are resolved by a
/// <see cref="CountryResolver"/>; addresses it cannot resolve are counted in
/// <see cref="IngestReport.UnresolvedAffiliations"/>. docs/formats-wos.md has the details.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var stream = File.OpenRead("savedrecs.txt");
/// var report = new IngestReport();
/// foreach (var publication in new WebOfScienceReader().Read(stream, "savedrecs.txt", report: report))
/// {
///     Console.WriteLine($"{publication.Id}: {string.Join(' ', publication.Countries)}");
/// }
/// </code>
/// </example>
public sealed class WebOfScienceReader : PublicationReader
{
    private readonly CountryResolver _resolver;

    /// <summary>Creates a reader that resolves countries with <see cref="CountryResolver.Default"/>.</summary>
    public WebOfScienceReader()
        : this(CountryResolverOptions.Default)
    {
    }

    /// <summary>Creates a reader that resolves countries with the given options (extra aliases).</summary>
    /// <param name="resolverOptions">The address resolver's options.</param>
    public WebOfScienceReader(CountryResolverOptions resolverOptions)
    {
        ArgumentNullException.ThrowIfNull(resolverOptions);
        _resolver = ReferenceEquals(resolverOptions, CountryResolverOptions.Default) ? CountryResolver.Default : new CountryResolver(resolverOptions);
    }

    /// <summary>The resolver of <see cref="ReadOptions.Resolver"/> when given, else this reader's own.</summary>
    private CountryResolver ResolverFor(ReadContext context) =>
        context.Options.Resolver is { } options && !ReferenceEquals(options, _resolver.Options) ? new CountryResolver(options) : _resolver;

    /// <inheritdoc/>
    public override PublicationFormat Format => PublicationFormat.WebOfScience;

    /// <inheritdoc/>
    protected override IEnumerable<Publication> ReadCore(Stream stream, ReadContext context)
    {
        var detector = new InvalidUtf8Detector();
        using var reader = new StreamReader(stream, detector.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var limits = context.Options.Limits;
        var lines = new LineReader(reader, limits.MaxFieldBytes);
        var resolver = ResolverFor(context);
        var addresses = new AddressResolution(resolver, context);
        long lineNumber = 0, recordNumber = 0;
        bool header = false;
        WosRecord? record = null;
        long orphanLine = 0;
        string? tag = null;
        string? line;
        while ((line = lines.ReadLine()) is not null)
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                line = line.TrimStart('\uFEFF');
            }

            if (lines.LastLineTooLong)
            {
                var message = ReadContext.TooLargeMessage($"line {lineNumber}", nameof(ReadLimits.MaxFieldBytes), limits.MaxFieldBytes, "--max-field-size");
                header = true;
                if (record is not null)
                {
                    record.CountLine(line, lines.LastLineLength);
                    record.Oversize(tag, message);
                    FailAtOnceIfStrict(context, record);
                }
                else if (orphanLine == 0)
                {
                    // Not inside a record: the line is reported as one bad record.
                    recordNumber++;
                    context.RecordRead(recordNumber);
                    context.Fail(context.At(lineNumber, recordNumber), null, SkipReason.TooLarge, message);
                }

                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (!header)
            {
                header = true;
                if (line.StartsWith("FN", StringComparison.Ordinal) || line.StartsWith("VR", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!line.StartsWith("PT", StringComparison.Ordinal) || line.Contains('\t', StringComparison.Ordinal))
                {
                    recordNumber++;
                    context.RecordRead(recordNumber);
                    context.Fail(context.At(lineNumber, 0), null, SkipReason.UnrecognisedFormat,
                        "This is not a Web of Science plain-text export: it should start with an 'FN' line (or a 'PT' record). Export with 'Plain text file', or use the tab-delimited reader for tab-delimited files.",
                        context.WantsRawText ? line : null);
                    context.Completed(recordNumber);
                    yield break;
                }

                // No FN/VR header: the file starts with its first record.
            }

            bool continuation = line.StartsWith("   ", StringComparison.Ordinal);
            var lineTag = continuation || line.Length < 2 ? null : line[..2];
            if (lineTag == "PT")
            {
                if (orphanLine > 0)
                {
                    FailOrphan(context, orphanLine, lineNumber - 1, recordNumber);
                    orphanLine = 0;
                }

                if (record is not null)
                {
                    context.Fail(context.At(record.Line, record.Number), "ER", SkipReason.Malformed,
                        $"The record starting on line {record.Line} has no ER line before the next record (line {lineNumber}); it is incomplete. Export the records again.",
                        record.RawText);
                }

                recordNumber++;
                context.RecordRead(recordNumber);
                record = new WosRecord(lineNumber, recordNumber, limits, context.WantsRawText);
                tag = null;
            }

            if (record is null)
            {
                if (lineTag is "FN" && orphanLine == 0)
                {
                    if (recordNumber > 0)
                    {
                        // Another export's header: files concatenated into one.
                        context.RepeatedHeader(context.At(lineNumber, 0), line);
                    }

                    continue;
                }

                if (lineTag is "VR" or "EF" && orphanLine == 0)
                {
                    continue;
                }

                // Field lines outside a record (a record that lost its PT line, or stray lines): one bad record up to the next ER or PT.
                if (orphanLine == 0)
                {
                    orphanLine = lineNumber;
                    recordNumber++;
                    context.RecordRead(recordNumber);
                }

                if (lineTag == "ER")
                {
                    FailOrphan(context, orphanLine, lineNumber, recordNumber);
                    orphanLine = 0;
                }

                continue;
            }

            record.CountLine(line, line.Length);
            if (lineTag == "ER")
            {
                var finished = record;
                record = null;
                if (finished.TooLargeMessage is { } tooLarge)
                {
                    context.Fail(context.At(finished.Line, finished.Number), finished.TooLargeField, SkipReason.TooLarge, tooLarge, finished.RawText);
                    continue;
                }

                var publication = WosPublicationBuilder.Build(finished, context, addresses);
                if (publication is not null)
                {
                    yield return publication;
                }

                continue;
            }

            if (!continuation)
            {
                tag = lineTag;
            }

            if (tag is not null && WosRecord.IsUsed(tag))
            {
                record.AddLine(tag, lineNumber, continuation ? line[3..] : line.Length > 3 ? line[3..] : string.Empty);
            }

            if (detector.IsInvalid(line))
            {
                record.MarkInvalid(lineNumber, tag);
            }

            FailAtOnceIfStrict(context, record);
        }

        if (orphanLine > 0)
        {
            FailOrphan(context, orphanLine, lineNumber, recordNumber);
        }

        if (record is not null)
        {
            context.Fail(context.At(record.Line, record.Number), "ER", SkipReason.Truncated,
                $"The input ends inside the record starting on line {record.Line} (no ER line): the file is cut off. Export or download it again.",
                record.RawText);
        }

        context.Completed(recordNumber);
    }

    /// <summary>In strict mode a record over a limit throws at once, without reading on to its end.</summary>
    private static void FailAtOnceIfStrict(ReadContext context, WosRecord record)
    {
        if (!context.IsLenient && record.TooLargeMessage is { } message)
        {
            context.Fail(context.At(record.Line, record.Number), record.TooLargeField, SkipReason.TooLarge, message, record.RawText);
        }
    }

    private static void FailOrphan(ReadContext context, long from, long to, long recordNumber) =>
        context.Fail(context.At(from, recordNumber), "PT", SkipReason.Malformed,
            from == to
                ? $"Line {from} is a field outside any record (records start with PT and end with ER). Export the records again."
                : $"Lines {from}-{to} are fields outside any record: the record has no PT line (records start with PT and end with ER). Export the records again.");
}
