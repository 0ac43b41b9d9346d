using System.Globalization;
using System.Text;
using CollabMetrics.Geography;

namespace CollabMetrics.Aggregation;

/// <summary>
/// The CollabMetrics CSV tables of a <see cref="CollaborationCube"/>: <c>cube.csv</c> (key, value: format, version,
/// options, diagnostics), <c>slices.csv</c>, <c>units.csv</c> and <c>pairs.csv</c>, one row per (year, technology)
/// cell and unit or pair. Invariant culture; a value is its shortest round-trip double when that is exact, else its
/// exact decimal (see <see cref="FixedPoint.Format"/>); an empty technology for the all-technologies cell. Rows with the same key add up, so concatenated tables of two cubes read as their merge.
/// </summary>
internal static class CubeCsv
{
    internal const string MetaFile = "cube.csv";
    internal const string SlicesFile = "slices.csv";
    internal const string UnitsFile = "units.csv";
    internal const string PairsFile = "pairs.csv";

    private static readonly string[] s_metaHeader = ["key", "value"];
    private static readonly string[] s_slicesHeader = ["year", "technology", "n", "n_international", "links"];
    private static readonly string[] s_unitsHeader =
        ["year", "technology", "kind", "code", "label", "p", "f", "e", "i", "link_total", "scp_corresponding", "mcp_corresponding"];

    private static readonly string[] s_pairsHeader =
        ["year", "technology", "kind_a", "code_a", "kind_b", "code_b", "copublications", "country_set", "author", "author_refined", "nature_index_score"];

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    internal static void Write(CollaborationCube cube, string directory)
    {
        Directory.CreateDirectory(directory);
        WriteTable(Path.Combine(directory, MetaFile), s_metaHeader, MetaRows(cube));
        WriteTable(Path.Combine(directory, SlicesFile), s_slicesHeader, SliceRows(cube));
        WriteTable(Path.Combine(directory, UnitsFile), s_unitsHeader, UnitRows(cube));
        WriteTable(Path.Combine(directory, PairsFile), s_pairsHeader, PairRows(cube));
    }

    internal static async Task WriteAsync(CollaborationCube cube, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await WriteTableAsync(Path.Combine(directory, MetaFile), s_metaHeader, MetaRows(cube), cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(Path.Combine(directory, SlicesFile), s_slicesHeader, SliceRows(cube), cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(Path.Combine(directory, UnitsFile), s_unitsHeader, UnitRows(cube), cancellationToken).ConfigureAwait(false);
        await WriteTableAsync(Path.Combine(directory, PairsFile), s_pairsHeader, PairRows(cube), cancellationToken).ConfigureAwait(false);
    }

    internal static CollaborationCube Read(string directory)
    {
        var state = new ReadState();
        ReadTable(Path.Combine(directory, MetaFile), s_metaHeader, state.Meta);
        state.CheckMeta();
        ReadTable(Path.Combine(directory, SlicesFile), s_slicesHeader, state.Slice);
        ReadTable(Path.Combine(directory, UnitsFile), s_unitsHeader, state.Unit);
        ReadTable(Path.Combine(directory, PairsFile), s_pairsHeader, state.Pair);
        return state.Build();
    }

    internal static async Task<CollaborationCube> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var state = new ReadState();
        await ReadTableAsync(Path.Combine(directory, MetaFile), s_metaHeader, state.Meta, cancellationToken).ConfigureAwait(false);
        state.CheckMeta();
        await ReadTableAsync(Path.Combine(directory, SlicesFile), s_slicesHeader, state.Slice, cancellationToken).ConfigureAwait(false);
        await ReadTableAsync(Path.Combine(directory, UnitsFile), s_unitsHeader, state.Unit, cancellationToken).ConfigureAwait(false);
        await ReadTableAsync(Path.Combine(directory, PairsFile), s_pairsHeader, state.Pair, cancellationToken).ConfigureAwait(false);
        return state.Build();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<string[]> MetaRows(CollaborationCube cube)
    {
        var o = cube.Options;
        var d = cube.Diagnostics;
        yield return ["format", CubeFormat.Name];
        yield return ["version", Number(CollaborationCube.FormatVersion)];
        yield return ["level", CubeFormat.LevelName(o.Level)];
        yield return ["territory", o.Territory.ToName()];
        yield return ["technologies", CubeFormat.AssignmentName(o.Technologies)];
        yield return ["by_technology", o.ByTechnology ? "true" : "false"];
        yield return ["unknown_authors", CubeFormat.UnknownName(o.UnknownAuthors)];
        foreach (var group in o.Groups)
        {
            yield return ["group", $"{group.Name}={string.Join(' ', group.Members)}"];
        }

        yield return ["publications", Number(d.Publications)];
        yield return ["publications_counted", Number(d.PublicationsCounted)];
        yield return ["publications_without_unit", Number(d.PublicationsWithoutUnit)];
        yield return ["publications_without_year", Number(d.PublicationsWithoutYear)];
        yield return ["authors_without_unit", Number(d.AuthorsWithoutUnit)];
        yield return ["unresolved_affiliations", Number(d.UnresolvedAffiliations)];
    }

    private static IEnumerable<string[]> SliceRows(CollaborationCube cube)
    {
        foreach (var ((year, technology), cell) in CubeJson.SortedCells(cube))
        {
            yield return [Number(year), TechnologyName(cube, technology), FixedPoint.Format(cell.ExactN), FixedPoint.Format(cell.ExactNInternational), FixedPoint.Format(cell.ExactLinks)];
        }
    }

    private static IEnumerable<string[]> UnitRows(CollaborationCube cube)
    {
        foreach (var ((year, technology), cell) in CubeJson.SortedCells(cube))
        {
            string y = Number(year), t = TechnologyName(cube, technology);
            var values = new ExactValues.Cursor(cell.Units);
            for (int i = 0; i < cell.UnitIndex.Length; i++)
            {
                var unit = cube.UnitAt(cell.UnitIndex[i]);
                var row = new string[s_unitsHeader.Length];
                row[0] = y;
                row[1] = t;
                row[2] = CubeFormat.KindName(unit.Kind);
                row[3] = unit.Code;
                row[4] = unit.Label;
                for (int v = 0; v < SliceData.UnitStride; v++)
                {
                    row[5 + v] = FixedPoint.Format(values.Exact((i * SliceData.UnitStride) + v));
                }

                yield return row;
            }
        }
    }

    private static IEnumerable<string[]> PairRows(CollaborationCube cube)
    {
        foreach (var ((year, technology), cell) in CubeJson.SortedCells(cube))
        {
            string y = Number(year), t = TechnologyName(cube, technology);
            var values = new ExactValues.Cursor(cell.Pairs);
            for (int i = 0; i < cell.PairKeys.Length; i++)
            {
                var a = cube.UnitAt(SliceData.PairFirst(cell.PairKeys[i]));
                var b = cube.UnitAt(SliceData.PairSecond(cell.PairKeys[i]));
                var row = new string[s_pairsHeader.Length];
                row[0] = y;
                row[1] = t;
                row[2] = CubeFormat.KindName(a.Kind);
                row[3] = a.Code;
                row[4] = CubeFormat.KindName(b.Kind);
                row[5] = b.Code;
                for (int v = 0; v < SliceData.PairStride; v++)
                {
                    row[6 + v] = FixedPoint.Format(values.Exact((i * SliceData.PairStride) + v));
                }

                yield return row;
            }
        }
    }

    private static string TechnologyName(CollaborationCube cube, int technology) =>
        technology == CollaborationCube.AllTechnologies ? string.Empty : cube.TechnologyArray[technology];

    private static void WriteTable(string path, string[] header, IEnumerable<string[]> rows)
    {
        using var writer = new StreamWriter(path, append: false, s_utf8);
        var line = new StringBuilder();
        writer.Write(FormatRecord(line, header));
        foreach (var row in rows)
        {
            writer.Write(FormatRecord(line, row));
        }
    }

    private static async Task WriteTableAsync(string path, string[] header, IEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(path, append: false, s_utf8);
        await using (writer.ConfigureAwait(false))
        {
            var line = new StringBuilder();
            await writer.WriteAsync(FormatRecord(line, header).AsMemory(), cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                await writer.WriteAsync(FormatRecord(line, row).AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One RFC 4180 record ending in "\n": fields with a comma, a quote or a line break are quoted.</summary>
    private static string FormatRecord(StringBuilder line, string[] fields)
    {
        line.Clear();
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(field);
            }
        }

        return line.Append('\n').ToString();
    }

    private static void ReadTable(string path, string[] header, Action<Row> onRow)
    {
        using var reader = OpenReader(path);
        var name = Path.GetFileName(path);
        var records = new CsvRecordReader(reader, name);
        CheckHeader(name, header, records.Next());
        while (records.Next() is { } record)
        {
            onRow(new Row(name, records.Line, header, record));
        }
    }

    private static async Task ReadTableAsync(string path, string[] header, Action<Row> onRow, CancellationToken cancellationToken)
    {
        // The tables are read through a buffered reader; the asynchronous twin loads each table first.
        string text;
        using (var reader = OpenReader(path))
        {
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        using var stringReader = new StringReader(text);
        var name = Path.GetFileName(path);
        var records = new CsvRecordReader(stringReader, name);
        CheckHeader(name, header, records.Next());
        while (records.Next() is { } record)
        {
            cancellationToken.ThrowIfCancellationRequested();
            onRow(new Row(name, records.Line, header, record));
        }
    }

    private static StreamReader OpenReader(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The cube table '{path}' is missing: a cube written by ToCsv has {MetaFile}, {SlicesFile}, {UnitsFile} and {PairsFile}.", path);
        }

        return new StreamReader(path, s_utf8);
    }

    private static void CheckHeader(string file, string[] expected, string[]? actual)
    {
        if (actual is null || !actual.AsSpan().SequenceEqual(expected))
        {
            throw new FormatException($"{file}, line 1: expected the header '{string.Join(',', expected)}', found '{(actual is null ? "nothing" : string.Join(',', actual))}'.");
        }
    }

    /// <summary>One record of a table, with what an error message needs.</summary>
    private readonly struct Row(string file, long line, string[] header, string[] fields)
    {
        public string Text(int field)
        {
            if (field >= fields.Length)
            {
                throw Error(field, "missing");
            }

            return fields[field];
        }

        public int Int(int field) =>
            int.TryParse(Text(field), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw Error(field, $"'{fields[field]}' is not an integer");

        public long Long(int field) =>
            long.TryParse(Text(field), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : throw Error(field, $"'{fields[field]}' is not an integer");

        /// <summary>A number as written by <see cref="FixedPoint.Format"/>, read exactly.</summary>
        public Fixed128 Exact(int field)
        {
            var text = Text(field);
            try
            {
                if (text.Length > 0)
                {
                    return FixedPoint.Parse(text);
                }
            }
            catch (FormatException)
            {
            }

            throw Error(field, $"'{fields[field]}' is not a finite number");
        }

        public FormatException Error(int field, string message) =>
            new($"{file}, line {line}, field {(field < header.Length ? header[field] : field.ToString(CultureInfo.InvariantCulture))}: {message}.");

        public T Parse<T>(int field, Func<string, T> parse)
        {
            try
            {
                return parse(Text(field));
            }
            catch (FormatException e)
            {
                throw Error(field, e.Message.TrimEnd('.'));
            }
        }
    }

    private sealed class ReadState
    {
        private readonly CubeAssembler _assembler = new();
        private readonly Dictionary<string, string> _meta = new(StringComparer.Ordinal);
        private readonly List<UnitGroup> _groups = [];
        private readonly Fixed128[] _values = new Fixed128[SliceData.UnitStride];
        private AggregationOptions? _options;

        public void Meta(Row row)
        {
            var key = row.Text(0);
            var value = row.Text(1);
            if (key == "group")
            {
                int at = value.LastIndexOf('=');
                if (at <= 0)
                {
                    throw row.Error(1, $"'{value}' is not 'name=member member ...'");
                }

                var name = value[..at];
                var members = new List<Country>();
                foreach (var code in value[(at + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    members.Add(row.Parse(1, _ => CubeFormat.ParseMember(code, name)));
                }

                _groups.Add(new UnitGroup(name, members));
            }
            else if (!_meta.TryAdd(key, value))
            {
                throw row.Error(0, $"'{key}' appears twice");
            }
        }

        public void CheckMeta()
        {
            CubeFormat.CheckVersion(
                _meta.GetValueOrDefault("format"),
                int.TryParse(_meta.GetValueOrDefault("version"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int version) ? version : 0,
                MetaFile);
            _options = new AggregationOptions
            {
                Level = CubeFormat.ParseLevel(Required("level")),
                Territory = CubeFormat.ParseTerritory(Required("territory")),
                Technologies = CubeFormat.ParseAssignment(Required("technologies")),
                ByTechnology = Required("by_technology") switch
                {
                    "true" => true,
                    "false" => false,
                    var other => throw new FormatException($"{MetaFile}: by_technology is '{other}'; expected true or false."),
                },
                UnknownAuthors = CubeFormat.ParseUnknown(Required("unknown_authors")),
                Groups = _groups,
            };
        }

        public void Slice(Row row) =>
            _assembler.AddTotals(row.Int(0), Technology(row), row.Exact(2), row.Exact(3), row.Exact(4));

        public void Unit(Row row)
        {
            var unit = row.Parse(3, code => Aggregation.Unit.Create(CubeFormat.ParseKind(row.Text(2)), code, row.Text(4)));
            for (int v = 0; v < SliceData.UnitStride; v++)
            {
                _values[v] = row.Exact(5 + v);
            }

            _assembler.AddUnit(row.Int(0), Technology(row), unit, _values);
        }

        public void Pair(Row row)
        {
            var a = row.Parse(3, code => Aggregation.Unit.Create(CubeFormat.ParseKind(row.Text(2)), code));
            var b = row.Parse(5, code => Aggregation.Unit.Create(CubeFormat.ParseKind(row.Text(4)), code));
            for (int v = 0; v < SliceData.PairStride; v++)
            {
                _values[v] = row.Exact(6 + v);
            }

            row.Parse(5, _ =>
            {
                _assembler.AddPair(row.Int(0), Technology(row), a, b, _values.AsSpan(0, SliceData.PairStride));
                return 0;
            });
        }

        public CollaborationCube Build()
        {
            var diagnostics = new CubeDiagnostics(
                Count("publications"),
                Count("publications_counted"),
                Count("publications_without_unit"),
                Count("publications_without_year"),
                Count("authors_without_unit"),
                Count("unresolved_affiliations"));
            var cube = _assembler.Build(_options!, diagnostics);
            CubeValidator.Validate(cube, table => table + ".csv");
            return cube;
        }

        private static string? Technology(Row row)
        {
            var text = row.Text(1);
            return text.Length == 0 ? null : text;
        }

        private string Required(string key) =>
            _meta.TryGetValue(key, out var value) ? value : throw new FormatException($"{MetaFile}: the key '{key}' is missing.");

        private long Count(string key) =>
            long.TryParse(Required(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
                ? value
                : throw new FormatException($"{MetaFile}: '{key}' is not an integer.");
    }
}

/// <summary>Reads RFC 4180 records (quoted fields may hold commas, quotes and line breaks).</summary>
internal sealed class CsvRecordReader(TextReader reader, string file)
{
    private readonly List<string> _fields = [];
    private readonly StringBuilder _field = new();
    private long _nextLine = 1;

    /// <summary>The line the last record started on (1-based).</summary>
    public long Line { get; private set; }

    /// <summary>The next record, or null at the end; blank lines are skipped.</summary>
    public string[]? Next()
    {
        while (true)
        {
            int c = reader.Read();
            if (c < 0)
            {
                return null;
            }

            Line = _nextLine;
            if (c == '\n')
            {
                _nextLine++;
                continue;
            }

            if (c == '\r')
            {
                continue;
            }

            return ReadRecord(c);
        }
    }

    private string[] ReadRecord(int c)
    {
        _fields.Clear();
        _field.Clear();
        bool quoted = false, wasQuoted = false;
        while (true)
        {
            if (quoted)
            {
                if (c < 0)
                {
                    throw new FormatException($"{file}, line {Line}: a quoted field is not closed.");
                }

                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _nextLine++;
                    }

                    _field.Append((char)c);
                }
            }
            else if (c == '"' && _field.Length == 0 && !wasQuoted)
            {
                quoted = wasQuoted = true;
            }
            else if (c == ',')
            {
                _fields.Add(_field.ToString());
                _field.Clear();
                wasQuoted = false;
            }
            else if (c is '\n' or -1)
            {
                if (c == '\n')
                {
                    _nextLine++;
                }

                _fields.Add(_field.ToString());
                return [.. _fields];
            }
            else if (c != '\r')
            {
                _field.Append((char)c);
            }

            c = reader.Read();
        }
    }
}
