using System.Text.Json;
using CollabMetrics.Geography;

namespace CollabMetrics.Aggregation;

/// <summary>
/// The JSON format of a <see cref="CollaborationCube"/> (version <see cref="CollaborationCube.FormatVersion"/>):
/// <c>{"format":"collabmetrics-cube","version":1,"options":{...},"diagnostics":{...},"technologies":[...],
/// "units":[{"kind","code","label"}...],"cells":[{"year","technology","n","nInternational","links",
/// "units":[[unit,P,F,E,I,C,SCP,MCP]...],"pairs":[[a,b,Full,CountrySet,Author,AuthorRefined,NatureIndex]...]}...]}</c>
/// where unit numbers index <c>units</c> (sorted) and a null technology is the all-technologies cell.
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
        foreach (var ((year, technology), cell) in SortedCells(cube))
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

            writer.WriteNumber("n", cell.N);
            writer.WriteNumber("nInternational", cell.NInternational);
            writer.WriteNumber("links", cell.Links);
            writer.WriteStartArray("units");
            for (int i = 0; i < cell.UnitIndex.Length; i++)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(cell.UnitIndex[i]);
                for (int v = 0; v < SliceData.UnitStride; v++)
                {
                    writer.WriteNumberValue(cell.UnitValues[(i * SliceData.UnitStride) + v]);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("pairs");
            for (int i = 0; i < cell.PairKeys.Length; i++)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(SliceData.PairFirst(cell.PairKeys[i]));
                writer.WriteNumberValue(SliceData.PairSecond(cell.PairKeys[i]));
                for (int v = 0; v < SliceData.PairStride; v++)
                {
                    writer.WriteNumberValue(cell.PairValues[(i * SliceData.PairStride) + v]);
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
        try
        {
            return FromRoot(document.RootElement);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or ArgumentException)
        {
            throw new FormatException($"The cube JSON does not have the expected shape: {e.Message}", e);
        }
    }

    private static CollaborationCube FromRoot(JsonElement root)
    {
        CubeFormat.CheckVersion(
            root.TryGetProperty("format", out var format) ? format.GetString() : null,
            root.TryGetProperty("version", out var version) ? version.GetInt32() : 0,
            "JSON");

        var o = root.GetProperty("options");
        var groups = new List<UnitGroup>();
        foreach (var group in o.GetProperty("groups").EnumerateArray())
        {
            var name = group.GetProperty("name").GetString()!;
            var members = new List<Country>();
            foreach (var member in group.GetProperty("members").EnumerateArray())
            {
                members.Add(CubeFormat.ParseMember(member.GetString()!, name));
            }

            groups.Add(new UnitGroup(name, members));
        }

        var options = new AggregationOptions
        {
            Level = CubeFormat.ParseLevel(o.GetProperty("level").GetString()!),
            Territory = CubeFormat.ParseTerritory(o.GetProperty("territory").GetString()!),
            Technologies = CubeFormat.ParseAssignment(o.GetProperty("technologies").GetString()!),
            ByTechnology = o.GetProperty("byTechnology").GetBoolean(),
            UnknownAuthors = CubeFormat.ParseUnknown(o.GetProperty("unknownAuthors").GetString()!),
            Groups = groups,
        };

        var d = root.GetProperty("diagnostics");
        var diagnostics = new CubeDiagnostics(
            d.GetProperty("publications").GetInt64(),
            d.GetProperty("publicationsCounted").GetInt64(),
            d.GetProperty("publicationsWithoutUnit").GetInt64(),
            d.GetProperty("publicationsWithoutYear").GetInt64(),
            d.GetProperty("authorsWithoutUnit").GetInt64(),
            d.GetProperty("unresolvedAffiliations").GetInt64());

        var technologies = new List<string>();
        foreach (var technology in root.GetProperty("technologies").EnumerateArray())
        {
            technologies.Add(technology.GetString()!);
        }

        var units = new List<Unit>();
        foreach (var unit in root.GetProperty("units").EnumerateArray())
        {
            units.Add(Unit.Create(
                CubeFormat.ParseKind(unit.GetProperty("kind").GetString()!),
                unit.GetProperty("code").GetString()!,
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
        foreach (var cell in root.GetProperty("cells").EnumerateArray())
        {
            int year = cell.GetProperty("year").GetInt32();
            var technologyElement = cell.GetProperty("technology");
            int technology = technologyElement.ValueKind == JsonValueKind.Null
                ? CollaborationCube.AllTechnologies
                : technologies.BinarySearch(technologyElement.GetString()!, StringComparer.Ordinal);
            if (technologyElement.ValueKind != JsonValueKind.Null && technology < 0)
            {
                throw new FormatException($"A cell of year {year} names technology '{technologyElement.GetString()}', which is not in the technologies list.");
            }

            var unitRows = cell.GetProperty("units");
            var unitIndex = new int[unitRows.GetArrayLength()];
            var unitValues = new double[unitIndex.Length * SliceData.UnitStride];
            int r = 0;
            foreach (var row in unitRows.EnumerateArray())
            {
                unitIndex[r] = CheckedUnit(row[0].GetInt32(), units.Count);
                if (r > 0 && unitIndex[r] <= unitIndex[r - 1])
                {
                    throw new FormatException($"The units of the cell {year}/{technologyElement} are out of order.");
                }

                for (int v = 0; v < SliceData.UnitStride; v++)
                {
                    unitValues[(r * SliceData.UnitStride) + v] = row[v + 1].GetDouble();
                }

                r++;
            }

            var pairRows = cell.GetProperty("pairs");
            var pairKeys = new long[pairRows.GetArrayLength()];
            var pairValues = new double[pairKeys.Length * SliceData.PairStride];
            r = 0;
            foreach (var row in pairRows.EnumerateArray())
            {
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
                    pairValues[(r * SliceData.PairStride) + v] = row[v + 2].GetDouble();
                }

                r++;
            }

            var data = new SliceData(
                cell.GetProperty("n").GetDouble(),
                cell.GetProperty("nInternational").GetDouble(),
                cell.GetProperty("links").GetDouble(),
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
