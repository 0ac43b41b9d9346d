using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.IO.Csv;

/// <summary>
/// Parses the rows of <see cref="CsvChunk"/>s into publications written to a <see cref="RecordBatch"/>, and what
/// happened on the way into a <see cref="ReadEventLog"/>: records started, rejected, repeated headers. Numbers, codes
/// and repeated publication-level values are read from the UTF-8 bytes; no string is made except for problems.
/// </summary>
/// <remarks>
/// <para>
/// One parser per thread. A chunk that does not <see cref="CsvChunk.Continues"/> the previous one starts from a clean
/// state, so chunks can be parsed on any thread in any order; a chunk that continues one must be parsed by the
/// parser that parsed its predecessor, after it. Positions (lines, record numbers) are counted from the start of
/// the chain of chunks; the consumer adds where the chain starts.
/// </para>
/// <para>
/// The rules are those of the format (docs/formats.md): rows are grouped into publications by
/// <c>publication_id</c>; a bad row rejects its whole publication; publication-level values must agree; authors are
/// ordered by position. Whether a publication's rows are contiguous in the whole file is checked by the consumer,
/// which sees every chunk in order.
/// </para>
/// </remarks>
internal sealed class CsvChunkParser
{
    /// <summary>The publication-level columns: a publication's rows must agree on them.</summary>
    private static readonly int[] s_publicationColumns =
    [
        CsvLayout.Source, CsvLayout.Doi, CsvLayout.Year, CsvLayout.Technologies, CsvLayout.Citations,
        CsvLayout.DocumentType, CsvLayout.Retracted, CsvLayout.Paratext, CsvLayout.AuthorsTruncated,
    ];

    private static readonly Comparison<RowEntry> s_byPosition = static (a, b) =>
        a.Position != b.Position ? a.Position.CompareTo(b.Position) : a.Order.CompareTo(b.Order);

    private readonly CsvLayout _layout;
    private readonly int[] _index;

    /// <summary>The file's publication-level fields as runs of adjacent fields: first and last field index, pair by pair.</summary>
    private readonly int[] _publicationRuns;
    private readonly ReadLimits _limits;
    private readonly bool _wantsRaw;
    private readonly bool _institutions;
    private readonly bool _authorKeys;
    private readonly CsvGrouping _grouping;
    private readonly PublicationIdHash? _idHash;
    private readonly CsvRowCursor _rows = new();
    private readonly Group _single = new();
    private byte[] _scratch = new byte[256];
    private byte[] _doi = new byte[64];
    private byte[] _label = new byte[64];
    private byte[] _lastSource = [];
    private byte[] _lastType = [];
    private DocumentType _lastTypeValue;
    private int _lastSourceLength = -1;
    private PublicationSource _lastSourceValue;
    private bool _lastSourceValid;

    // State carried from chunk to chunk within a chain.
    private Group? _open;
    private long _lineBase;
    private long _records;

    // In-memory grouping: every publication's rows until the end of the file.
    private readonly CorpusStringTable? _groupIds;
    private readonly List<Group>? _groups;

    // The chunk being parsed.
    private RecordBatch _batch = null!;
    private ReadEventLog _log = null!;
    private bool _final;
    private bool _pending;

    // The last record id of the chunk's log (its bytes in the batch), for the contiguity check's order; -1: none yet.
    private int _lastIdStart;
    private int _lastIdLength = -1;

    /// <param name="layout">The file's columns.</param>
    /// <param name="limits">The read's limits.</param>
    /// <param name="wantsRaw">Whether rejects keep their raw text.</param>
    /// <param name="needs">What the consumer reads of a record.</param>
    /// <param name="grouping">How rows are grouped into publications.</param>
    /// <param name="idHash">
    /// The contiguity check's id hash, computed here for each record's id (<see cref="ReadEvent.Hash"/>) so that the
    /// consumer's thread, which checks the ids in input order, does not hash them; null when the read has no such check.
    /// </param>
    internal CsvChunkParser(CsvLayout layout, ReadLimits limits, bool wantsRaw, RecordNeeds needs, CsvGrouping grouping, PublicationIdHash? idHash = null)
    {
        _idHash = idHash;
        _layout = layout;
        _index = layout.Index;
        _limits = limits;
        _wantsRaw = wantsRaw;
        _institutions = needs.Institutions;
        _authorKeys = needs.AuthorKeys;
        _grouping = grouping;
        _publicationRuns = PublicationRuns(layout.Index);
        if (grouping == CsvGrouping.InMemory)
        {
            _groupIds = new CorpusStringTable();
            _groups = [];
        }
    }

    /// <summary>
    /// Parses <paramref name="chunk"/> into <paramref name="batch"/> and <paramref name="log"/> (both cleared first).
    /// Returns the line breaks and records counted from the start of the chain, at the end of the chunk.
    /// </summary>
    internal (long Lines, long Records) Parse(CsvChunk chunk, RecordBatch batch, ReadEventLog log)
    {
        batch.Clear();
        log.Clear();
        _batch = batch;
        _log = log;
        _final = chunk.IsFinal;
        _lastIdLength = -1;
        if (!chunk.Continues)
        {
            _open = null;
            _lineBase = 0;
            _records = 0;
        }

        if (chunk.Oversized is { } row)
        {
            Oversized(row);
        }
        else
        {
            _rows.Reset(chunk.Buffer, 0, chunk.Length);
            _single.Chunk = chunk.Buffer;
            _pending = false;
            while (_pending || _rows.NextRow())
            {
                _pending = false;
                Row();
            }

            _lineBase += _rows.Lines;
        }

        if (_grouping == CsvGrouping.InMemory)
        {
            if (chunk.IsFinal && chunk.Error is null)
            {
                EmitInMemory();
            }
        }
        else if (_open is not null)
        {
            if (chunk.EndsPublication)
            {
                Close(_open);
                _open = null;
            }
            else
            {
                // The publication goes on in the next chunk: copy what it refers to, the chunk is released.
                _open.Detach();
            }
        }

        return (_lineBase, _records);
    }

    private long Line => _lineBase + _rows.LineOffset;

    private void Row()
    {
        var id = Value(CsvLayout.PublicationId, ref _scratch);
        if (id.Length >= 14 && CsvLayout.IsHeaderName(id, "publication_id"u8) && IsRepeatedHeader())
        {
            _log.Add(new ReadEvent(ReadEventKind.RepeatedHeader, Line, 0, _log.Note(null, SkipReason.Malformed, string.Empty, _wantsRaw ? ReadEventLog.Raw(_rows.RawRow) : null)));
            return;
        }

        if (_grouping == CsvGrouping.InMemory)
        {
            RowInMemory(id);
            return;
        }

        // The id of a plain field (no quotes) in the chunk: compared with the first row's id in the same chunk.
        int idAt = -1;
        if (!id.IsEmpty && _rows.At(_index[CsvLayout.PublicationId]) is { Flags: 0 } idField)
        {
            idAt = idField.Start;
        }

        var open = _open;
        if (open is not null && !id.IsEmpty
            && (idAt >= 0 && open.IdAt >= 0 && ReferenceEquals(open.Chunk, _rows.Data)
                ? open.Id.Length == id.Length && CsvRowCursor.PaddedEquals(_rows.Data, idAt, open.IdAt, id.Length)
                : open.IdEquals(id)))
        {
            AddRow(open);
            return;
        }

        if (open is not null)
        {
            Close(open);
        }

        var group = _single;
        group.Reset(id, Line, ++_records);
        group.IdAt = idAt;
        _open = group;
        Start(group, id);
        if (id.IsEmpty)
        {
            Reject(group, Line, CsvColumns.PublicationId, SkipReason.MissingRequiredField, "the row has no publication_id.");
        }
        else
        {
            AddRow(group);
        }
    }

    private void RowInMemory(ReadOnlySpan<byte> id)
    {
        if (id.IsEmpty)
        {
            var orphan = new Group { CopiesAll = true };
            orphan.Reset(id, Line, ++_records);
            Start(orphan, id);
            Reject(orphan, Line, CsvColumns.PublicationId, SkipReason.MissingRequiredField, "the row has no publication_id.");
            return;
        }

        int before = _groupIds!.Count;
        int index = _groupIds.Intern(id);
        Group group;
        if (index == before)
        {
            group = new Group { CopiesAll = true };
            group.Reset(id, Line, ++_records);
            _groups!.Add(group);
            Start(group, id);
        }
        else
        {
            group = _groups![index];
        }

        AddRow(group);
    }

    /// <summary>Records the start of a record: it is counted as read, and its id checked for contiguity, by the consumer.</summary>
    private void Start(Group group, ReadOnlySpan<byte> id)
    {
        int start = _batch.Keep(id);
        int rawStart = 0, rawLength = -1;
        if (_wantsRaw && !_rows.RawRow.IsEmpty)
        {
            var raw = _rows.RawRow;
            raw = raw.Length <= RejectedRecord.MaxRawLength ? raw : raw[..RejectedRecord.MaxRawLength];
            rawStart = _batch.Keep(raw);
            rawLength = raw.Length;
        }

        ulong hash = 0;
        int follows = 0;
        if (_idHash is not null && !id.IsEmpty)
        {
            // The consumer checks the ids in input order; whether this one is greater than the last of the chunk is
            // decided here, on the parser's thread.
            hash = _idHash(id);
            if (_lastIdLength >= 0 && id.SequenceCompareTo(_batch.Kept(_lastIdStart, _lastIdLength)) > 0)
            {
                follows = ReadEvent.FollowsInOrder;
            }

            _lastIdStart = start;
            _lastIdLength = id.Length;
        }

        _log.Add(new ReadEvent(ReadEventKind.RecordStart, group.Line, group.Record, follows, start, id.Length, rawStart, rawLength, hash));
    }

    private bool IsRepeatedHeader()
    {
        var year = Value(CsvLayout.Year, ref _label);
        bool header = CsvLayout.IsHeaderName(year, "year"u8);
        return header;
    }

    /// <summary>The value of known column <paramref name="column"/> of the current row (unescaped into <paramref name="scratch"/> when needed); empty when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Value(int column, ref byte[] scratch)
    {
        int i = _index[column];
        if ((uint)i >= (uint)_rows.FieldCount)
        {
            return default;
        }

        ref readonly var field = ref _rows.At(i);
        return CsvRowCursor.NeedsUnescape(field.Flags)
            ? Unescaped(in field, ref scratch)
            : _rows.Value(in field);
    }

    /// <summary>The value of a field with doubled quotes (or a malformed quoted field), unescaped into <paramref name="scratch"/> (grown when needed).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReadOnlySpan<byte> Unescaped(in CsvRowCursor.Field field, ref byte[] scratch)
    {
        var value = _rows.Value(in field);
        if (scratch.Length < value.Length)
        {
            scratch = new byte[value.Length * 2];
        }

        int n = CsvRowCursor.Unescape(value, scratch);
        return scratch.AsSpan(0, n);
    }

    private string Text(int column)
    {
        byte[] scratch = [];
        return Encoding.UTF8.GetString(Value(column, ref scratch));
    }

    private void AddRow(Group group)
    {
        if (group.Rejected)
        {
            return;
        }

        long line = Line;
        int rowLength = _rows.RowEnd - _rows.RowStart;
        if (rowLength > _limits.MaxRecordBytes || rowLength > _limits.MaxFieldBytes || group.Size + rowLength > _limits.MaxRecordBytes
            || _rows.Unterminated || _rows.Malformed || _rows.MayBeNonAscii || _rows.FieldCount != _layout.Width
            || group.RowCount >= _limits.MaxAffiliations)
        {
            // Something to look at closer (a check may fail): every check in order, the first that fails rejects.
            if (!RowChecks(group, line))
            {
                return;
            }
        }
        else
        {
            group.Size += rowLength;
        }

        // Publication-level values: a row whose publication-level fields are, byte for byte, those of the last row
        // that passed their checks changes nothing and fails no check; other rows are read value by value.
        if (!SamePublicationFields(group))
        {
            if (!PublicationValues(group, line))
            {
                return;
            }

            RememberPublicationFields(group);
        }

        // Author-level values.
        var positionText = Value(CsvLayout.AuthorPosition, ref _scratch);
        int position = 0;
        if (!positionText.IsEmpty && (!TryParseInt(positionText, out position) || position < 1))
        {
            RejectValue(group, line, CsvLayout.AuthorPosition, CsvColumns.AuthorPosition, SkipReason.InvalidNumber, "is not an author position (a whole number from 1).");
            return;
        }

        // A code as it is (every well-formed value), else with spaces and tabs around it trimmed (blank: no country).
        var countryText = Value(CsvLayout.Country, ref _scratch);
        var country = Country.Unknown;
        if (!countryText.IsEmpty && !Country.TryParseAlpha2Utf8(countryText, out country) && !TryParseCountryTrimmed(countryText, out country))
        {
            RejectValue(group, line, CsvLayout.Country, CsvColumns.Country, SkipReason.UnknownCountryCode, "is not an ISO 3166-1 alpha-2 country code.");
            return;
        }

        bool corresponding = false;
        var correspondingText = Value(CsvLayout.Corresponding, ref _scratch);
        if (!correspondingText.IsEmpty && !TryParseFlag(correspondingText, out corresponding))
        {
            RejectValue(group, line, CsvLayout.Corresponding, CsvColumns.Corresponding, SkipReason.Malformed, "is not true or false.");
            return;
        }

        // Written in place in the group's rows (nothing below rejects the row).
        ref var entry = ref group.AddRow();
        entry.Position = position;
        entry.Line = line;
        entry.Corresponding = corresponding;
        entry.Country = (ushort)country.Id;
        entry.AuthorId = Keep(group, CsvLayout.AuthorId);
        if (_institutions)
        {
            entry.InstitutionId = Keep(group, CsvLayout.InstitutionId);
            entry.InstitutionName = Keep(group, CsvLayout.InstitutionName);
            entry.HasInstitution = entry.InstitutionId.Length >= 0 || entry.InstitutionName.Length >= 0;
        }
        else
        {
            // Not kept for a consumer that reads no institutions; whether there is one still makes the row an affiliation.
            entry.InstitutionId = Span2.None;
            entry.InstitutionName = Span2.None;
            entry.HasInstitution = HasValue(CsvLayout.InstitutionId) || HasValue(CsvLayout.InstitutionName);
        }
    }

    /// <summary>
    /// The checks of a row as a whole (size, CSV form, number of fields, UTF-8), in order, for a row that may fail one:
    /// false after rejecting the publication. Adds the row's length to the publication's.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RowChecks(Group group, long line)
    {
        if (_rows.RowEnd - _rows.RowStart > _limits.MaxRecordBytes)
        {
            // The splitter cuts such a row out when it finds it before its end; found whole, it is reported the same way.
            Reject(group, line, null, SkipReason.TooLarge, RowTooLargeMessage(), RawText());
            return false;
        }

        if (_rows.Unterminated)
        {
            Reject(group, line, null, SkipReason.Truncated, "a quoted field is never closed: the file is cut off (or a quote is missing).");
            return false;
        }

        if (_rows.Malformed)
        {
            Reject(group, line, null, SkipReason.Malformed, "the row is not well-formed CSV (a quote inside an unquoted field, or text after a closing quote): a field with a quote, comma or line break must be quoted, and its quotes doubled.");
            return false;
        }

        int rowLength = _rows.RowEnd - _rows.RowStart;
        group.Size += rowLength;
        if (group.Size > _limits.MaxRecordBytes)
        {
            Reject(group, line, null, SkipReason.TooLarge, ReadContext.TooLargeMessage($"publication '{group.IdText}' (its rows together)", nameof(ReadLimits.MaxRecordBytes), _limits.MaxRecordBytes, "--max-record-size"));
            return false;
        }

        if (group.RowCount >= _limits.MaxAffiliations)
        {
            Reject(group, line, null, SkipReason.TooLarge, ReadContext.TooLargeMessage($"the number of rows (affiliations) of publication '{group.IdText}'", nameof(ReadLimits.MaxAffiliations), _limits.MaxAffiliations, "--max-affiliations"));
            return false;
        }

        if (rowLength > _limits.MaxFieldBytes)
        {
            for (int f = 0; f < _rows.FieldCount; f++)
            {
                if (UnescapedLength(f) > _limits.MaxFieldBytes)
                {
                    Reject(group, line, f < _layout.Width ? _layout.ColumnName(f) : null, SkipReason.TooLarge, ReadContext.TooLargeMessage("a field", nameof(ReadLimits.MaxFieldBytes), _limits.MaxFieldBytes, "--max-field-size"));
                    return false;
                }
            }
        }

        int count = _rows.FieldCount;
        if (count != _layout.Width)
        {
            string? raw = RawText();
            if (count < _layout.Width && !HasNextDataRow())
            {
                Reject(group, line, null, SkipReason.Truncated, $"the last row has {count} fields where the header has {_layout.Width}: the file is cut off.", raw);
            }
            else
            {
                Reject(group, line, null, SkipReason.Malformed, $"the row has {count} fields where the header has {_layout.Width}.", raw);
            }

            return false;
        }

        if (_rows.MayBeNonAscii && !Utf8.IsValid(_rows.RawRow))
        {
            string? field = null;
            for (int c = 0; c < CsvColumns.All.Length && field is null; c++)
            {
                if (!Utf8.IsValid(Value(c, ref _scratch)))
                {
                    field = CsvColumns.All[c];
                }
            }

            Reject(group, line, field, SkipReason.InvalidEncoding, "the text is not valid UTF-8; save the file as UTF-8.");
            return false;
        }

        return true;
    }

    /// <summary>The fields of the publication-level columns present, sorted, as runs of adjacent fields (first, last).</summary>
    private static int[] PublicationRuns(int[] index)
    {
        var fields = new List<int>();
        foreach (int column in s_publicationColumns)
        {
            if (index[column] >= 0)
            {
                fields.Add(index[column]);
            }
        }

        fields.Sort();
        var runs = new List<int>();
        for (int i = 0; i < fields.Count; i++)
        {
            if (i == 0 || fields[i] != fields[i - 1] + 1)
            {
                runs.Add(fields[i]);
                runs.Add(fields[i]);
            }
            else
            {
                runs[^1] = fields[i];
            }
        }

        return [.. runs];
    }

    /// <summary>
    /// Whether the publication-level fields of the current row are, byte for byte, those of the last row of the
    /// group that passed their checks (in the same buffer). A run of adjacent fields is compared as one span: the
    /// same bytes from the start of a field split into the same fields.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool SamePublicationFields(Group group)
    {
        var data = _rows.Data;
        if (!ReferenceEquals(group.SameData, data))
        {
            return false;
        }

        var runs = _publicationRuns;
        var same = group.SameRuns;
        for (int r = 0; r + 1 < runs.Length && r + 1 < same.Length; r += 2)
        {
            int start = _rows.FieldStart(runs[r]);
            int length = _rows.FieldEnd(runs[r + 1]) - start;
            if (length != same[r + 1] || !CsvRowCursor.PaddedEquals(data, start, same[r], length))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Remembers where the current row's publication-level fields are, for <see cref="SamePublicationFields"/>.</summary>
    private void RememberPublicationFields(Group group)
    {
        if (group.CopiesAll)
        {
            // Its rows come from chunks whose buffers are reused: nothing in them is remembered.
            return;
        }

        var runs = _publicationRuns;
        if (group.SameRuns.Length != runs.Length)
        {
            group.SameRuns = new int[runs.Length];
        }

        var same = group.SameRuns;
        for (int r = 0; r + 1 < runs.Length; r += 2)
        {
            int start = _rows.FieldStart(runs[r]);
            same[r] = start;
            same[r + 1] = _rows.FieldEnd(runs[r + 1]) - start;
        }

        group.SameData = _rows.Data;
    }

    /// <summary>Reads the publication-level values of the current row and checks them against the publication's; false after rejecting it.</summary>
    private bool PublicationValues(Group group, long line)
    {
        var year = Value(CsvLayout.Year, ref _scratch);
        if (!year.IsEmpty && !group.SameText(CsvLayout.Year, year))
        {
            if (!TryParseInt(year, out int value) || value < YearRange.Min || value > YearRange.Max)
            {
                RejectValue(group, line, CsvLayout.Year, CsvColumns.Year, SkipReason.InvalidYear, $"is not a year (a whole number in {YearRange.Min}-{YearRange.Max}).");
                return false;
            }

            if (!Agree(group, ref group.Year, value, line, CsvColumns.Year))
            {
                return false;
            }

            group.SetText(CsvLayout.Year, Keep(group, CsvLayout.Year));
        }

        var citations = Value(CsvLayout.Citations, ref _scratch);
        if (!citations.IsEmpty && !group.SameText(CsvLayout.Citations, citations))
        {
            if (!TryParseInt(citations, out int value) || value < 0)
            {
                RejectValue(group, line, CsvLayout.Citations, CsvColumns.Citations, SkipReason.InvalidNumber, "is not a non-negative whole number.");
                return false;
            }

            if (!Agree(group, ref group.Citations, value, line, CsvColumns.Citations))
            {
                return false;
            }

            group.SetText(CsvLayout.Citations, Keep(group, CsvLayout.Citations));
        }

        if (!ReadDocumentColumns(group, line))
        {
            return false;
        }

        if (!AgreeText(group, ref group.Doi, CsvLayout.Doi, line)
            || !AgreeText(group, ref group.Technologies, CsvLayout.Technologies, line)
            || !AgreeText(group, ref group.Source, CsvLayout.Source, line))
        {
            return false;
        }

        return true;
    }

    /// <summary>
    /// Keeps the value of known column <paramref name="column"/> of the current row for the group: a reference into
    /// the chunk when the value is there as it is, else a copy (see <see cref="Group.Detach"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span2 Keep(Group group, int column)
    {
        int i = _index[column];
        if (i < 0 || i >= _rows.FieldCount)
        {
            return Span2.None;
        }

        ref readonly var field = ref _rows.At(i);
        if ((field.Flags & (CsvRowCursor.Escaped | CsvRowCursor.MalformedField)) == CsvRowCursor.Escaped || group.CopiesAll)
        {
            return group.Copy(Value(column, ref _scratch));
        }

        int start = field.Start, end = field.End;
        if ((field.Flags & (CsvRowCursor.Quoted | CsvRowCursor.MalformedField)) == CsvRowCursor.Quoted)
        {
            start++;
            end--;
        }

        return end > start ? new Span2 { Start = start, Length = end - start } : Span2.None;
    }

    /// <summary>Whether known column <paramref name="column"/> of the current row has a value: whether <see cref="Keep"/> would keep one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool HasValue(int column)
    {
        int i = _index[column];
        if ((uint)i >= (uint)_rows.FieldCount)
        {
            return false;
        }

        // The value's length: the raw field's less its quotes when it is quoted (as CsvRowCursor.Value gives it).
        ref readonly var field = ref _rows.At(i);
        return field.End - field.Start > ((field.Flags & (CsvRowCursor.Quoted | CsvRowCursor.MalformedField)) == CsvRowCursor.Quoted ? 2 : 0);
    }

    /// <summary>Whether another data row follows the current one (repeated header rows before it are reported now).</summary>
    private bool HasNextDataRow()
    {
        while (_rows.NextRow())
        {
            var id = Value(CsvLayout.PublicationId, ref _scratch);
            if (id.Length >= 14 && CsvLayout.IsHeaderName(id, "publication_id"u8) && IsRepeatedHeader())
            {
                _log.Add(new ReadEvent(ReadEventKind.RepeatedHeader, Line, 0, _log.Note(null, SkipReason.Malformed, string.Empty, _wantsRaw ? ReadEventLog.Raw(_rows.RawRow) : null)));
                continue;
            }

            _pending = true;
            return true;
        }

        // The chunk ends here: a row follows unless the file does.
        return !_final;
    }

    private int UnescapedLength(int field)
    {
        var value = _rows.Value(field);
        if (!_rows.NeedsUnescape(field))
        {
            return value.Length;
        }

        int quotes = value.Count((byte)'"');
        return value.Length - (quotes / 2);
    }

    private string? RawText() => _wantsRaw ? ReadEventLog.Raw(_rows.RawRow) : null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseInt(ReadOnlySpan<byte> text, out int value)
    {
        if (text.Length is > 0 and <= 9)
        {
            // Plain digits (every well-formed value): read them here; anything else as Utf8Parser reads it.
            int v = 0;
            int i = 0;
            for (; i < text.Length; i++)
            {
                uint d = (uint)(text[i] - '0');
                if (d > 9)
                {
                    break;
                }

                v = (v * 10) + (int)d;
            }

            if (i == text.Length)
            {
                value = v;
                return true;
            }
        }

        return TryParseIntTrimmed(text, out value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryParseIntTrimmed(ReadOnlySpan<byte> text, out int value)
    {
        text = text.Trim(" \t"u8);
        return Utf8Parser.TryParse(text, out value, out int consumed) && consumed == text.Length && text.Length > 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseFlag(ReadOnlySpan<byte> text, out bool value)
    {
        // "false" and "true" as written (every well-formed value) by whole-word compares; anything else as below.
        if (text.Length == 5 && BinaryPrimitives.ReadUInt32LittleEndian(text) == FalsePrefix && text[4] == (byte)'e')
        {
            value = false;
            return true;
        }

        if (text.Length == 4 && BinaryPrimitives.ReadUInt32LittleEndian(text) == True)
        {
            value = true;
            return true;
        }

        return TryParseFlagTrimmed(text, out value);
    }

    /// <summary>"fals" read as a little-endian 32-bit number.</summary>
    private const uint FalsePrefix = 'f' | ('a' << 8) | ('l' << 16) | ((uint)'s' << 24);

    /// <summary>"true" read as a little-endian 32-bit number.</summary>
    private const uint True = 't' | ('r' << 8) | ('u' << 16) | ((uint)'e' << 24);

    /// <summary>A country code with spaces and tabs around it (blank: no country); the fallback of a code as it is.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryParseCountryTrimmed(ReadOnlySpan<byte> text, out Country country)
    {
        var trimmed = text.Trim(" \t"u8);
        if (trimmed.IsEmpty)
        {
            country = Country.Unknown;
            return true;
        }

        return Country.TryParseAlpha2Utf8(trimmed, out country);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryParseFlagTrimmed(ReadOnlySpan<byte> text, out bool value)
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

        RejectDisagreement(group, line, column, value, stored.Value);
        return false;
    }

    /// <summary>
    /// Reads the publication-level document columns of a row (<c>document_type</c> by its name, the three flags as
    /// true or false) and checks them against the earlier rows of the publication; false after rejecting it.
    /// </summary>
    private bool ReadDocumentColumns(Group group, long line)
    {
        var typeText = Value(CsvLayout.DocumentType, ref _scratch);
        if (!typeText.IsEmpty && !group.SameText(CsvLayout.DocumentType, typeText))
        {
            typeText = typeText.Trim(" \t"u8);
        }
        else
        {
            typeText = default;
        }

        if (!typeText.IsEmpty)
        {
            if (!TryParseDocumentType(typeText, out var type))
            {
                Reject(group, line, CsvColumns.DocumentType, SkipReason.Malformed, $"'{Text(CsvLayout.DocumentType)}' is not a document type; use {DocumentTypes.Choices}.");
                return false;
            }

            if (!Agree(group, ref group.DocumentType, (int)type, line, CsvColumns.DocumentType))
            {
                return false;
            }

            group.SetText(CsvLayout.DocumentType, Keep(group, CsvLayout.DocumentType));
        }

        return AgreeFlag(group, ref group.Retracted, CsvLayout.Retracted, line)
            && AgreeFlag(group, ref group.Paratext, CsvLayout.Paratext, line)
            && AgreeFlag(group, ref group.AuthorsTruncated, CsvLayout.AuthorsTruncated, line);
    }

    /// <summary>A document type name; the last one parsed is remembered, so a file of a few types makes a string only when the type changes.</summary>
    private bool TryParseDocumentType(ReadOnlySpan<byte> text, out DocumentType type)
    {
        if (text.SequenceEqual(_lastType))
        {
            type = _lastTypeValue;
            return true;
        }

        if (!DocumentTypes.TryParse(Encoding.UTF8.GetString(text), out type))
        {
            return false;
        }

        _lastType = text.ToArray();
        _lastTypeValue = type;
        return true;
    }

    private bool AgreeFlag(Group group, ref int? stored, int column, long line)
    {
        var text = Value(column, ref _scratch);
        if (text.IsEmpty || group.SameText(column, text))
        {
            return true;
        }

        if (!TryParseFlag(text, out bool flag))
        {
            RejectValue(group, line, column, CsvColumns.All[column], SkipReason.Malformed, "is not true or false.");
            return false;
        }

        if (!Agree(group, ref stored, flag ? 1 : 0, line, CsvColumns.All[column]))
        {
            return false;
        }

        group.SetText(column, Keep(group, column));
        return true;
    }

    /// <summary>Takes a publication-level text value from its first row and checks later rows against its bytes.</summary>
    private bool AgreeText(Group group, ref Span2 stored, int column, long line)
    {
        var value = Value(column, ref _scratch);
        if (value.IsEmpty)
        {
            return true;
        }

        if (stored.Length < 0)
        {
            stored = Keep(group, column);
            return true;
        }

        if (group.Bytes(stored).SequenceEqual(value))
        {
            return true;
        }

        RejectTextDisagreement(group, line, column, stored);
        return false;
    }

    /// <summary>Rejects the publication for the value of known column <paramref name="column"/>: "'value' <paramref name="what"/>".</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectValue(Group group, long line, int column, string field, SkipReason reason, string what) =>
        Reject(group, line, field, reason, $"'{Text(column)}' {what}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectDisagreement(Group group, long line, string column, int value, int stored) =>
        Reject(group, line, column, SkipReason.Inconsistent, $"this row gives {value}, an earlier row of publication '{group.IdText}' gave {stored}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectTextDisagreement(Group group, long line, int column, Span2 stored) =>
        Reject(group, line, CsvColumns.All[column], SkipReason.Inconsistent, $"this row gives '{Text(column)}', an earlier row of publication '{group.IdText}' gave '{Encoding.UTF8.GetString(group.Bytes(stored))}'.");

    private void Reject(Group group, long line, string? field, SkipReason reason, string message) =>
        Reject(group, line, field, reason, message, RawText());

    private void Reject(Group group, long line, string? field, SkipReason reason, string message, string? raw)
    {
        group.Rejected = true;
        group.ClearRows();
        _log.Add(new ReadEvent(ReadEventKind.Fail, line, group.Record, _log.Note(field, reason, message, raw)));
    }

    private string RowTooLargeMessage() =>
        ReadContext.TooLargeMessage("the row", nameof(ReadLimits.MaxRecordBytes), _limits.MaxRecordBytes, "--max-record-size")
        + " Reading goes on at the next row.";

    /// <summary>A row over the record limit: it rejects the publication it belongs to (or is a record of its own).</summary>
    private void Oversized(OversizedRow row)
    {
        long line = _lineBase;
        _rows.Reset(row.Prefix, 0, row.PrefixLength);
        _rows.NextRow();
        ReadOnlySpan<byte> id = default;
        bool known = _index[CsvLayout.PublicationId] >= 0 && _index[CsvLayout.PublicationId] < _rows.FieldCount - 1;
        if (known)
        {
            id = Value(CsvLayout.PublicationId, ref _scratch);
        }

        string? raw = _wantsRaw ? ReadEventLog.Raw(_rows.RawRow) : null;
        string message = RowTooLargeMessage();
        _lineBase += row.LineBreaks;
        if (_grouping == CsvGrouping.InMemory)
        {
            Group target;
            if (id.IsEmpty)
            {
                target = new Group { CopiesAll = true };
                target.Reset(id, line, ++_records);
                Start(target, id);
            }
            else
            {
                int before = _groupIds!.Count;
                int index = _groupIds.Intern(id);
                if (index == before)
                {
                    target = new Group { CopiesAll = true };
                    target.Reset(id, line, ++_records);
                    _groups!.Add(target);
                    Start(target, id);
                }
                else
                {
                    target = _groups![index];
                }
            }

            if (!target.Rejected)
            {
                Reject(target, line, null, SkipReason.TooLarge, message, raw);
            }

            return;
        }

        if (_open is not null && !id.IsEmpty && _open.IdEquals(id))
        {
            if (!_open.Rejected)
            {
                Reject(_open, line, null, SkipReason.TooLarge, message, raw);
            }

            return;
        }

        if (_open is not null)
        {
            Close(_open);
        }

        var group = _single;
        group.Reset(id, line, ++_records);
        _open = group;
        Start(group, id);
        Reject(group, line, null, SkipReason.TooLarge, message, raw);
    }

    private void EmitInMemory()
    {
        var groups = _groups!;
        for (int i = 0; i < groups.Count; i++)
        {
            Close(groups[i]);
            groups[i] = null!;
        }

        groups.Clear();
    }

    /// <summary>Writes the publication of a group to the batch, or rejects it when its rows disagree.</summary>
    private void Close(Group group)
    {
        if (group.Rejected)
        {
            return;
        }

        var source = PublicationSource.CollabMetricsCsv;
        if (group.Source.Length >= 0 && !TryParseSource(group.Bytes(group.Source), out source))
        {
            RejectSource(group);
            return;
        }

        var rows = group.Rows;
        int rowCount = group.RowCount;
        for (int i = 1; i < rowCount; i++)
        {
            if (rows[i].Position < rows[i - 1].Position)
            {
                Array.Sort(rows, 0, rowCount, Comparer<RowEntry>.Create(s_byPosition));
                break;
            }
        }

        int positions = 0;
        for (int i = 0; i < rowCount; i++)
        {
            if (rows[i].Position != 0 && (i == 0 || rows[i].Position != rows[i - 1].Position) && ++positions > _limits.MaxAuthors)
            {
                RejectAuthors(group);
                return;
            }
        }

        // Rows of one author must agree on its id and corresponding flag: checked while the publication is written.
        var batch = _batch;
        int doiLength = group.Doi.Length >= 0 ? Doi.NormalizeUtf8(group.Bytes(group.Doi), ref _doi) : -1;
        batch.BeginPublication(
            source, group.Year ?? RecordBatch.NoYear, group.Citations ?? RecordBatch.NoCitations, group.Line, group.Record,
            group.Bytes(group.Id), _doi.AsSpan(0, Math.Max(0, doiLength)), doiLength >= 0);
        batch.SetDocument(DocumentInfo.Pack((DocumentType)(group.DocumentType ?? 0), group.Retracted == 1, group.Paratext == 1, group.AuthorsTruncated == 1));
        for (int r = 0; r < rowCount;)
        {
            var first = rows[r];
            if (first.Position == 0)
            {
                r++;
                continue;
            }

            var firstId = group.Bytes(first.AuthorId);
            batch.BeginAuthor(first.Corresponding, firstId, _authorKeys && first.AuthorId.Length >= 0, default, false);
            int authorStart = r;
            for (; r < rowCount && rows[r].Position == first.Position; r++)
            {
                ref var row = ref rows[r];
                if (r != authorStart && (row.Corresponding != first.Corresponding || row.AuthorId.Length != first.AuthorId.Length || !group.Bytes(row.AuthorId).SequenceEqual(firstId)))
                {
                    batch.AbandonPublication();
                    RejectAuthorRows(group, in row, in first);
                    return;
                }

                if (!row.HasInstitution && row.Country == 0)
                {
                    continue;
                }

                int institution = -1;
                if (_institutions && (row.InstitutionId.Length >= 0 || row.InstitutionName.Length >= 0))
                {
                    institution = batch.Institution(
                        group.Bytes(row.InstitutionId), row.InstitutionId.Length >= 0,
                        group.Bytes(row.InstitutionName), row.InstitutionName.Length >= 0,
                        row.Country);
                }

                batch.AddAffiliation(row.Country, institution, default, false);
            }
        }

        if (group.Technologies.Length >= 0)
        {
            AddTechnologies(group.Bytes(group.Technologies));
        }

        batch.EndPublication();
        _log.Add(new ReadEvent(ReadEventKind.Publication, group.Line, group.Record, batch.Count - 1));
        group.ClearRows();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectSource(Group group)
    {
        string text = Encoding.UTF8.GetString(group.Bytes(group.Source));
        Reject(group, group.Line, CsvColumns.Source, SkipReason.Malformed, $"'{text}' is not a source ({string.Join(", ", Enum.GetNames<PublicationSource>())}).", null);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectAuthors(Group group) =>
        Reject(group, group.Line, CsvColumns.AuthorPosition, SkipReason.TooLarge, ReadContext.TooLargeMessage($"the number of authors of publication '{group.IdText}'", nameof(ReadLimits.MaxAuthors), _limits.MaxAuthors, "--max-record-authors"), null);

    /// <summary>Rejects a publication whose rows of one author disagree on the author's id or corresponding flag.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectAuthorRows(Group group, in RowEntry row, in RowEntry first)
    {
        bool sameId = row.AuthorId.Length == first.AuthorId.Length && group.Bytes(row.AuthorId).SequenceEqual(group.Bytes(first.AuthorId));
        Reject(group, row.Line, !sameId ? CsvColumns.AuthorId : CsvColumns.Corresponding, SkipReason.Inconsistent,
            $"rows of author {first.Position} of publication '{group.IdText}' disagree on the author's id or corresponding flag.", null);
    }

    /// <summary>Splits a <c>technologies</c> value as <see cref="CsvColumns.SplitTechnologies"/> does, into the batch.</summary>
    private void AddTechnologies(ReadOnlySpan<byte> value)
    {
        if (value.IndexOfAny((byte)'\\', (byte)';') < 0)
        {
            if (!CsvLayout.IsWhiteSpace(value))
            {
                _batch.AddTechnology(value);
            }

            return;
        }

        if (_label.Length < value.Length)
        {
            _label = new byte[value.Length * 2];
        }

        int n = 0;
        for (int i = 0; i < value.Length; i++)
        {
            byte c = value[i];
            if (c == (byte)'\\' && i + 1 < value.Length)
            {
                _label[n++] = value[++i];
            }
            else if (c == (byte)';')
            {
                AddLabel(n);
                n = 0;
            }
            else
            {
                _label[n++] = c;
            }
        }

        AddLabel(n);

        void AddLabel(int length)
        {
            var label = _label.AsSpan(0, length);
            if (!CsvLayout.IsWhiteSpace(label))
            {
                _batch.AddTechnology(label);
            }
        }
    }

    /// <summary>A <c>source</c> value by its name (either case), remembered for the next publication.</summary>
    private bool TryParseSource(ReadOnlySpan<byte> text, out PublicationSource source)
    {
        if (_lastSourceLength == text.Length && _lastSource.AsSpan(0, text.Length).SequenceEqual(text))
        {
            source = _lastSourceValue;
            return _lastSourceValid;
        }

        _lastSourceValid = TryParseSourceName(Encoding.UTF8.GetString(text).Trim(' ', '\t'), out source);
        _lastSourceValue = source;
        _lastSource = text.ToArray();
        _lastSourceLength = text.Length;
        return _lastSourceValid;
    }

    /// <summary>A source by its name, either case: not by its number, nor names joined by commas (which <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> takes).</summary>
    private static bool TryParseSourceName(string name, out PublicationSource source)
    {
        foreach (var value in Enum.GetValues<PublicationSource>())
        {
            if (string.Equals(value.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                source = value;
                return true;
            }
        }

        source = PublicationSource.Unknown;
        return false;
    }

    /// <summary>A text in a group's arena: start and length (-1: none).</summary>
    private struct Span2
    {
        public int Start;
        public int Length;

        public static Span2 None => new() { Length = -1 };
    }

    private struct RowEntry
    {
        public int Position;
        public int Order;
        public long Line;
        public bool Corresponding;
        public bool HasInstitution;
        public ushort Country;
        public Span2 AuthorId;
        public Span2 InstitutionId;
        public Span2 InstitutionName;
    }

    /// <summary>The rows of one publication so far, with their texts copied into an arena (so chunks can be released).</summary>
    private sealed class Group
    {
        private byte[] _arena = new byte[512];
        private int _used;
        private readonly Span2[] _firstText = new Span2[CsvColumns.All.Length];
        private string? _idText;

        public long Line;
        public long Record;
        public long Size;
        public int? Year;
        public int? Citations;
        public int? DocumentType;
        public int? Retracted;
        public int? Paratext;
        public int? AuthorsTruncated;
        public bool Rejected;
        public Span2 Id;
        public Span2 Doi;
        public Span2 Technologies;
        public Span2 Source;
        public RowEntry[] Rows = new RowEntry[16];
        public int RowCount;

        public string IdText => _idText ??= Encoding.UTF8.GetString(Bytes(Id));

        /// <summary>The chunk the group's references point into.</summary>
        public byte[] Chunk = [];

        /// <summary>Whether every value is copied (the group outlives chunks: in-memory grouping).</summary>
        public bool CopiesAll;

        /// <summary>Where the first row's id is in <see cref="Chunk"/> as it is (a field without quotes); -1: not there.</summary>
        public int IdAt = -1;

        /// <summary>The buffer of the last row whose publication-level fields passed their checks; null: none.</summary>
        public byte[]? SameData;

        /// <summary>Where that row's publication-level runs of fields are in <see cref="SameData"/>: start and length, pair by pair.</summary>
        public int[] SameRuns = [];

        public void Reset(ReadOnlySpan<byte> id, long line, long record)
        {
            _used = 0;
            _idText = null;
            Line = line;
            Record = record;
            Size = 0;
            Year = null;
            Citations = null;
            DocumentType = null;
            Retracted = null;
            Paratext = null;
            AuthorsTruncated = null;
            Rejected = false;
            RowCount = 0;
            Doi = Span2.None;
            Technologies = Span2.None;
            Source = Span2.None;
            _firstText.AsSpan().Fill(Span2.None);
            SameData = null;
            IdAt = -1;
            Id = Copy(id);
        }

        public bool IdEquals(ReadOnlySpan<byte> id) => Id.Length == id.Length && Bytes(Id).SequenceEqual(id);

        /// <summary>The bytes of a kept value: in the chunk (start &gt;= 0) or in the arena (start &lt; 0, ~offset).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ReadOnlySpan<byte> Bytes(Span2 text) =>
            text.Length < 0 ? default : text.Start >= 0 ? Chunk.AsSpan(text.Start, text.Length) : _arena.AsSpan(~text.Start, text.Length);

        /// <summary>Copies a value into the arena; an empty value is "none".</summary>
        public Span2 Copy(ReadOnlySpan<byte> value)
        {
            if (value.IsEmpty)
            {
                return Span2.None;
            }

            if (_used + value.Length > _arena.Length)
            {
                Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _used + value.Length));
            }

            value.CopyTo(_arena.AsSpan(_used));
            var kept = new Span2 { Start = ~_used, Length = value.Length };
            _used += value.Length;
            return kept;
        }

        /// <summary>Copies every value that refers to the chunk into the arena: the chunk is about to be released.</summary>
        public void Detach()
        {
            Doi = Own(Doi);
            Technologies = Own(Technologies);
            Source = Own(Source);
            for (int c = 0; c < _firstText.Length; c++)
            {
                _firstText[c] = Own(_firstText[c]);
            }
            for (int i = 0; i < RowCount; i++)
            {
                ref var row = ref Rows[i];
                row.AuthorId = Own(row.AuthorId);
                row.InstitutionId = Own(row.InstitutionId);
                row.InstitutionName = Own(row.InstitutionName);
            }

            Chunk = [];
            SameData = null;
            IdAt = -1;
        }

        private Span2 Own(Span2 text) => text.Length >= 0 && text.Start >= 0 ? Copy(Chunk.AsSpan(text.Start, text.Length)) : text;

        /// <summary>
        /// Whether <paramref name="text"/> is, byte for byte, the first accepted value of publication-level column
        /// <paramref name="column"/>: then it agrees without being parsed again.
        /// </summary>
        public bool SameText(int column, ReadOnlySpan<byte> text)
        {
            var first = _firstText[column];
            return first.Length == text.Length && Bytes(first).SequenceEqual(text);
        }

        /// <summary>Keeps the first accepted value of publication-level column <paramref name="column"/>.</summary>
        public void SetText(int column, Span2 text)
        {
            if (_firstText[column].Length < 0)
            {
                _firstText[column] = text;
            }
        }

        /// <summary>Adds a row, its order set, for the caller to fill in.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref RowEntry AddRow()
        {
            var rows = Rows;
            int count = RowCount;
            if ((uint)count >= (uint)rows.Length)
            {
                rows = GrowRows();
            }

            ref var row = ref rows[count];
            row.Order = count;
            RowCount = count + 1;
            return ref row;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private RowEntry[] GrowRows()
        {
            Array.Resize(ref Rows, Rows.Length * 2);
            return Rows;
        }

        public void ClearRows() => RowCount = 0;
    }
}
