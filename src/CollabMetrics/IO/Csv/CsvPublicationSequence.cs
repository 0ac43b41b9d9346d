using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using CollabMetrics.Geography;
using CollabMetrics.Model;
using CsvHelper;

namespace CollabMetrics.IO.Csv;

/// <summary>
/// The state of one CollabMetrics CSV read: parses rows with CsvHelper, reads numbers, codes and repeated
/// publication-level values straight from the UTF-8 field spans (strings are made only for ids and names),
/// groups rows into publications and reports problems.
/// </summary>
internal sealed class CsvPublicationSequence : IDisposable
{
    private static readonly Comparison<RowEntry> s_byPosition = static (a, b) =>
        a.Position != b.Position ? a.Position.CompareTo(b.Position) : a.Order.CompareTo(b.Order);

    private readonly ReadContext _context;
    private readonly ReadLimits _limits;
    private readonly CsvGrouping _grouping;
    private readonly CsvReader _reader;
    private readonly Dictionary<long, CsvMalformedReason> _malformed = [];
    private readonly StringBuilder _scratch = new();
    private readonly List<Author> _authors = [];
    private readonly List<Affiliation> _affiliations = [];
    private readonly HashSet<string>? _closed;
    private readonly Dictionary<string, Group>? _groups;
    private readonly List<Group>? _order;

    // Column index in the file of each known column (indexed like CsvColumns.All); -1 when absent.
    private readonly int[] _index = new int[CsvColumns.All.Length];
    private int _width;
    private bool _pending;
    private bool _eof;
    private bool _started;
    private bool _done;
    private int _emitted;
    private Group? _open;
    private long _records;
    private long _line;
    private bool _unreadable;
    private SourcePosition _headerPosition;

    public CsvPublicationSequence(Stream stream, ReadContext context, CsvGrouping grouping)
    {
        _context = context;
        _grouping = grouping;
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            PoolStrings = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => _malformed[record.LineNumber] = record.Reason,
            MaxRecordSize = context.Options.Limits.MaxRecordBytes,
        };
        _limits = context.Options.Limits;
        _reader = CsvReader.Create(stream, options, leaveOpen: true);
        if (grouping == CsvGrouping.Contiguous)
        {
            _closed = new HashSet<string>(StringComparer.Ordinal);
        }
        else
        {
            _groups = new Dictionary<string, Group>(StringComparer.Ordinal);
            _order = [];
        }
    }

    /// <summary>The publication just completed, or null when it was skipped.</summary>
    public Publication? Current { get; private set; }

    public bool MoveNext()
    {
        Current = null;
        if (_done)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            if (!ReadHeader())
            {
                Finish();
                return false;
            }
        }

        return _grouping == CsvGrouping.Contiguous ? MoveNextContiguous() : MoveNextInMemory();
    }

    public void Dispose() => _reader.Dispose();

    private bool MoveNextContiguous()
    {
        while (true)
        {
            if (!NextRow())
            {
                if (_open is null)
                {
                    Finish();
                    return false;
                }

                Current = Close(_open);
                _open = null;
                return true;
            }

            var idSpan = Span(Col.PublicationId);
            if (_open is not null && !idSpan.IsEmpty && _open.IdUtf8.Equals(idSpan))
            {
                AddRow(_open);
                continue;
            }

            Publication? finished = null;
            bool hadOpen = _open is not null;
            if (_open is not null)
            {
                finished = Close(_open);
                _closed!.Add(_open.Id);
            }

            var group = _open ?? new Group();
            string id = idSpan.IsEmpty ? string.Empty : Text(Col.PublicationId);
            group.Reset(id, idSpan, _line, ++_records);
            _open = group;
            _context.RecordRead(_records);
            if (id.Length == 0)
            {
                Reject(group, _line, CsvColumns.PublicationId, SkipReason.MissingRequiredField, "the row has no publication_id.");
            }
            else if (_closed!.Contains(id))
            {
                Reject(group, _line, CsvColumns.PublicationId, SkipReason.Inconsistent,
                    $"the rows of publication '{id}' are not contiguous: some came before other publications' rows. Sort the file by publication_id (Corpus.ToCsvFile writes contiguous rows), or read it with new CollabMetricsCsvReader(CsvGrouping.InMemory).");
            }
            else
            {
                AddRow(group);
            }

            if (hadOpen)
            {
                Current = finished;
                return true;
            }
        }
    }

    private bool MoveNextInMemory()
    {
        if (_emitted == 0)
        {
            while (NextRow())
            {
                var idSpan = Span(Col.PublicationId);
                if (idSpan.IsEmpty)
                {
                    var orphan = new Group();
                    orphan.Reset(string.Empty, default, _line, ++_records);
                    _context.RecordRead(_records);
                    Reject(orphan, _line, CsvColumns.PublicationId, SkipReason.MissingRequiredField, "the row has no publication_id.");
                    continue;
                }

                var id = Text(Col.PublicationId);
                if (!_groups!.TryGetValue(id, out var group))
                {
                    group = new Group();
                    group.Reset(id, idSpan, _line, ++_records);
                    _context.RecordRead(_records);
                    _groups.Add(id, group);
                    _order!.Add(group);
                }

                AddRow(group);
            }

            _groups!.Clear();
        }

        while (_emitted < _order!.Count)
        {
            var group = _order[_emitted];
            _order[_emitted++] = null!;
            Current = Close(group);
            if (Current is not null)
            {
                return true;
            }
        }

        Finish();
        return false;
    }

    private void Finish()
    {
        if (!_done)
        {
            _done = true;
            _context.Completed(_records);
        }
    }

    private bool ReadHeader()
    {
        if (!ReadRow())
        {
            if (!_unreadable)
            {
                _records++;
                _context.RecordRead(_records);
                _context.Fail(_context.At(1, 0), null, SkipReason.Malformed, "the file is empty: a CollabMetrics CSV file starts with a header line (publication_id,year,author_position,country,...).");
            }

            return false;
        }

        _width = _reader.FieldCount;
        var names = new string[_width];
        var valid = new bool[_width];
        for (int i = 0; i < _width; i++)
        {
            valid[i] = Utf8.IsValid(_reader.GetSpan(i));
            names[i] = _reader.GetString(i);
        }

        var header = CsvColumns.MatchHeader(names, valid);
        header.Index.CopyTo(_index, 0);
        _headerPosition = _context.At(Math.Max(1, _reader.LineNumber), 0);
        foreach (var bad in header.InvalidNames)
        {
            if (!_context.IsLenient)
            {
                _context.Fail(_headerPosition, bad, SkipReason.InvalidEncoding,
                    $"the header's column name '{bad}' is not valid UTF-8, so the column cannot be recognised; save the file as UTF-8.");
            }

            _context.Warn(_headerPosition, bad, $"the header's column name '{bad}' is not valid UTF-8: the column is ignored.");
        }

        foreach (var (name, suggestion) in header.Unknown)
        {
            _context.UnknownColumn(_headerPosition, name, suggestion is null
                ? $"'{name}' is not a CollabMetrics CSV column: it is ignored."
                : $"'{name}' is not a CollabMetrics CSV column (did you mean '{suggestion}'?): it is ignored.");
        }

        if (header.MissingRequired is { } column)
        {
            _records++;
            _context.RecordRead(_records);
            _context.Fail(
                _headerPosition,
                column,
                SkipReason.MissingRequiredField,
                $"the header has no '{column}' column, so the file cannot be read; a CollabMetrics CSV file needs the columns {string.Join(", ", CsvColumns.Required)} (found: {string.Join(", ", names)}).");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Reads a row from the parser. A row it cannot read (larger than <see cref="ReadLimits.MaxRecordBytes"/>, or
    /// broken beyond recovery) is reported as one more record, and the file ends there: the parser cannot find the
    /// next row after it.
    /// </summary>
    private bool ReadRow()
    {
        if (_unreadable)
        {
            return false;
        }

        try
        {
            return _reader.Read();
        }
        catch (CsvFormatException ex)
        {
            _unreadable = true;
            bool tooLarge = ex.Message.Contains("MaxRecordSize", StringComparison.Ordinal) || ex.Message.Contains("too large", StringComparison.OrdinalIgnoreCase);
            _records++;
            _context.RecordRead(_records);
            _context.Fail(
                _context.At(_line + 1, _records),
                null,
                tooLarge ? SkipReason.TooLarge : SkipReason.Malformed,
                (tooLarge
                    ? ReadContext.TooLargeMessage("the row", nameof(ReadLimits.MaxRecordBytes), _limits.MaxRecordBytes, "--max-record-size")
                    : $"the row cannot be read as CSV ({ex.Message}).")
                + " The rest of the file cannot be read after it.");
            return false;
        }
    }

    /// <summary>Moves to the next row (or to the row already read by a look-ahead).</summary>
    private bool NextRow()
    {
        if (_pending)
        {
            _pending = false;
        }
        else if (!ReadDataRow())
        {
            return false;
        }

        _line = _reader.LineNumber;
        return true;
    }

    /// <summary>Reads the next row that is not a repeated header row.</summary>
    private bool ReadDataRow()
    {
        while (true)
        {
            if (_eof || !ReadRow())
            {
                _eof = true;
                return false;
            }

            if (!IsRepeatedHeader())
            {
                return true;
            }

            _context.RepeatedHeader(_context.At(_reader.LineNumber, 0), _context.WantsRawText ? RejectedRecord.Cut(_reader.RawRecord) : null);
        }
    }

    /// <summary>Whether the current row is the header again (files concatenated into one).</summary>
    private bool IsRepeatedHeader() =>
        Ascii.EqualsIgnoreCase(Span(Col.PublicationId).Trim(" \t"u8), "publication_id"u8)
        && Ascii.EqualsIgnoreCase(Span(Col.Year).Trim(" \t"u8), "year"u8);

    /// <summary>Whether another row follows the current one; if so, the reader moves to it and <see cref="NextRow"/> returns it next.</summary>
    private bool PeekRow()
    {
        if (!ReadDataRow())
        {
            return false;
        }

        _pending = true;
        return true;
    }

    /// <summary>The UTF-8 value of a known column in the current row; empty when the column is absent.</summary>
    private ReadOnlySpan<byte> Span(int column)
    {
        int i = _index[column];
        return i >= 0 && i < _reader.FieldCount ? _reader.GetSpan(i) : default;
    }

    private string Text(int column)
    {
        int i = _index[column];
        return i >= 0 && i < _reader.FieldCount ? _reader.GetString(i) : string.Empty;
    }

    private string? Optional(int column) => Span(column).IsEmpty ? null : Text(column);

    private void AddRow(Group group)
    {
        long line = _line;
        var malformed = default(CsvMalformedReason);
        bool isMalformed = _malformed.Count > 0 && _malformed.Remove(line, out malformed);
        if (group.Rejected)
        {
            return;
        }

        if (isMalformed)
        {
            if (malformed == CsvMalformedReason.UnterminatedQuote)
            {
                Reject(group, line, null, SkipReason.Truncated, "a quoted field is never closed: the file is cut off (or a quote is missing).");
            }
            else
            {
                Reject(group, line, null, SkipReason.Malformed, $"the row is not well-formed CSV ({malformed}): a field with a quote, comma or line break must be quoted, and its quotes doubled.");
            }

            return;
        }

        var rawRecord = _reader.RawRecord;
        group.Bytes += rawRecord.Length;
        if (group.Bytes > _limits.MaxRecordBytes)
        {
            Reject(group, line, null, SkipReason.TooLarge, ReadContext.TooLargeMessage($"publication '{group.Id}' (its rows together)", nameof(ReadLimits.MaxRecordBytes), _limits.MaxRecordBytes, "--max-record-size"));
            return;
        }

        if (group.Rows.Count >= _limits.MaxAffiliations)
        {
            Reject(group, line, null, SkipReason.TooLarge, ReadContext.TooLargeMessage($"the number of rows (affiliations) of publication '{group.Id}'", nameof(ReadLimits.MaxAffiliations), _limits.MaxAffiliations, "--max-affiliations"));
            return;
        }

        if (rawRecord.Length > _limits.MaxFieldBytes)
        {
            for (int f = 0; f < _reader.FieldCount; f++)
            {
                if (_reader.GetSpan(f).Length > _limits.MaxFieldBytes)
                {
                    Reject(group, line, f < _width ? ColumnName(f) : null, SkipReason.TooLarge, ReadContext.TooLargeMessage("a field", nameof(ReadLimits.MaxFieldBytes), _limits.MaxFieldBytes, "--max-field-size"));
                    return;
                }
            }
        }

        int count = _reader.FieldCount;
        if (count != _width)
        {
            if (count < _width && !PeekRow())
            {
                Reject(group, line, null, SkipReason.Truncated, $"the last row has {count} fields where the header has {_width}: the file is cut off.");
            }
            else
            {
                Reject(group, line, null, SkipReason.Malformed, $"the row has {count} fields where the header has {_width}.");
            }

            return;
        }

        if (!Utf8.IsValid(_reader.RawRecord))
        {
            string? field = null;
            for (int c = 0; c < CsvColumns.All.Length && field is null; c++)
            {
                if (!Utf8.IsValid(Span(c)))
                {
                    field = CsvColumns.All[c];
                }
            }

            Reject(group, line, field, SkipReason.InvalidEncoding, "the text is not valid UTF-8; save the file as UTF-8.");
            return;
        }

        // Publication-level values: empty means "not given on this row"; given values must agree.
        var yearSpan = Span(Col.Year);
        if (!yearSpan.IsEmpty)
        {
            if (!TryParseInt(yearSpan, out int year) || year < YearRange.Min || year > YearRange.Max)
            {
                Reject(group, line, CsvColumns.Year, SkipReason.InvalidYear, $"'{Text(Col.Year)}' is not a year (a whole number in {YearRange.Min}-{YearRange.Max}).");
                return;
            }

            if (!Agree(group, ref group.Year, year, line, CsvColumns.Year))
            {
                return;
            }
        }

        var citationsSpan = Span(Col.Citations);
        if (!citationsSpan.IsEmpty)
        {
            if (!TryParseInt(citationsSpan, out int citations) || citations < 0)
            {
                Reject(group, line, CsvColumns.Citations, SkipReason.InvalidNumber, $"'{Text(Col.Citations)}' is not a non-negative whole number.");
                return;
            }

            if (!Agree(group, ref group.Citations, citations, line, CsvColumns.Citations))
            {
                return;
            }
        }

        if (!ReadDocumentColumns(group, line))
        {
            return;
        }

        if (!AgreeText(group, group.Doi, Col.Doi, line)
            || !AgreeText(group, group.Technologies, Col.Technologies, line)
            || !AgreeText(group, group.Source, Col.Source, line))
        {
            return;
        }

        // Author-level values.
        var positionSpan = Span(Col.AuthorPosition);
        int position = 0;
        if (!positionSpan.IsEmpty && (!TryParseInt(positionSpan, out position) || position < 1))
        {
            Reject(group, line, CsvColumns.AuthorPosition, SkipReason.InvalidNumber, $"'{Text(Col.AuthorPosition)}' is not an author position (a whole number from 1).");
            return;
        }

        var countrySpan = Span(Col.Country).Trim(" \t"u8);
        var country = Country.Unknown;
        if (!countrySpan.IsEmpty && !(countrySpan.Length == 2 && Country.TryParseAlpha2([(char)countrySpan[0], (char)countrySpan[1]], out country)))
        {
            Reject(group, line, CsvColumns.Country, SkipReason.UnknownCountryCode, $"'{Text(Col.Country)}' is not an ISO 3166-1 alpha-2 country code.");
            return;
        }

        bool corresponding = false;
        var correspondingSpan = Span(Col.Corresponding);
        if (!correspondingSpan.IsEmpty && !TryParseFlag(correspondingSpan, out corresponding))
        {
            Reject(group, line, CsvColumns.Corresponding, SkipReason.Malformed, $"'{Text(Col.Corresponding)}' is not true or false.");
            return;
        }

        group.Rows.Add(new RowEntry(position, group.Rows.Count, line, Optional(Col.AuthorId), corresponding, Optional(Col.InstitutionId), Optional(Col.InstitutionName), country));
    }

    private static bool TryParseInt(ReadOnlySpan<byte> text, out int value)
    {
        text = text.Trim(" \t"u8);
        return Utf8Parser.TryParse(text, out value, out int consumed) && consumed == text.Length && text.Length > 0;
    }

    private static bool TryParseFlag(ReadOnlySpan<byte> text, out bool value)
    {
        var t = text.Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(t, "true"u8) || t.SequenceEqual("1"u8) || Ascii.EqualsIgnoreCase(t, "yes"u8))
        {
            value = true;
            return true;
        }

        value = false;
        return Ascii.EqualsIgnoreCase(t, "false"u8) || t.SequenceEqual("0"u8) || Ascii.EqualsIgnoreCase(t, "no"u8);
    }

    private bool Agree(Group group, ref int? stored, int value, long line, string column)
    {
        if (stored is null)
        {
            stored = value;
            return true;
        }

        if (stored.Value == value)
        {
            return true;
        }

        Reject(group, line, column, SkipReason.Inconsistent, $"this row gives {value}, an earlier row of publication '{group.Id}' gave {stored.Value}.");
        return false;
    }

    /// <summary>
    /// Reads the publication-level document columns of a row (<c>document_type</c> by its name, the three flags as
    /// true or false) and checks them against the earlier rows of the publication; false after rejecting it.
    /// </summary>
    private bool ReadDocumentColumns(Group group, long line)
    {
        var typeSpan = Span(Col.DocumentType).Trim(" \t"u8);
        if (!typeSpan.IsEmpty)
        {
            if (!DocumentTypes.TryParse(Text(Col.DocumentType), out var type))
            {
                Reject(group, line, CsvColumns.DocumentType, SkipReason.Malformed, $"'{Text(Col.DocumentType)}' is not a document type; use {DocumentTypes.Choices}.");
                return false;
            }

            if (!Agree(group, ref group.DocumentType, (int)type, line, CsvColumns.DocumentType))
            {
                return false;
            }
        }

        return AgreeFlag(group, ref group.Retracted, Col.Retracted, CsvColumns.Retracted, line)
            && AgreeFlag(group, ref group.Paratext, Col.Paratext, CsvColumns.Paratext, line)
            && AgreeFlag(group, ref group.AuthorsTruncated, Col.AuthorsTruncated, CsvColumns.AuthorsTruncated, line);
    }

    private bool AgreeFlag(Group group, ref int? stored, int column, string name, long line)
    {
        var span = Span(column);
        if (span.IsEmpty)
        {
            return true;
        }

        if (!TryParseFlag(span, out bool flag))
        {
            Reject(group, line, name, SkipReason.Malformed, $"'{Text(column)}' is not true or false.");
            return false;
        }

        return Agree(group, ref stored, flag ? 1 : 0, line, name);
    }

    /// <summary>Takes a publication-level text value from its first row and checks later rows against its bytes (no string per row).</summary>
    private bool AgreeText(Group group, Utf8Value stored, int column, long line)
    {
        var value = Span(column);
        if (value.IsEmpty)
        {
            return true;
        }

        if (stored.Text is null)
        {
            stored.Set(value, Text(column));
            return true;
        }

        if (stored.Equals(value))
        {
            return true;
        }

        Reject(group, line, CsvColumns.All[column], SkipReason.Inconsistent, $"this row gives '{Text(column)}', an earlier row of publication '{group.Id}' gave '{stored.Text}'.");
        return false;
    }

    private void Reject(Group group, long line, string? field, SkipReason reason, string message, bool currentRow = true)
    {
        group.Rejected = true;
        group.Rows.Clear();
        var raw = currentRow && _context.WantsRawText && !_eof ? RejectedRecord.Cut(_reader.RawRecord) : null;
        _context.Fail(_context.At(line, group.Record), field, reason, message, raw);
    }

    /// <summary>The name of column <paramref name="field"/> of the file, or null when it is not a known column.</summary>
    private string? ColumnName(int field)
    {
        int known = Array.IndexOf(_index, field);
        return known >= 0 ? CsvColumns.All[known] : null;
    }

    /// <summary>Builds the publication of a group, or returns null when it was rejected or its rows disagree.</summary>
    private Publication? Close(Group group)
    {
        if (group.Rejected)
        {
            return null;
        }

        PublicationSource source = PublicationSource.CollabMetricsCsv;
        if (group.Source.Text is { } sourceText && (!Enum.TryParse(sourceText, ignoreCase: true, out source) || !Enum.IsDefined(source)))
        {
            Reject(group, group.Line, CsvColumns.Source, SkipReason.Malformed, $"'{sourceText}' is not a source ({string.Join(", ", Enum.GetNames<PublicationSource>())}).", currentRow: false);
            return null;
        }

        var rows = group.Rows;
        for (int i = 1; i < rows.Count; i++)
        {
            if (rows[i].Position < rows[i - 1].Position)
            {
                rows.Sort(s_byPosition);
                break;
            }
        }

        _authors.Clear();
        int positions = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Position != 0 && (i == 0 || rows[i].Position != rows[i - 1].Position) && ++positions > _limits.MaxAuthors)
            {
                Reject(group, group.Line, CsvColumns.AuthorPosition, SkipReason.TooLarge, ReadContext.TooLargeMessage($"the number of authors of publication '{group.Id}'", nameof(ReadLimits.MaxAuthors), _limits.MaxAuthors, "--max-record-authors"), currentRow: false);
                return null;
            }
        }

        int r = 0;
        while (r < rows.Count)
        {
            var first = rows[r];
            if (first.Position == 0)
            {
                r++;
                continue;
            }

            _affiliations.Clear();
            int end = r;
            for (; end < rows.Count && rows[end].Position == first.Position; end++)
            {
                var row = rows[end];
                if (!string.Equals(row.AuthorId, first.AuthorId, StringComparison.Ordinal) || row.Corresponding != first.Corresponding)
                {
                    Reject(group, row.Line, row.AuthorId != first.AuthorId ? CsvColumns.AuthorId : CsvColumns.Corresponding, SkipReason.Inconsistent,
                        $"rows of author {first.Position} of publication '{group.Id}' disagree on the author's id or corresponding flag.", currentRow: false);
                    return null;
                }

                if (row.InstitutionId is not null || row.InstitutionName is not null || row.Country.IsKnown)
                {
                    _affiliations.Add(new Affiliation { InstitutionId = row.InstitutionId, InstitutionName = row.InstitutionName, Country = row.Country });
                }
            }

            _authors.Add(new Author
            {
                Id = first.AuthorId,
                IsCorresponding = first.Corresponding,
                Affiliations = _affiliations.Count == 0 ? [] : _affiliations.ToArray(),
            });
            r = end;
        }

        var publication = new Publication
        {
            Id = group.Id,
            Source = source,
            Position = _context.At(group.Line, group.Record),
            Doi = Model.Doi.Normalize(group.Doi.Text),
            Year = group.Year,
            Citations = group.Citations,
            Authors = _authors.Count == 0 ? [] : _authors.ToArray(),
            Technologies = group.Technologies.Text is { } technologies ? CsvColumns.SplitTechnologies(technologies, _scratch) : [],
            DocumentType = (DocumentType)(group.DocumentType ?? 0),
            IsRetracted = group.Retracted == 1,
            IsParatext = group.Paratext == 1,
            AuthorsTruncated = group.AuthorsTruncated == 1,
        };
        rows.Clear();
        return publication;
    }

    /// <summary>Indices into <see cref="CsvColumns.All"/>.</summary>
    private static class Col
    {
        public const int PublicationId = 0;
        public const int Source = 1;
        public const int Doi = 2;
        public const int Year = 3;
        public const int AuthorPosition = 4;
        public const int AuthorId = 5;
        public const int Corresponding = 6;
        public const int InstitutionId = 7;
        public const int InstitutionName = 8;
        public const int Country = 9;
        public const int Technologies = 10;
        public const int Citations = 11;
        public const int DocumentType = 12;
        public const int Retracted = 13;
        public const int Paratext = 14;
        public const int AuthorsTruncated = 15;
    }

    /// <summary>A text value kept as a string and as UTF-8 bytes, to compare later rows' spans without allocating.</summary>
    private sealed class Utf8Value
    {
        private byte[] _bytes = [];
        private int _length;

        public string? Text { get; private set; }

        public void Set(ReadOnlySpan<byte> bytes, string? text)
        {
            if (_bytes.Length < bytes.Length)
            {
                _bytes = new byte[Math.Max(bytes.Length, 32)];
            }

            bytes.CopyTo(_bytes);
            _length = bytes.Length;
            Text = text;
        }

        public bool Equals(ReadOnlySpan<byte> bytes) => bytes.SequenceEqual(_bytes.AsSpan(0, _length));

        public void Clear()
        {
            _length = 0;
            Text = null;
        }
    }

    private sealed class Group
    {
        public string Id = string.Empty;
        public long Line;
        public long Record;
        public long Bytes;
        public int? Year;
        public int? Citations;
        public int? DocumentType;
        public int? Retracted;
        public int? Paratext;
        public int? AuthorsTruncated;
        public bool Rejected;

        public Utf8Value IdUtf8 { get; } = new();

        public Utf8Value Doi { get; } = new();

        public Utf8Value Technologies { get; } = new();

        public Utf8Value Source { get; } = new();

        public List<RowEntry> Rows { get; } = [];

        public void Reset(string id, ReadOnlySpan<byte> idUtf8, long line, long record)
        {
            Id = id;
            IdUtf8.Set(idUtf8, id);
            Line = line;
            Record = record;
            Year = null;
            Citations = null;
            DocumentType = null;
            Retracted = null;
            Paratext = null;
            AuthorsTruncated = null;
            Doi.Clear();
            Technologies.Clear();
            Source.Clear();
            Rejected = false;
            Bytes = 0;
            Rows.Clear();
        }
    }

    private readonly record struct RowEntry(
        int Position,
        int Order,
        long Line,
        string? AuthorId,
        bool Corresponding,
        string? InstitutionId,
        string? InstitutionName,
        Country Country);
}
