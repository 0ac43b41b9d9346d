namespace CollabMetrics.IO.WebOfScience;

/// <summary>One Web of Science record as field tags with their values, before interpretation.</summary>
internal sealed class WosRecord(long line, long number, ReadLimits? limits = null, bool keepRaw = false)
{
    private readonly Dictionary<string, Field> _fields = new(StringComparer.Ordinal);
    private readonly ReadLimits _limits = limits ?? ReadLimits.Default;
    private readonly System.Text.StringBuilder? _raw = keepRaw ? new() : null;
    private long _chars;

    /// <summary>Why the record is over a limit (it is then rejected as <see cref="SkipReason.TooLarge"/>), or null.</summary>
    internal string? TooLargeMessage { get; private set; }

    /// <summary>The field that went over a limit, or null.</summary>
    internal string? TooLargeField { get; private set; }

    /// <summary>The start of the record's text (only when raw text is wanted), cut at <see cref="RejectedRecord.MaxRawLength"/>.</summary>
    internal string? RawText => _raw?.ToString();

    /// <summary>Marks the record as over a limit and lets go of what it holds; later lines are not kept.</summary>
    internal void Oversize(string? field, string message)
    {
        if (TooLargeMessage is null)
        {
            TooLargeMessage = message;
            TooLargeField = field;
            _fields.Clear();
        }
    }

    /// <summary>Counts a line of the record (its raw text kept when wanted); over <see cref="ReadLimits.MaxRecordBytes"/> the record is marked too large.</summary>
    internal void CountLine(string line, long length)
    {
        _chars += length + 1;
        if (_raw is not null && _raw.Length < RejectedRecord.MaxRawLength)
        {
            _raw.Append(line.AsSpan(0, Math.Min(line.Length, RejectedRecord.MaxRawLength - _raw.Length))).Append('\n');
        }

        if (_chars > _limits.MaxRecordBytes)
        {
            Oversize(null, ReadContext.TooLargeMessage($"the record starting on line {Line}", nameof(ReadLimits.MaxRecordBytes), _limits.MaxRecordBytes, "--max-record-size"));
        }
    }

    /// <summary>The line the record starts on.</summary>
    internal long Line { get; } = line;

    /// <summary>The 1-based record number in the file.</summary>
    internal long Number { get; } = number;

    /// <summary>The first line with invalid UTF-8, or 0.</summary>
    internal long InvalidLine { get; private set; }

    /// <summary>The field of <see cref="InvalidLine"/>, or null.</summary>
    internal string? InvalidField { get; private set; }

    /// <summary>Whether the readers use a field; the others (title, abstract, references, ...) are not kept.</summary>
    internal static bool IsUsed(ReadOnlySpan<char> tag) => tag switch
    {
        "AU" or "AF" or "C1" or "RP" or "PY" or "UT" or "DI" or "TC" or "WC" or "SC" or "DT" => true,
        _ => false,
    };

    internal void Set(string tag, long line, List<string> items, string text)
    {
        if (TooLargeMessage is null && CheckCount(tag, items.Count))
        {
            _fields[tag] = new Field(line, items, text);
        }
    }

    /// <summary>Adds a line to a plain-text field (continuation lines included).</summary>
    internal void AddLine(string tag, long line, string value)
    {
        if (TooLargeMessage is not null)
        {
            return;
        }

        if (!_fields.TryGetValue(tag, out var field))
        {
            _fields[tag] = field = new Field(line, [], null);
        }

        if (CheckCount(tag, field.Items.Count + 1))
        {
            field.Items.Add(value);
            field.Text = null;
        }
    }

    /// <summary>Whether a field may hold <paramref name="count"/> items; marks the record too large otherwise.</summary>
    private bool CheckCount(string tag, int count)
    {
        if (tag is "AU" or "AF" && count > _limits.MaxAuthors)
        {
            Oversize(tag, ReadContext.TooLargeMessage($"the number of authors in {tag}", nameof(ReadLimits.MaxAuthors), _limits.MaxAuthors, "--max-record-authors"));
            return false;
        }

        if (tag == "C1" && count > _limits.MaxAffiliations)
        {
            Oversize(tag, ReadContext.TooLargeMessage("the number of addresses in C1", nameof(ReadLimits.MaxAffiliations), _limits.MaxAffiliations, "--max-affiliations"));
            return false;
        }

        return true;
    }

    internal void MarkInvalid(long line, string? tag)
    {
        if (InvalidLine == 0)
        {
            InvalidLine = line;
            InvalidField = tag;
        }
    }

    /// <summary>The items of a multi-valued field (one author, one address each); empty when absent.</summary>
    internal IReadOnlyList<string> Items(string tag) => _fields.TryGetValue(tag, out var f) ? f.Items : [];

    /// <summary>The whole value of a field, lines joined by spaces, trimmed; null when absent or blank.</summary>
    internal string? Text(string tag)
    {
        if (!_fields.TryGetValue(tag, out var f))
        {
            return null;
        }

        f.Text ??= string.Join(' ', f.Items).Trim();
        return f.Text.Length == 0 ? null : f.Text;
    }

    /// <summary>The line a field starts on, or the record's line.</summary>
    internal long LineOf(string tag) => _fields.TryGetValue(tag, out var f) ? f.Line : Line;

    private sealed class Field(long line, List<string> items, string? text)
    {
        internal long Line { get; } = line;

        internal List<string> Items { get; } = items;

        internal string? Text { get; set; } = text;
    }
}
