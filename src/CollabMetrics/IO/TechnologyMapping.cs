using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using CollabMetrics.Geography;

namespace CollabMetrics.IO;

/// <summary>
/// Maps what sources say a work is about to technology labels: OpenAlex topics, subfields, fields and domains (by id),
/// concepts and keywords (by id or display name), topic display names, Web of Science categories. A source may map to
/// several technologies and a technology may have many sources; a work gets every technology any of its sources maps
/// to. Immutable; change the options with <c>with</c>.
/// </summary>
/// <remarks>
/// <para>
/// A source is an OpenAlex id, as a full URL or short: a topic (<c>https://openalex.org/T13650</c> or <c>T13650</c>),
/// a subfield (<c>subfields/1702</c>), a field (<c>fields/17</c>), a domain (<c>domains/3</c>), a concept
/// (<c>C154945302</c>) or a keyword (<c>keywords/quantum-computing</c>); anything else is a display name (of a
/// keyword, concept or topic, or a Web of Science category), compared ignoring case and runs of white space.
/// </para>
/// <para>
/// An OpenAlex topic matches through its id, its subfield's, its field's and its domain's id, and its display name;
/// so a map of fields classifies every work by its topics' fields. <see cref="PrimaryTopicOnly"/> uses the primary
/// topic alone, and <see cref="MinTopicScore"/> leaves out topics OpenAlex scored lower; keywords and concepts match
/// whatever these options say. See docs/formats.md (OpenAlex, Technologies) and its example map.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var map = TechnologyMapping.FromCsv("""
///     technology,source
///     Quantum computing,T10682
///     Artificial intelligence,subfields/1702
///     """) with { MinTopicScore = 0.5 };
/// Corpus corpus = Corpus.FromDirectory("openalex-snapshot/data/works", ReadOptions.Default with { Technologies = map });
/// </code>
/// </example>
public sealed record TechnologyMapping
{
    private const string OpenAlexPrefix = "openalex.org/";

    private readonly FrozenDictionary<string, string[]> _ids;
    private readonly FrozenDictionary<string, string[]> _names;
    private readonly FrozenDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _idLookup;
    private readonly FrozenDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;

    private TechnologyMapping(Dictionary<string, List<string>> ids, Dictionary<string, List<string>> names, IReadOnlyList<string> technologies, bool keepUnmapped)
    {
        _ids = ids.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        _names = names.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        _idLookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        Technologies = technologies;
        KeepUnmapped = keepUnmapped;
    }

    /// <summary>Keeps every OpenAlex topic and concept name, Web of Science category and Scopus label as it is.</summary>
    public static TechnologyMapping Identity { get; } = new([], [], [], keepUnmapped: true);

    /// <summary>Whether sources without a mapping are kept as technologies under their own names (true) or dropped (false).</summary>
    public bool KeepUnmapped { get; init; }

    /// <summary>
    /// Classify OpenAlex works by their primary topic alone (<c>primary_topic</c>), leaving out the other topics.
    /// Default false: every topic of the work counts.
    /// </summary>
    public bool PrimaryTopicOnly { get; init; }

    /// <summary>
    /// Leave out OpenAlex topics whose score is below this (0 to 1; a topic without a score is left out too). Default
    /// null: every topic counts.
    /// </summary>
    public double? MinTopicScore
    {
        get;
        init
        {
            if (value is { } score && (double.IsNaN(score) || score < 0 || score > 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MinTopicScore must be from 0 to 1 (null for every topic).");
            }

            field = value;
        }
    }

    /// <summary>The technology labels the mapping gives, distinct, in order of first appearance.</summary>
    public IReadOnlyList<string> Technologies { get; }

    /// <summary>Builds a mapping from (source, technology) pairs (see the remarks for what a source is).</summary>
    /// <exception cref="ArgumentException">A source or technology is empty.</exception>
    /// <exception cref="FormatException">A source is an OpenAlex URL that names no topic, subfield, field, domain, concept or keyword.</exception>
    public static TechnologyMapping FromPairs(params IEnumerable<(string Source, string Technology)> pairs) =>
        FromPairs(pairs, keepUnmapped: false);

    /// <summary>Builds a mapping from (source, technology) pairs (see the remarks for what a source is).</summary>
    /// <param name="pairs">The pairs.</param>
    /// <param name="keepUnmapped">Whether sources without a mapping are kept as technologies under their own names.</param>
    /// <exception cref="ArgumentException">A source or technology is empty.</exception>
    /// <exception cref="FormatException">A source is an OpenAlex URL that names no topic, subfield, field, domain, concept or keyword.</exception>
    public static TechnologyMapping FromPairs(IEnumerable<(string Source, string Technology)> pairs, bool keepUnmapped)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var builder = new Builder();
        foreach (var (source, technology) in pairs)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(source);
            ArgumentException.ThrowIfNullOrWhiteSpace(technology);
            builder.Add(source, technology);
        }

        return builder.Build(keepUnmapped);
    }

    /// <summary>
    /// Reads a mapping from CSV text with the columns <c>technology</c> and <c>source</c> (a header row, names in any
    /// case and order; other columns, such as a note, are ignored), one source per row. Empty rows are skipped.
    /// </summary>
    /// <param name="csv">The CSV text.</param>
    /// <exception cref="FormatException">A column is missing, a row has an empty technology or source, or a source is a malformed OpenAlex id; the message names the line and column.</exception>
    public static TechnologyMapping FromCsv(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var reader = new StringReader(csv);
        return Read(reader, "the mapping");
    }

    /// <summary>Reads a mapping from CSV (see <see cref="FromCsv(string)"/>).</summary>
    /// <param name="reader">The CSV text; left open.</param>
    /// <exception cref="FormatException">As <see cref="FromCsv(string)"/>.</exception>
    public static TechnologyMapping FromCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(reader, "the mapping");
    }

    /// <summary>Reads a mapping from a CSV stream in UTF-8 (see <see cref="FromCsv(string)"/>).</summary>
    /// <param name="stream">The CSV; left open.</param>
    /// <exception cref="FormatException">As <see cref="FromCsv(string)"/>.</exception>
    public static TechnologyMapping FromCsv(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return Read(reader, "the mapping");
    }

    /// <summary>Reads a mapping from a CSV file in UTF-8 (see <see cref="FromCsv(string)"/>); messages name the file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">As <see cref="FromCsv(string)"/>.</exception>
    /// <example>
    /// <code>
    /// var options = ReadOptions.Default with { Technologies = TechnologyMapping.FromCsvFile("docs/examples/critical-technologies.csv") };
    /// </code>
    /// </example>
    public static TechnologyMapping FromCsvFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The technology mapping '{path}' does not exist.", path);
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    /// <summary>The asynchronous twin of <see cref="FromCsvFile"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<TechnologyMapping> FromCsvFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The technology mapping '{path}' does not exist.", path);
        }

        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        using var reader = new StringReader(text);
        return Read(reader, path);
    }

    /// <summary>Adds the technologies a source label (a name or an id) maps to into <paramref name="into"/>, without duplicates; or, when it has none and <see cref="KeepUnmapped"/> is set, the label itself.</summary>
    /// <param name="sourceLabel">The label.</param>
    /// <param name="into">Receives the technologies.</param>
    public void Map(string sourceLabel, ICollection<string> into)
    {
        ArgumentNullException.ThrowIfNull(sourceLabel);
        ArgumentNullException.ThrowIfNull(into);
        bool mapped = TryId(sourceLabel, out var key) ? AddId(key, into) : AddName(sourceLabel, into);
        if (!mapped && KeepUnmapped && sourceLabel.Trim() is { Length: > 0 } label && !into.Contains(label))
        {
            into.Add(label);
        }
    }

    /// <summary>The technology labels of the mapping closest to <paramref name="label"/> (for messages), best first.</summary>
    /// <param name="label">A label that is not one of <see cref="Technologies"/>.</param>
    public IReadOnlyList<string> Closest(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return NameDistance.Closest(label, Technologies);
    }

    /// <summary>"technology mapping: 12 technologies from 40 sources".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"technology mapping: {Technologies.Count} technologies from {_ids.Count + _names.Count} sources")
        + (PrimaryTopicOnly ? ", primary topic only" : string.Empty)
        + (MinTopicScore is { } min ? string.Create(CultureInfo.InvariantCulture, $", topic score >= {min}") : string.Empty);

    /// <summary>Adds the technologies of an OpenAlex id (full URL or short) into <paramref name="into"/>; true when it has any.</summary>
    internal bool AddId(ReadOnlySpan<char> id, ICollection<string> into)
    {
        var key = ShortId(id);
        return !key.IsEmpty && _idLookup.TryGetValue(key, out var technologies) && AddAll(technologies, into);
    }

    /// <summary>Adds the technologies of a display name into <paramref name="into"/>; true when it has any.</summary>
    internal bool AddName(ReadOnlySpan<char> name, ICollection<string> into)
    {
        name = name.Trim();
        if (name.IsEmpty || _names.Count == 0)
        {
            return false;
        }

        if (_nameLookup.TryGetValue(name, out var technologies))
        {
            return AddAll(technologies, into);
        }

        // Runs of white space compare as one space.
        bool needsFolding = name.IndexOf("  ", StringComparison.Ordinal) >= 0 || name.IndexOfAny('\t', '\n', '\r') >= 0;
        return needsFolding && _names.TryGetValue(FoldName(name.ToString()), out technologies) && AddAll(technologies, into);
    }

    /// <summary>The short form of an OpenAlex id (<c>T13650</c>, <c>subfields/1702</c>), as a slice of <paramref name="id"/>; empty when it is none.</summary>
    internal static ReadOnlySpan<char> ShortId(ReadOnlySpan<char> id)
    {
        id = id.Trim();
        int at = id.IndexOf(OpenAlexPrefix, StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            id = id[(at + OpenAlexPrefix.Length)..];
        }

        return IsShortId(id) ? id : [];
    }

    private static bool AddAll(string[] technologies, ICollection<string> into)
    {
        foreach (var t in technologies)
        {
            if (!into.Contains(t))
            {
                into.Add(t);
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="source"/> is an OpenAlex id; <paramref name="key"/> is its short form.</summary>
    /// <exception cref="FormatException">An OpenAlex URL that names no topic, subfield, field, domain, concept or keyword.</exception>
    private static bool TryId(string source, out string key)
    {
        var text = source.AsSpan().Trim();
        int at = text.IndexOf(OpenAlexPrefix, StringComparison.OrdinalIgnoreCase);
        var rest = at >= 0 ? text[(at + OpenAlexPrefix.Length)..] : text;
        if (IsShortId(rest))
        {
            key = rest.ToString();
            return true;
        }

        if (at >= 0)
        {
            throw new FormatException($"'{source}' is an OpenAlex URL but not of a topic (T...), subfield (subfields/...), field (fields/...), domain (domains/...), concept (C...) or keyword (keywords/...).");
        }

        key = string.Empty;
        return false;
    }

    /// <summary>T123, C123, subfields/123, fields/12, domains/1, keywords/some-words (any case).</summary>
    private static bool IsShortId(ReadOnlySpan<char> id)
    {
        if (id.Length >= 2 && (id[0] is 'T' or 't' or 'C' or 'c') && AllDigits(id[1..]))
        {
            return true;
        }

        foreach (var kind in (ReadOnlySpan<string>)["subfields/", "fields/", "domains/"])
        {
            if (id.StartsWith(kind, StringComparison.OrdinalIgnoreCase) && id.Length > kind.Length && AllDigits(id[kind.Length..]))
            {
                return true;
            }
        }

        const string Keywords = "keywords/";
        if (id.StartsWith(Keywords, StringComparison.OrdinalIgnoreCase) && id.Length > Keywords.Length)
        {
            foreach (char c in id[Keywords.Length..])
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }

            return true;
        }

        return false;

        static bool AllDigits(ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExceptInRange('0', '9');
    }

    private static string FoldName(string name)
    {
        var sb = new StringBuilder(name.Length);
        bool space = false;
        foreach (char c in name.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        return sb.ToString();
    }

    private static TechnologyMapping Read(TextReader reader, string name)
    {
        var builder = new Builder();
        int technologyColumn = -1, sourceColumn = -1;
        long line = 0;
        bool header = true;
        while (ReadRecord(reader, ref line, name) is { } record)
        {
            if (record.Cells.Count == 1 && record.Cells[0].Trim().Length == 0)
            {
                continue;
            }

            if (header)
            {
                for (int i = 0; i < record.Cells.Count; i++)
                {
                    var cell = record.Cells[i].Trim().TrimStart('\uFEFF');
                    if (technologyColumn < 0 && cell.Equals("technology", StringComparison.OrdinalIgnoreCase))
                    {
                        technologyColumn = i;
                    }
                    else if (sourceColumn < 0 && cell.Equals("source", StringComparison.OrdinalIgnoreCase))
                    {
                        sourceColumn = i;
                    }
                }

                if (technologyColumn < 0 || sourceColumn < 0)
                {
                    throw new FormatException($"{name}, line {record.Line}: the header has no '{(technologyColumn < 0 ? "technology" : "source")}' column; a technology mapping is a CSV file with the columns technology,source.");
                }

                header = false;
                continue;
            }

            string technology = Cell(record, technologyColumn).Trim();
            string source = Cell(record, sourceColumn).Trim();
            if (technology.Length == 0)
            {
                throw new FormatException($"{name}, line {record.Line}, column technology: the technology is empty.");
            }

            if (source.Length == 0)
            {
                throw new FormatException($"{name}, line {record.Line}, column source: the source is empty; give an OpenAlex id (T13650, subfields/1702, fields/17) or a keyword or concept name.");
            }

            try
            {
                builder.Add(source, technology);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{name}, line {record.Line}, column source: {ex.Message}", ex);
            }
        }

        if (header)
        {
            throw new FormatException($"{name}: the mapping is empty; a technology mapping is a CSV file with the columns technology,source.");
        }

        return builder.Build(keepUnmapped: false);

        static string Cell(CsvRecord record, int column) => column < record.Cells.Count ? record.Cells[column] : string.Empty;
    }

    /// <summary>One RFC 4180 record (quoted fields may hold commas, quotes doubled and line breaks), or null at the end.</summary>
    private static CsvRecord? ReadRecord(TextReader reader, ref long line, string name)
    {
        int c = reader.Read();
        if (c < 0)
        {
            return null;
        }

        line++;
        var record = new CsvRecord(line);
        var cell = new StringBuilder();
        bool quoted = false, wasQuoted = false;
        while (true)
        {
            if (c < 0)
            {
                if (quoted)
                {
                    throw new FormatException($"{name}, line {record.Line}: a quoted field is never closed.");
                }

                break;
            }

            char ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        cell.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    line += ch == '\n' ? 1 : 0;
                    cell.Append(ch);
                }
            }
            else if (ch == '"' && cell.Length == 0 && !wasQuoted)
            {
                quoted = wasQuoted = true;
            }
            else if (ch == ',')
            {
                record.Cells.Add(cell.ToString());
                cell.Clear();
                wasQuoted = false;
            }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                break;
            }
            else
            {
                cell.Append(ch);
            }

            c = reader.Read();
        }

        record.Cells.Add(cell.ToString());
        return record;
    }

    private sealed class CsvRecord(long line)
    {
        public long Line { get; } = line;

        public List<string> Cells { get; } = [];
    }

    /// <summary>Collects sources and technologies in order.</summary>
    private sealed class Builder
    {
        private readonly Dictionary<string, List<string>> _ids = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<string>> _names = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _technologies = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public void Add(string source, string technology)
        {
            technology = technology.Trim();
            var (table, key) = TryId(source, out var id) ? (_ids, id) : (_names, FoldName(source));
            if (!table.TryGetValue(key, out var list))
            {
                table[key] = list = [];
            }

            if (!list.Contains(technology))
            {
                list.Add(technology);
            }

            if (_seen.Add(technology))
            {
                _technologies.Add(technology);
            }
        }

        public TechnologyMapping Build(bool keepUnmapped) => new(_ids, _names, _technologies.AsReadOnly(), keepUnmapped);
    }
}
