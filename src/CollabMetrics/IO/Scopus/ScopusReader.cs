using System.Globalization;
using CollabMetrics.Geography;
using CollabMetrics.Model;
using CsvHelper;

namespace CollabMetrics.IO.Scopus;

/// <summary>
/// Reads Scopus CSV exports, current and older layouts (UTF-8, usually with a byte order mark; one record a row,
/// fields quoted).
/// </summary>
/// <remarks>
/// <para>
/// Authors come from <c>Author full names</c> (with their Scopus ids) or <c>Authors</c>, ids from
/// <c>Author(s) ID</c>; affiliations from <c>Authors with affiliations</c> (author to address), or, in exports
/// without that column, from <c>Affiliations</c>, whose addresses then go to every author (the paper's country
/// set stays exact). <c>Correspondence Address</c> marks the corresponding author, <c>Year</c> is the year,
/// <c>EID</c> the id, <c>DOI</c> the DOI and <c>Cited by</c> the citations. Columns <c>Authors</c> (or
/// <c>Author full names</c>), <c>Year</c>, <c>EID</c> and one of the two affiliation columns are required.
/// </para>
/// <para>
/// Some exports write more cells in a row than the header has columns (a second "Funding Text" cell without a
/// header): cells up to the first "Funding Text" column are then read from the start of the row and the
/// columns after it from the end. docs/formats-scopus.md has the details.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var stream = File.OpenRead("scopus.csv");
/// var report = new IngestReport();
/// var publications = new ScopusReader().Read(stream, "scopus.csv", report: report).ToList();
/// Console.WriteLine(report.UnresolvedAffiliations.Count);
/// </code>
/// </example>
public sealed class ScopusReader : PublicationReader
{
    private const string AuthorsColumn = "Authors";
    private const string FullNamesColumn = "Author full names";
    private const string IdsColumn = "Author(s) ID";
    private const string AuthorsWithAffiliationsColumn = "Authors with affiliations";
    private const string AffiliationsColumn = "Affiliations";
    private const string CorrespondenceColumn = "Correspondence Address";
    private const string YearColumn = "Year";
    private const string EidColumn = "EID";
    private const string DoiColumn = "DOI";
    private const string CitedByColumn = "Cited by";
    private const string DocumentTypeColumn = "Document Type";

    private readonly CountryResolver _resolver;

    /// <summary>Creates a reader that resolves countries with <see cref="CountryResolver.Default"/>.</summary>
    public ScopusReader()
        : this(CountryResolverOptions.Default)
    {
    }

    /// <summary>Creates a reader that resolves countries with the given options (extra aliases).</summary>
    /// <param name="resolverOptions">The address resolver's options.</param>
    public ScopusReader(CountryResolverOptions resolverOptions)
    {
        ArgumentNullException.ThrowIfNull(resolverOptions);
        _resolver = ReferenceEquals(resolverOptions, CountryResolverOptions.Default) ? CountryResolver.Default : new CountryResolver(resolverOptions);
    }

    /// <summary>The resolver of <see cref="ReadOptions.Resolver"/> when given, else this reader's own.</summary>
    private CountryResolver ResolverFor(ReadContext context) =>
        context.Options.Resolver is { } options && !ReferenceEquals(options, _resolver.Options) ? new CountryResolver(options) : _resolver;

    /// <inheritdoc/>
    public override PublicationFormat Format => PublicationFormat.Scopus;

    /// <inheritdoc/>
    protected override IEnumerable<Publication> ReadCore(Stream stream, ReadContext context)
    {
        var detector = new InvalidUtf8Detector();
        var limits = context.Options.Limits;
        bool malformed = false;
        var csvOptions = new CsvReaderOptions
        {
            HasHeader = false,
            Separator = ',',
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = _ => malformed = true,
            MaxRecordSize = limits.MaxRecordBytes,
        };

        // Decoded by a StreamReader with the counting fallback, so invalid UTF-8 is found record by record.
        using var text = new StreamReader(stream, detector.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        using var csv = CsvReader.Create(text, csvOptions, leaveOpen: true);
        var resolver = ResolverFor(context);
        var addresses = new AddressResolution(resolver, context);
        var first = TryRead(csv, context, 0, 0);
        if (first != ReadResult.Row)
        {
            if (first == ReadResult.End)
            {
                context.RecordRead(1);
                context.Fail(context.At(1, 0), null, SkipReason.UnrecognisedFormat,
                    "The input is empty: a Scopus CSV export starts with a header row (Authors, Author(s) ID, Title, Year, ...).");
            }

            context.Completed(1);
            yield break;
        }

        var headerCells = Cells(csv);
        var columns = new ScopusColumns(headerCells);
        foreach (var bad in columns.InvalidNames(detector))
        {
            if (!context.IsLenient)
            {
                context.Fail(context.At(1, 0), bad, SkipReason.InvalidEncoding,
                    $"The header's column name '{bad}' is not valid UTF-8, so the column cannot be recognised. Export the records again from Scopus (CSV is written in UTF-8).");
            }

            context.Warn(context.At(1, 0), bad, $"the header's column name '{bad}' is not valid UTF-8: the column is ignored.");
        }

        if (columns.Missing() is { } missing)
        {
            context.RecordRead(1);
            context.Fail(context.At(1, 0), missing, SkipReason.MissingRequiredField,
                $"The header has no '{missing}' column. Export from Scopus as CSV with the citation information and the 'Affiliations' (or 'Authors with affiliations') field selected.",
                context.WantsRawText ? string.Join(',', headerCells) : null);
            context.Completed(1);
            yield break;
        }

        long recordNumber = 0;
        long nextLine = csv.LineNumber + 1;
        while (true)
        {
            long line = nextLine;
            var result = TryRead(csv, context, line, recordNumber + 1);
            if (result == ReadResult.End)
            {
                break;
            }

            if (result == ReadResult.Failed)
            {
                recordNumber++;
                break;
            }

            nextLine = csv.LineNumber + 1;
            var cells = Cells(csv);
            if (cells.Length == 0 || (cells.Length == 1 && cells[0].Length == 0))
            {
                continue;
            }

            if (columns.IsHeader(cells))
            {
                // Another export's header: files concatenated into one.
                context.RepeatedHeader(context.At(line, 0), context.WantsRawText ? string.Join(',', cells) : null);
                continue;
            }

            recordNumber++;
            context.RecordRead(recordNumber);
            var raw = context.WantsRawText ? RejectedRecord.Cut(string.Join(',', cells)) : null;
            if (malformed)
            {
                malformed = false;
                context.Fail(context.At(line, recordNumber), null, SkipReason.Malformed,
                    "A quoted field is not closed properly (a stray double quote). Export the records again.", raw);
                continue;
            }

            var row = columns.Bind(cells);
            if (row.Error is { } error)
            {
                context.Fail(context.At(line, recordNumber), null, SkipReason.Malformed, error, raw);
                continue;
            }

            if (OverLimit(row, cells, limits) is { } tooLarge)
            {
                context.Fail(context.At(line, recordNumber), tooLarge.Field, SkipReason.TooLarge, tooLarge.Message, raw);
                continue;
            }

            var publication = Build(row, context, context.At(line, recordNumber), detector, addresses, resolver, raw);
            if (publication is not null)
            {
                yield return publication;
            }
        }

        context.Completed(recordNumber);
    }

    private enum ReadResult
    {
        Row,
        End,
        Failed,
    }

    /// <summary>
    /// Moves to the next row; a row the CSV parser cannot read (larger than the record limit, or broken beyond
    /// recovery) is reported as one record, and the rest of the file cannot be read after it.
    /// </summary>
    private static ReadResult TryRead(CsvReader csv, ReadContext context, long line, long record)
    {
        try
        {
            return csv.Read() ? ReadResult.Row : ReadResult.End;
        }
        catch (CsvFormatException ex)
        {
            bool tooLarge = ex.Message.Contains("MaxRecordSize", StringComparison.Ordinal) || ex.Message.Contains("too large", StringComparison.OrdinalIgnoreCase);
            var limit = context.Options.Limits.MaxRecordBytes;
            context.RecordRead(Math.Max(record, 1));
            context.Fail(
                context.At(line, record),
                null,
                tooLarge ? SkipReason.TooLarge : SkipReason.Malformed,
                (tooLarge
                    ? ReadContext.TooLargeMessage("the row", nameof(ReadLimits.MaxRecordBytes), limit, "--max-record-size")
                    : $"the row cannot be read as CSV ({ex.Message}).")
                + " The rest of the file cannot be read after it.");
            return ReadResult.Failed;
        }
    }

    /// <summary>The first limit a row goes over: a cell, the number of authors or of affiliations.</summary>
    private static (string? Field, string Message)? OverLimit(ScopusRow row, string[] cells, ReadLimits limits)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (cells[i].Length > limits.MaxFieldBytes)
            {
                return (row.ColumnOf(i), ReadContext.TooLargeMessage("a cell", nameof(ReadLimits.MaxFieldBytes), limits.MaxFieldBytes, "--max-field-size"));
            }
        }

        int authors = Math.Max(Count(row[AuthorsColumn], ';', ','), Count(row[FullNamesColumn], ';', ';'));
        if (authors > limits.MaxAuthors)
        {
            return (AuthorsColumn, ReadContext.TooLargeMessage("the number of authors", nameof(ReadLimits.MaxAuthors), limits.MaxAuthors, "--max-record-authors"));
        }

        int affiliations = Math.Max(Count(row[AffiliationsColumn], ';', ';'), Count(row[AuthorsWithAffiliationsColumn], ';', ';'));
        if (affiliations > limits.MaxAffiliations)
        {
            return (AffiliationsColumn, ReadContext.TooLargeMessage("the number of affiliations", nameof(ReadLimits.MaxAffiliations), limits.MaxAffiliations, "--max-affiliations"));
        }

        return null;

        static int Count(string? text, char separator, char fallback)
        {
            if (text is null)
            {
                return 0;
            }

            var span = text.AsSpan();
            int n = span.Count(separator);
            return 1 + (n > 0 ? n : separator == fallback ? 0 : span.Count(fallback));
        }
    }

    private static Publication? Build(ScopusRow row, ReadContext context, SourcePosition position, InvalidUtf8Detector detector, AddressResolution addresses, CountryResolver resolver, string? raw)
    {
        if (row.FirstInvalid(detector) is { } badColumn)
        {
            context.Fail(position, badColumn, SkipReason.InvalidEncoding,
                "The bytes are not valid UTF-8. Export the records again from Scopus (CSV is written in UTF-8).", raw);
            return null;
        }

        var id = row[EidColumn];
        if (id is null)
        {
            context.Fail(position, EidColumn, SkipReason.MissingRequiredField, "The record has no EID, which identifies it. Export the records again with the EID column.", raw);
            return null;
        }

        int? year = null;
        if (row[YearColumn] is { } yearText)
        {
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out int y) || y < 1000 || y > 2999)
            {
                context.Fail(position, YearColumn, SkipReason.InvalidYear, $"'{yearText}' is not a publication year (a whole number from 1000 to 2999). Correct or remove the value.", raw);
                return null;
            }

            year = y;
        }

        int? citations = null;
        if (row[CitedByColumn] is { } citedBy)
        {
            if (!int.TryParse(citedBy, NumberStyles.None, CultureInfo.InvariantCulture, out int c))
            {
                context.Fail(position, CitedByColumn, SkipReason.InvalidNumber, $"'{citedBy}' is not a citation count (a whole number of zero or more). Correct or remove the value.", raw);
                return null;
            }

            citations = c;
        }

        var type = DocumentTypes.FromScopus(row[DocumentTypeColumn], out bool retracted);
        return new Publication
        {
            Id = id,
            Source = PublicationSource.Scopus,
            Position = position,
            Doi = Doi.Normalize(row[DoiColumn]),
            Year = year,
            Citations = citations,
            Authors = BuildAuthors(row, addresses, resolver),
            DocumentType = type,
            IsRetracted = retracted,
        };
    }

    private static Author[] BuildAuthors(ScopusRow row, AddressResolution addresses, CountryResolver resolver)
    {
        var byline = new Byline();
        var abbreviated = SplitAuthors(row[AuthorsColumn]);
        var ids = SplitIds(row[IdsColumn]);
        var full = row[FullNamesColumn] is { } fullText && !IsPlaceholder(fullText)
            ? fullText.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        int n = Math.Max(full.Length, abbreviated.Count);
        for (int i = 0; i < n; i++)
        {
            string? name = null, id = i < ids.Count && ids.Count == n ? ids[i] : null;
            if (i < full.Length)
            {
                // "Phillips, James C. (57202138757)"
                name = full[i];
                int open = name.LastIndexOf('(');
                if (open > 0 && name.EndsWith(')'))
                {
                    id = name[(open + 1)..^1].Trim();
                    name = name[..open].Trim();
                }
            }

            string? alternate = i < abbreviated.Count ? abbreviated[i] : null;
            byline.Add(name ?? alternate, id, alternate);
        }

        var known = SplitList(row[AffiliationsColumn]);
        if (row[AuthorsWithAffiliationsColumn] is { } withAffiliations)
        {
            var entries = withAffiliations.Split("; ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            int authorsBefore = byline.Count;
            for (int e = 0; e < entries.Length; e++)
            {
                var (name, rest) = SplitNameAndAffiliations(entries[e]);
                int author = byline.Find(name);
                if (author < 0)
                {
                    author = entries.Length == authorsBefore ? e : byline.Add(name);
                }

                foreach (var address in SplitAffiliations(rest, known, resolver))
                {
                    byline.AddAffiliation(author, addresses.Create(address, null));
                }
            }
        }
        else if (known.Count > 0)
        {
            var unlinked = new List<Affiliation>(known.Count);
            foreach (var address in known)
            {
                unlinked.Add(addresses.Create(address, null));
            }

            byline.AddUnlinked(unlinked);
        }

        if (row[CorrespondenceColumn] is { } correspondence)
        {
            bool useAddresses = !byline.AnyAffiliation();
            // One entry a line; lone CR line ends (older Mac exports) separate entries too.
            foreach (var entry in correspondence.Split(['\r', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // "Schulten, K.; Beckman Institute, , Urbana, IL 61801, United States; email: kschulte@ks.uiuc.edu"
                var parts = entry.Split(';', StringSplitOptions.TrimEntries);
                if (parts[0].Length == 0)
                {
                    continue;
                }

                int author = useAddresses ? byline.FindOrAdd(parts[0]) : byline.Find(parts[0]);
                if (author < 0)
                {
                    continue;
                }

                byline.MarkCorresponding(author);
                if (useAddresses && parts.Length > 1 && parts[1].Length > 0 && !parts[1].StartsWith("email", StringComparison.OrdinalIgnoreCase))
                {
                    byline.AddAffiliation(author, addresses.Create(parts[1], null));
                }
            }
        }

        return byline.Build();
    }

    private static string[] Cells(CsvReader csv)
    {
        var cells = new string[csv.FieldCount];
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i] = csv.GetString(i);
        }

        return cells;
    }

    private static bool IsPlaceholder(string text) => text.StartsWith("[No ", StringComparison.OrdinalIgnoreCase);

    /// <summary>"Phillips J.C., Braun R." (older exports) or "Phillips, J.C.; Braun, R." (current exports).</summary>
    internal static List<string> SplitAuthors(string? text)
    {
        if (text is null || IsPlaceholder(text))
        {
            return [];
        }

        var separator = text.Contains(';', StringComparison.Ordinal) ? ";" : ", ";
        return [.. text.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    }

    private static List<string> SplitIds(string? text)
    {
        var ids = new List<string>();
        if (text is null || IsPlaceholder(text))
        {
            return ids;
        }

        foreach (var id in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            ids.Add(id);
        }

        return ids;
    }

    private static List<string> SplitList(string? text)
    {
        var list = new List<string>();
        if (text is null)
        {
            return list;
        }

        foreach (var item in text.Split("; ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!list.Contains(item))
            {
                list.Add(item);
            }
        }

        return list;
    }

    /// <summary>"Phillips, J.C., Beckman Institute, ..." into ("Phillips, J.C.", "Beckman Institute, ...").</summary>
    internal static (string Name, string Affiliations) SplitNameAndAffiliations(string entry)
    {
        int first = entry.IndexOf(", ", StringComparison.Ordinal);
        if (first < 0)
        {
            return (entry, string.Empty);
        }

        int second = entry.IndexOf(", ", first + 2, StringComparison.Ordinal);
        var given = second < 0 ? entry[(first + 2)..] : entry[(first + 2)..second];
        if (LooksLikeInitials(given))
        {
            return second < 0 ? (entry, string.Empty) : (entry[..second], entry[(second + 2)..]);
        }

        return (entry[..first], entry[(first + 2)..]);
    }

    private static bool LooksLikeInitials(string given)
    {
        given = given.Trim();
        if (given.Length == 0 || given.Length > 12)
        {
            return false;
        }

        // "J.C.", "R.", "D.-Q.", "A.A.", "J": letters (upper case) with dots and hyphens.
        foreach (var ch in given)
        {
            if (!(char.IsUpper(ch) || ch is '.' or '-' or ' '))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One author's affiliations, which Scopus joins with ", " like the parts of an address: matched against the
    /// record's <c>Affiliations</c> list (longest first), and otherwise cut after each segment that names a country.
    /// </summary>
    internal static List<string> SplitAffiliations(string rest, List<string> known, CountryResolver resolver)
    {
        var result = new List<string>();
        while (rest.Length > 0)
        {
            string? best = null;
            foreach (var k in known)
            {
                if ((best is null || k.Length > best.Length)
                    && rest.StartsWith(k, StringComparison.Ordinal)
                    && (rest.Length == k.Length || rest.AsSpan(k.Length).StartsWith(", ", StringComparison.Ordinal)))
                {
                    best = k;
                }
            }

            if (best is null)
            {
                break;
            }

            result.Add(best);
            rest = rest.Length == best.Length ? string.Empty : rest[(best.Length + 2)..];
        }

        if (rest.Length == 0)
        {
            return result;
        }

        var segments = rest.Split(", ");
        int start = 0;
        for (int i = 0; i < segments.Length; i++)
        {
            bool last = i == segments.Length - 1;
            if (last || (resolver.TryResolve(segments[i], out _) && !resolver.TryResolve(segments[i + 1], out _)))
            {
                var address = string.Join(", ", segments, start, i - start + 1).Trim();
                if (address.Length > 0)
                {
                    result.Add(address);
                }

                start = i + 1;
            }
        }

        return result;
    }
}
