namespace CollabMetrics.IO.Scopus;

/// <summary>The header of a Scopus CSV export: which column holds which field.</summary>
internal sealed class ScopusColumns
{
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private readonly string[] _names;
    private readonly int _count;
    private readonly int _fundingText;

    internal ScopusColumns(string[] header)
    {
        _count = header.Length;
        _fundingText = -1;
        _names = new string[header.Length];
        for (int i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF').Trim();
            _names[i] = name;
            if (name.Contains('\uFFFD', StringComparison.Ordinal))
            {
                // Invalid UTF-8 in the name: not matched to any column (reported by the reader).
                continue;
            }

            _index.TryAdd(name, i);
            if (_fundingText < 0 && name.StartsWith("Funding Text", StringComparison.OrdinalIgnoreCase))
            {
                _fundingText = i;
            }
        }
    }

    /// <summary>The header names that held invalid UTF-8.</summary>
    internal IEnumerable<string> InvalidNames(InvalidUtf8Detector detector)
    {
        foreach (var name in _names)
        {
            if (detector.IsInvalid(name))
            {
                yield return name;
            }
        }
    }

    /// <summary>Whether a row repeats the header (exports concatenated into one file).</summary>
    internal bool IsHeader(string[] cells)
    {
        if (cells.Length != _count)
        {
            return false;
        }

        for (int i = 0; i < cells.Length; i++)
        {
            if (!string.Equals(cells[i].Trim().TrimStart('\uFEFF').Trim(), _names[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The column name of cell <paramref name="cell"/> (for rows without extra cells), or null.</summary>
    internal string? NameOf(int cell) => cell < _names.Length ? _names[cell] : null;

    /// <summary>The first required column that is absent, or null.</summary>
    internal string? Missing()
    {
        if (!_index.ContainsKey("Authors") && !_index.ContainsKey("Author full names"))
        {
            return "Authors";
        }

        if (!_index.ContainsKey("Year"))
        {
            return "Year";
        }

        if (!_index.ContainsKey("EID"))
        {
            return "EID";
        }

        if (!_index.ContainsKey("Authors with affiliations") && !_index.ContainsKey("Affiliations"))
        {
            return "Affiliations";
        }

        return null;
    }

    internal ScopusRow Bind(string[] cells)
    {
        int extra = cells.Length - _count;
        if (extra < 0)
        {
            return new ScopusRow(this, cells, 0, $"The row has {cells.Length} cells but the header has {_count} columns. Export the records again.");
        }

        if (extra > 0 && _fundingText < 0)
        {
            return new ScopusRow(this, cells, 0, $"The row has {cells.Length} cells but the header has {_count} columns. Export the records again.");
        }

        return new ScopusRow(this, cells, extra, null);
    }

    /// <summary>The cell index of a column in a row with <paramref name="extra"/> cells more than the header, or -1.</summary>
    internal int CellOf(string column, int extra)
    {
        if (!_index.TryGetValue(column, out int i))
        {
            return -1;
        }

        return extra > 0 && i > _fundingText ? i + extra : i;
    }

    internal IEnumerable<KeyValuePair<string, int>> All => _index;
}

/// <summary>One row bound to its header.</summary>
internal readonly struct ScopusRow(ScopusColumns columns, string[] cells, int extra, string? error)
{
    /// <summary>Why the row cannot be read, or null.</summary>
    internal string? Error => error;

    /// <summary>The column of cell <paramref name="cell"/>, or null.</summary>
    internal string? ColumnOf(int cell) => columns.NameOf(extra > 0 && cell > 0 ? Math.Max(0, cell - extra) : cell);

    /// <summary>The trimmed value of a column; null when the column is absent or the cell blank.</summary>
    internal string? this[string column]
    {
        get
        {
            int i = columns.CellOf(column, extra);
            if (i < 0 || i >= cells.Length)
            {
                return null;
            }

            var value = cells[i].Trim();
            return value.Length == 0 ? null : value;
        }
    }

    /// <summary>The name of the first column whose cell held invalid UTF-8, or null.</summary>
    internal string? FirstInvalid(InvalidUtf8Detector detector)
    {
        if (detector.Count == 0)
        {
            return null;
        }

        foreach (var (name, _) in columns.All)
        {
            if (detector.IsInvalid(this[name]))
            {
                return name;
            }
        }

        return null;
    }
}
