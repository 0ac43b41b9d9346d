using System.Text.Json;
using CollabMetrics.Geography;

namespace CollabMetrics.Aggregation;

/// <summary>
/// The JSON format of a <see cref="CollaborationCube"/> (version <see cref="CollaborationCube.FormatVersion"/>):
/// <c>{"format":"collabmetrics-cube","version":1,"options":{...},"diagnostics":{...},"technologies":[...],
/// "units":[{"kind","code","label"}...],"cells":[{"year","technology","n","nInternational","links",
/// "units":[[unit,P,F,E,I,C,SCP,MCP]...],"pairs":[[a,b,Full,CountrySet,Author,AuthorRefined,NatureIndex]...]}...]}</c>
/// where unit numbers index <c>units</c> (sorted) and a null technology is the all-technologies cell. A value (every
/// number after the unit numbers, and n, nInternational, links) is a <see cref="FixedPoint"/> sum: a number when it is
/// a double exactly, else <c>[d, r]</c>, the nearest double d and the rest r in units of 2^-64 (value =
/// <see cref="FixedPoint.FromDouble"/>(d) + r), so that the exact sums survive a save and a load. Version 1 files hold
/// plain doubles and are read the same way (each double converted), as exact as they were written.
/// </summary>
internal static class CubeJson
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = false, SkipValidation = false };

    internal static void Write(CollaborationCube cube, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, s_writerOptions);
        foreach (var _ in WriteParts(cube, writer))
        {
            if (writer.BytesPending > 1 << 16)
            {
                writer.Flush();
            }
        }

        writer.Flush();
    }

    internal static async Task WriteAsync(CollaborationCube cube, Stream stream, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(stream, s_writerOptions);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var _ in WriteParts(cube, writer))
            {
                if (writer.BytesPending > 1 << 16)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal static CollaborationCube Read(Stream stream)
    {
        using var document = Parse(() => JsonDocument.Parse(stream));
        return FromDocument(document);
    }

    internal static async Task<CollaborationCube> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The cube JSON is malformed: {e.Message}", e);
        }

        using (document)
        {
            return FromDocument(document);
        }
    }

    /// <summary>Writes the cube, yielding after each cell so that the caller can flush.</summary>
    private static IEnumerable<int> WriteParts(CollaborationCube cube, Utf8JsonWriter writer)
    {
        var options = cube.Options;
        writer.WriteStartObject();
        writer.WriteString("format", CubeFormat.Name);
        writer.WriteNumber("version", CollaborationCube.FormatVersion);

        writer.WriteStartObject("options");
        writer.WriteString("level", CubeFormat.LevelName(options.Level));
        writer.WriteString("territory", options.Territory.ToName());
        writer.WriteString("technologies", CubeFormat.AssignmentName(options.Technologies));
        writer.WriteBoolean("byTechnology", options.ByTechnology);
        writer.WriteString("unknownAuthors", CubeFormat.UnknownName(options.UnknownAuthors));
        WriteGroups(writer, options.Groups);
        writer.WriteEndObject();

        var d = cube.Diagnostics;
        writer.WriteStartObject("diagnostics");
        writer.WriteNumber("publications", d.Publications);
        writer.WriteNumber("publicationsCounted", d.PublicationsCounted);
        writer.WriteNumber("publicationsWithoutUnit", d.PublicationsWithoutUnit);
        writer.WriteNumber("publicationsWithoutYear", d.PublicationsWithoutYear);
        writer.WriteNumber("authorsWithoutUnit", d.AuthorsWithoutUnit);
        writer.WriteNumber("unresolvedAffiliations", d.UnresolvedAffiliations);
        writer.WriteEndObject();

        writer.WriteStartArray("technologies");
        foreach (var technology in cube.TechnologyArray)
        {
            writer.WriteStringValue(technology);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("units");
        foreach (var unit in cube.UnitArray)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", CubeFormat.KindName(unit.Kind));
            writer.WriteString("code", unit.Code);
            writer.WriteString("label", unit.Label);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        yield return 0;

        writer.WriteStartArray("cells");
        foreach (var ((year, technology), cell) in cube.SortedCellsOnce())
        {
            writer.WriteStartObject();
            writer.WriteNumber("year", year);
            if (technology == CollaborationCube.AllTechnologies)
            {
                writer.WriteNull("technology");
            }
            else
            {
                writer.WriteString("technology", cube.TechnologyArray[technology]);
            }

            writer.WritePropertyName("n");
            WriteValue(writer, cell.ExactN);
            writer.WritePropertyName("nInternational");
            WriteValue(writer, cell.ExactNInternational);
            writer.WritePropertyName("links");
            WriteValue(writer, cell.ExactLinks);
            writer.WriteStartArray("units");
            var unitValues = new ExactValues.Cursor(cell.Units);
            for (int i = 0; i < cell.UnitIndex.Length; i++)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(cell.UnitIndex[i]);
                for (int v = 0; v < SliceData.UnitStride; v++)
                {
                    WriteValue(writer, unitValues.Exact((i * SliceData.UnitStride) + v));
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("pairs");
            var pairValues = new ExactValues.Cursor(cell.Pairs);
            for (int i = 0; i < cell.PairKeys.Length; i++)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(SliceData.PairFirst(cell.PairKeys[i]));
                writer.WriteNumberValue(SliceData.PairSecond(cell.PairKeys[i]));
                for (int v = 0; v < SliceData.PairStride; v++)
                {
                    WriteValue(writer, pairValues.Exact((i * SliceData.PairStride) + v));
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            yield return 0;
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes a fixed-point value: the double when it is exact, else [nearest double, rest in units of 2^-64].</summary>
    private static void WriteValue(Utf8JsonWriter writer, Fixed128 value)
    {
        double nearest = FixedPoint.ToDouble(value);
        var rest = value - FixedPoint.FromDouble(nearest);
        if (rest == Fixed128.Zero)
        {
            writer.WriteNumberValue(nearest);
            return;
        }

        writer.WriteStartArray();
        writer.WriteNumberValue(nearest);
        if (rest.FitsInt64)
        {
            writer.WriteNumberValue((long)rest);
        }
        else
        {
            writer.WriteRawValue(rest.ToString());
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads a value written by <see cref="WriteValue"/> (or a version 1 double).</summary>
    private static Fixed128 ReadValue(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            return FixedPoint.FromDouble(element.GetDouble());
        }

        if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 2
            && element[0].ValueKind == JsonValueKind.Number && element[1].ValueKind == JsonValueKind.Number
            && System.Numerics.BigInteger.TryParse(element[1].GetRawText(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var rest)
            && rest.GetBitLength() <= 127)
        {
            return FixedPoint.FromDouble(element[0].GetDouble()) + Fixed128.FromBigInteger(rest);
        }

        throw new FormatException($"The cube JSON's '{path}' is {element.ValueKind}: not a count (a number, or [number, whole number]).");
    }

    /// <summary>Cells by year, then technology (all technologies first).</summary>
    internal static List<KeyValuePair<(int Year, int Technology), SliceData>> SortedCells(CollaborationCube cube)
    {
        var cells = new List<KeyValuePair<(int Year, int Technology), SliceData>>(cube.Cells);
        cells.Sort((x, y) => x.Key.CompareTo(y.Key));
        return cells;
    }

    private static JsonDocument Parse(Func<JsonDocument> parse)
    {
        try
        {
            return parse();
        }
        catch (JsonException e)
        {
            throw new FormatException($"The cube JSON is malformed: {e.Message}", e);
        }
    }

    private static CollaborationCube FromDocument(JsonDocument document)
    {
        CollaborationCube cube;
        try
        {
            cube = FromRoot(document.RootElement);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or ArgumentException)
        {
            throw new FormatException($"The cube JSON does not have the expected shape: {e.Message}", e);
        }

        CubeValidator.Validate(cube, _ => "JSON");
        return cube;
    }

    private static CollaborationCube FromRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"The cube JSON is {root.ValueKind}, not an object with the keys format, version, options, diagnostics, technologies, units and cells.");
        }

        CubeFormat.CheckVersion(
            root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String ? format.GetString() : null,
            Int(root, "version", string.Empty),
            "JSON");

        var o = Object(root, "options", string.Empty);
        var groups = new List<UnitGroup>();
        int g = 0;
        foreach (var group in Array(o, "groups", "options").EnumerateArray())
        {
            string path = $"options.groups[{g++}]";
            var name = String(group, "name", path);
            var members = new List<Country>();
            foreach (var member in Array(group, "members", path).EnumerateArray())
            {
                members.Add(CubeFormat.ParseMember(member.ValueKind == JsonValueKind.String ? member.GetString()! : member.GetRawText(), name));
            }

            groups.Add(new UnitGroup(name, members));
        }

        var options = new AggregationOptions
        {
            Level = CubeFormat.ParseLevel(String(o, "level", "options")),
            Territory = CubeFormat.ParseTerritory(String(o, "territory", "options")),
            Technologies = CubeFormat.ParseAssignment(String(o, "technologies", "options")),
            ByTechnology = Bool(o, "byTechnology", "options"),
            UnknownAuthors = CubeFormat.ParseUnknown(String(o, "unknownAuthors", "options")),
            Groups = groups,
        };

        var d = Object(root, "diagnostics", string.Empty);
        var diagnostics = new CubeDiagnostics(
            Count(d, "publications", "diagnostics"),
            Count(d, "publicationsCounted", "diagnostics"),
            Count(d, "publicationsWithoutUnit", "diagnostics"),
            Count(d, "publicationsWithoutYear", "diagnostics"),
            Count(d, "authorsWithoutUnit", "diagnostics"),
            Count(d, "unresolvedAffiliations", "diagnostics"));

        var technologies = new List<string>();
        foreach (var technology in Array(root, "technologies", string.Empty).EnumerateArray())
        {
            technologies.Add(technology.GetString()!);
        }

        var units = new List<Unit>();
        int u = 0;
        foreach (var unit in Array(root, "units", string.Empty).EnumerateArray())
        {
            string path = $"units[{u++}]";
            units.Add(Unit.Create(
                CubeFormat.ParseKind(String(unit, "kind", path)),
                String(unit, "code", path),
                unit.TryGetProperty("label", out var label) ? label.GetString() : null));
        }

        for (int i = 1; i < units.Count; i++)
        {
            if (units[i - 1].CompareTo(units[i]) >= 0)
            {
                throw new FormatException($"The cube JSON lists units out of order or twice ('{units[i - 1]}', '{units[i]}'); units must be sorted and distinct.");
            }
        }

        for (int i = 1; i < technologies.Count; i++)
        {
            if (string.CompareOrdinal(technologies[i - 1], technologies[i]) >= 0)
            {
                throw new FormatException($"The cube JSON lists technologies out of order or twice ('{technologies[i - 1]}', '{technologies[i]}').");
            }
        }

        var cells = new Dictionary<(int Year, int Technology), SliceData>();
        int c = 0;
        foreach (var cell in Array(root, "cells", string.Empty).EnumerateArray())
        {
            string path = $"cells[{c++}]";
            int year = Int(cell, "year", path);
            if (!cell.TryGetProperty("technology", out var technologyElement))
            {
                throw Missing("technology", path);
            }

            int technology = technologyElement.ValueKind == JsonValueKind.Null
                ? CollaborationCube.AllTechnologies
                : technologies.BinarySearch(technologyElement.GetString()!, StringComparer.Ordinal);
            if (technologyElement.ValueKind != JsonValueKind.Null && technology < 0)
            {
                throw new FormatException($"{path} (year {year}) names technology '{technologyElement.GetString()}', which is not in the technologies list.");
            }

            var unitRows = Array(cell, "units", path);
            var unitIndex = new int[unitRows.GetArrayLength()];
            var unitValues = new Fixed128[unitIndex.Length * SliceData.UnitStride];
            int r = 0;
            foreach (var row in unitRows.EnumerateArray())
            {
                CheckRow(row, 1 + SliceData.UnitStride, $"{path}.units[{r}]", "[unit, P, F, E, I, C, SCP, MCP]");
                unitIndex[r] = CheckedUnit(row[0].GetInt32(), units.Count);
                if (r > 0 && unitIndex[r] <= unitIndex[r - 1])
                {
                    throw new FormatException($"The units of the cell {year}/{technologyElement} are out of order.");
                }

                for (int v = 0; v < SliceData.UnitStride; v++)
                {
                    unitValues[(r * SliceData.UnitStride) + v] = ReadValue(row[v + 1], $"{path}.units[{r}][{v + 1}]");
                }

                r++;
            }

            var pairRows = Array(cell, "pairs", path);
            var pairKeys = new long[pairRows.GetArrayLength()];
            var pairValues = new Fixed128[pairKeys.Length * SliceData.PairStride];
            r = 0;
            foreach (var row in pairRows.EnumerateArray())
            {
                CheckRow(row, 2 + SliceData.PairStride, $"{path}.pairs[{r}]", "[a, b, Full, CountrySet, Author, AuthorRefined, NatureIndex]");
                int a = CheckedUnit(row[0].GetInt32(), units.Count), b = CheckedUnit(row[1].GetInt32(), units.Count);
                if (a >= b)
                {
                    throw new FormatException($"A pair of the cell {year}/{technologyElement} is not in (a < b) order.");
                }

                pairKeys[r] = SliceData.PairKey(a, b);
                if (r > 0 && pairKeys[r] <= pairKeys[r - 1])
                {
                    throw new FormatException($"The pairs of the cell {year}/{technologyElement} are out of order.");
                }

                for (int v = 0; v < SliceData.PairStride; v++)
                {
                    pairValues[(r * SliceData.PairStride) + v] = ReadValue(row[v + 2], $"{path}.pairs[{r}][{v + 2}]");
                }

                r++;
            }

            var data = new SliceData(
                Exact(cell, "n", path),
                Exact(cell, "nInternational", path),
                Exact(cell, "links", path),
                unitIndex,
                unitValues,
                pairKeys,
                pairValues);
            if (!cells.TryAdd((year, technology), data))
            {
                throw new FormatException($"The cell {year}/{technologyElement} appears twice.");
            }
        }

        return new CollaborationCube(options, diagnostics, [.. units], [.. technologies], cells);
    }

    private static int CheckedUnit(int index, int count) =>
        (uint)index < (uint)count ? index : throw new FormatException($"Unit number {index} is outside the units list (0..{count - 1}).");

    private static void CheckRow(JsonElement row, int length, string path, string shape)
    {
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != length)
        {
            throw new FormatException($"The cube JSON's '{path}' is not {shape}: {length} numbers.");
        }
    }

    private static JsonElement Property(JsonElement element, string name, string path, JsonValueKind kind)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            throw Missing(name, path);
        }

        if (value.ValueKind != kind && !(kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False))
        {
            throw new FormatException($"The cube JSON's '{Join(path, name)}' is {value.ValueKind}; expected {(kind == JsonValueKind.True ? "true or false" : kind.ToString())}.");
        }

        return value;
    }

    private static JsonElement Object(JsonElement element, string name, string path) => Property(element, name, path, JsonValueKind.Object);

    private static JsonElement Array(JsonElement element, string name, string path) => Property(element, name, path, JsonValueKind.Array);

    private static string String(JsonElement element, string name, string path) => Property(element, name, path, JsonValueKind.String).GetString()!;

    private static bool Bool(JsonElement element, string name, string path) => Property(element, name, path, JsonValueKind.True).GetBoolean();

    private static Fixed128 Exact(JsonElement element, string name, string path) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? ReadValue(value, Join(path, name)) : throw Missing(name, path);

    private static int Int(JsonElement element, string name, string path) =>
        Property(element, name, path, JsonValueKind.Number).TryGetInt32(out int value)
            ? value
            : throw new FormatException($"The cube JSON's '{Join(path, name)}' is not a whole number.");

    private static long Count(JsonElement element, string name, string path) =>
        Property(element, name, path, JsonValueKind.Number).TryGetInt64(out long value) && value >= 0
            ? value
            : throw new FormatException($"The cube JSON's '{Join(path, name)}' is not a non-negative whole number.");

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static FormatException Missing(string name, string path) =>
        new($"The cube JSON has no '{Join(path, name)}': it is not a complete cube of this format.");

    /// <summary>Writes <c>"groups": [{"name", "members": [codes]}]</c>; shared by the cube format and result contexts.</summary>
    internal static void WriteGroups(Utf8JsonWriter writer, IReadOnlyList<UnitGroup> groups)
    {
        writer.WriteStartArray("groups");
        foreach (var group in groups)
        {
            writer.WriteStartObject();
            writer.WriteString("name", group.Name);
            writer.WriteStartArray("members");
            foreach (var member in group.Members)
            {
                writer.WriteStringValue(member.Code);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
