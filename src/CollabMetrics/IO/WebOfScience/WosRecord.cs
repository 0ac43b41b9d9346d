namespace CollabMetrics.IO.WebOfScience;

/// <summary>One Web of Science record as field tags with their values, before interpretation.</summary>
internal sealed class WosRecord(long line, long number)
{
    private readonly Dictionary<string, Field> _fields = new(StringComparer.Ordinal);

    /// <summary>The line the record starts on.</summary>
    internal long Line { get; } = line;

    /// <summary>The 1-based record number in the file.</summary>
    internal long Number { get; } = number;

    /// <summary>The first line with invalid UTF-8, or 0.</summary>
    internal long InvalidLine { get; private set; }

    /// <summary>The field of <see cref="InvalidLine"/>, or null.</summary>
    internal string? InvalidField { get; private set; }

    internal void Set(string tag, long line, List<string> items, string text) => _fields[tag] = new Field(line, items, text);

    /// <summary>Adds a line to a plain-text field (continuation lines included).</summary>
    internal void AddLine(string tag, long line, string value)
    {
        if (!_fields.TryGetValue(tag, out var field))
        {
            _fields[tag] = field = new Field(line, [], null);
        }

        field.Items.Add(value);
        field.Text = null;
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
