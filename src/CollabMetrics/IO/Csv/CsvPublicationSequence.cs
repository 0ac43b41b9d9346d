using System.Globalization;
using System.Text;
using CollabMetrics.Geography;
using CollabMetrics.Model;
using CsvHelper;
using System.Text.Unicode;

namespace CollabMetrics.IO.Csv;

/// <summary>
/// The state of one CollabMetrics CSV read: parses rows with CsvHelper (one row of look-ahead, to tell a cut-off
/// last row from a malformed one), groups them into publications and reports problems.
/// </summary>
internal sealed class CsvPublicationSequence : IDisposable
{
    private static readonly Comparison<RowEntry> s_byPosition = static (a, b) =>
        a.Position != b.Position ? a.Position.CompareTo(b.Position) : a.Order.CompareTo(b.Order);

    private readonly ReadContext _context;
    private readonly CsvGrouping _grouping;
    private readonly CsvReader _reader;
    private readonly Dictionary<long, CsvMalformedReason> _malformed = [];
    private readonly StringBuilder _scratch = new();
    private readonly List<Author> _authors = [];
    private readonly List<Affiliation> _affiliations = [];
    private readonly HashSet<string>? _closed;
    private readonly Dictionary<string, Group>? _groups;
    private readonly List<Group>? _order;
    private Row _row = new();
    private Row _next = new();
    private bool _hasNext;
    private bool _started;
    private bool _done;
    private int _emitted;
    private Group? _open;
    private long _records;

    // Column index in the file of each known column (indexed like CsvColumns.All); -1 when absent.
    private readonly int[] _index = new int[CsvColumns.All.Length];
    private int _width;

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
        };
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

            var id = Field(Col.PublicationId);
            if (_open is not null && id.Length > 0 && string.Equals(id, _open.Id, StringComparison.Ordinal))
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
            group.Reset(id, _row.Line, ++_records);
            _open = group;
            _context.RecordRead(_records);
            if (id.Length == 0)
            {
                Reject(group, _row.Line, CsvColumns.PublicationId, SkipReason.MissingRequiredField, "the row has no publication_id.");
            }
            else if (_closed!.Contains(id))
            {
                Reject(group, _row.Line, CsvColumns.PublicationId, SkipReason.Inconsistent,
                    $"the rows of publication '{id}' are not contiguous: some came before other publications' rows. Sort the file by publication_id (CollabMetricsCsvWriter writes contiguous rows), or read it with new CollabMetricsCsvReader(CsvGrouping.InMemory).");
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
                var id = Field(Col.PublicationId);
                if (id.Length == 0)
                {
                    var orphan = new Group();
                    orphan.Reset(id, _row.Line, ++_records);
                    _context.RecordRead(_records);
                    Reject(orphan, _row.Line, CsvColumns.PublicationId, SkipReason.MissingRequiredField, "the row has no publication_id.");
                    continue;
                }

                if (!_groups!.TryGetValue(id, out var group))
                {
                    group = new Group();
                    group.Reset(id, _row.Line, ++_records);
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
        if (!_reader.Read())
        {
            _context.Fail(_context.At(1, 0), null, SkipReason.Malformed, "the file is empty: a CollabMetrics CSV file starts with a header line (publication_id,year,author_position,country,...).");
            return false;
        }

        Array.Fill(_index, -1);
        _width = _reader.FieldCount;
        var names = new string[_width];
        for (int i = 0; i < _width; i++)
        {
            names[i] = _reader.GetString(i).Trim();
            int column = Array.FindIndex(CsvColumns.All, c => c.Equals(names[i], StringComparison.OrdinalIgnoreCase));
            if (column >= 0 && _index[column] < 0)
            {
                _index[column] = i;
            }
        }

        foreach (var column in CsvColumns.Required)
        {
            if (_index[Array.IndexOf(CsvColumns.All, column)] < 0)
            {
                _records++;
                _context.RecordRead(_records);
                _context.Fail(
                    _context.At(Math.Max(1, _reader.LineNumber), 0),
                    column,
                    SkipReason.MissingRequiredField,
                    $"the header has no '{column}' column, so the file cannot be read; a CollabMetrics CSV file needs the columns {string.Join(", ", CsvColumns.Required)} (found: {string.Join(", ", names)}).");
                return false;
            }
        }

        _hasNext = ParseNext(_next);
        return true;
    }

    /// <summary>Moves the look-ahead row into <see cref="_row"/> and reads the next one.</summary>
    private bool NextRow()
    {
        if (!_hasNext)
        {
            return false;
        }

        (_row, _next) = (_next, _row);
        _hasNext = ParseNext(_next);
        _row.IsLast = !_hasNext;
        return true;
    }

    private bool ParseNext(Row row)
    {
        if (!_reader.Read())
        {
            return false;
        }

        row.Line = _reader.LineNumber;
        row.Count = _reader.FieldCount;
        row.Malformed = _malformed.Remove(row.Line, out var reason) ? reason : null;
        row.InvalidColumn = -1;
        bool valid = Utf8.IsValid(_reader.RawRecord);
        var values = row.Values;
        for (int c = 0; c < values.Length; c++)
        {
            int i = _index[c];
            if (i < 0 || i >= row.Count)
            {
                values[c] = string.Empty;
            }
            else if (!valid && row.InvalidColumn < 0 && !Utf8.IsValid(_reader.GetSpan(i)))
            {
                row.InvalidColumn = c;
                values[c] = string.Empty;
            }
            else
            {
                values[c] = _reader.GetString(i);
            }
        }

        if (!valid && row.InvalidColumn < 0)
        {
            row.InvalidColumn = int.MaxValue;
        }

        return true;
    }

    private string Field(int column) => _row.Values[column];

    private string? Optional(int column) => Field(column) is { Length: > 0 } value ? value : null;

    private void AddRow(Group group)
    {
        if (group.Rejected)
        {
            return;
        }

        long line = _row.Line;
        if (_row.Malformed is { } malformed)
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

        if (_row.Count != _width)
        {
            if (_row.IsLast && _row.Count < _width)
            {
                Reject(group, line, null, SkipReason.Truncated, $"the last row has {_row.Count} fields where the header has {_width}: the file is cut off.");
            }
            else
            {
                Reject(group, line, null, SkipReason.Malformed, $"the row has {_row.Count} fields where the header has {_width}.");
            }

            return;
        }

        if (_row.InvalidColumn >= 0)
        {
            Reject(group, line, _row.InvalidColumn < CsvColumns.All.Length ? CsvColumns.All[_row.InvalidColumn] : null, SkipReason.InvalidEncoding, "the text is not valid UTF-8; save the file as UTF-8.");
            return;
        }

        // Publication-level values: empty means "not given on this row"; given values must agree.
        var yearText = Field(Col.Year);
        if (yearText.Length > 0)
        {
            if (!int.TryParse(yearText, NumberStyles.Integer, CultureInfo.InvariantCulture, out int year) || year < YearRange.Min || year > YearRange.Max)
            {
                Reject(group, line, CsvColumns.Year, SkipReason.InvalidYear, $"'{yearText}' is not a year (a whole number in {YearRange.Min}-{YearRange.Max}).");
                return;
            }

            if (!Agree(group, ref group.Year, year, line, CsvColumns.Year))
            {
                return;
            }
        }

        var citationsText = Field(Col.Citations);
        if (citationsText.Length > 0)
        {
            if (!int.TryParse(citationsText, NumberStyles.None, CultureInfo.InvariantCulture, out int citations))
            {
                Reject(group, line, CsvColumns.Citations, SkipReason.InvalidNumber, $"'{citationsText}' is not a non-negative whole number.");
                return;
            }

            if (!Agree(group, ref group.Citations, citations, line, CsvColumns.Citations))
            {
                return;
            }
        }

        if (!AgreeText(group, ref group.Doi, Optional(Col.Doi), line, CsvColumns.Doi)
            || !AgreeText(group, ref group.Technologies, Optional(Col.Technologies), line, CsvColumns.Technologies)
            || !AgreeText(group, ref group.Source, Optional(Col.Source), line, CsvColumns.Source))
        {
            return;
        }

        // Author-level values.
        var positionText = Field(Col.AuthorPosition);
        int position = 0;
        if (positionText.Length > 0 && (!int.TryParse(positionText, NumberStyles.None, CultureInfo.InvariantCulture, out position) || position < 1))
        {
            Reject(group, line, CsvColumns.AuthorPosition, SkipReason.InvalidNumber, $"'{positionText}' is not an author position (a whole number from 1).");
            return;
        }

        var countryText = Field(Col.Country);
        var country = Country.Unknown;
        if (countryText.Length > 0 && !Country.TryParseAlpha2(countryText.AsSpan().Trim(), out country))
        {
            Reject(group, line, CsvColumns.Country, SkipReason.UnknownCountryCode, $"'{countryText}' is not an ISO 3166-1 alpha-2 country code.");
            return;
        }

        bool corresponding = false;
        var correspondingText = Field(Col.Corresponding);
        if (correspondingText.Length > 0 && !TryParseFlag(correspondingText, out corresponding))
        {
            Reject(group, line, CsvColumns.Corresponding, SkipReason.Malformed, $"'{correspondingText}' is not true or false.");
            return;
        }

        group.Rows.Add(new RowEntry(position, group.Rows.Count, line, Optional(Col.AuthorId), corresponding, Optional(Col.InstitutionId), Optional(Col.InstitutionName), country));
    }

    private static bool TryParseFlag(string text, out bool value)
    {
        var t = text.AsSpan().Trim();
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("1") || t.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return t.Equals("false", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("0") || t.Equals("no", StringComparison.OrdinalIgnoreCase);
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

    private bool AgreeText(Group group, ref string? stored, string? value, long line, string column)
    {
        if (value is null || string.Equals(stored, value, StringComparison.Ordinal))
        {
            return true;
        }

        if (stored is null)
        {
            stored = value;
            return true;
        }

        Reject(group, line, column, SkipReason.Inconsistent, $"this row gives '{value}', an earlier row of publication '{group.Id}' gave '{stored}'.");
        return false;
    }

    private void Reject(Group group, long line, string? field, SkipReason reason, string message)
    {
        group.Rejected = true;
        group.Rows.Clear();
        _context.Fail(_context.At(line, group.Record), field, reason, message);
    }

    /// <summary>Builds the publication of a group, or returns null when it was rejected or its rows disagree.</summary>
    private Publication? Close(Group group)
    {
        if (group.Rejected)
        {
            return null;
        }

        PublicationSource source = PublicationSource.CollabMetricsCsv;
        if (group.Source is { } sourceText && !Enum.TryParse(sourceText, ignoreCase: true, out source))
        {
            Reject(group, group.Line, CsvColumns.Source, SkipReason.Malformed, $"'{sourceText}' is not a source ({string.Join(", ", Enum.GetNames<PublicationSource>())}).");
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
                        $"rows of author {first.Position} of publication '{group.Id}' disagree on the author's id or corresponding flag.");
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
            Doi = Model.Doi.Normalize(group.Doi),
            Year = group.Year,
            Citations = group.Citations,
            Authors = _authors.Count == 0 ? [] : _authors.ToArray(),
            Technologies = group.Technologies is { } technologies ? CsvColumns.SplitTechnologies(technologies, _scratch) : [],
        };
        rows.Clear();
        return publication;
    }

    private sealed class Row
    {
        /// <summary>The values of the known columns, indexed like <see cref="CsvColumns.All"/>; empty when absent.</summary>
        public string[] Values { get; } = new string[CsvColumns.All.Length];

        public int Count { get; set; }

        public long Line { get; set; }

        public CsvMalformedReason? Malformed { get; set; }

        /// <summary>The first known column with invalid UTF-8, <see cref="int.MaxValue"/> for another column, or -1.</summary>
        public int InvalidColumn { get; set; }

        public bool IsLast { get; set; }
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
    }

    private sealed class Group
    {
        public string Id = string.Empty;
        public long Line;
        public long Record;
        public int? Year;
        public int? Citations;
        public string? Doi;
        public string? Technologies;
        public string? Source;
        public bool Rejected;

        public List<RowEntry> Rows { get; } = [];

        public void Reset(string id, long line, long record)
        {
            Id = id;
            Line = line;
            Record = record;
            Year = null;
            Citations = null;
            Doi = null;
            Technologies = null;
            Source = null;
            Rejected = false;
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
