using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CollabMetrics.Aggregation;
using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics.Cli.Commands;

/// <summary>
/// A <c>.cube</c> file: gzip-compressed UTF-8 text, one header line of JSON (the file format and its version, the
/// tool's version and the build options: technology filter, reading options that change what is counted, the
/// document filter, the technology map, and each input file with its size, a fingerprint of its first 64 KiB and the
/// years read from it), then the cube in the
/// library's JSON format (<see cref="CollaborationCube.ToJson(Stream)"/>, with its own version, aggregation options
/// and diagnostics). Loading checks both and names the file in every error.
/// </summary>
/// <param name="Cube">The cube.</param>
/// <param name="Build">How it was built.</param>
internal sealed record CubeFile(CollaborationCube Cube, CubeBuild Build)
{
    /// <summary>The value of the header's <c>format</c> field.</summary>
    public const string FormatName = "collabmetrics-cube-file";

    /// <summary>
    /// The version of the file layout this tool writes and reads. Version 2 records the document filter and the
    /// technology map in the header; version 1 files, which do not, are refused with a request to build them again.
    /// </summary>
    public const int FormatVersion = 2;

    private const int MaxHeaderBytes = 256 << 20;

    /// <summary>Writes the file (replacing it, creating its folder).</summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Written next to the target and moved over it: a failed write never leaves a half cube under the name.
        var temporary = path + ".partial";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            using (var header = new Utf8JsonWriter(gzip))
            {
                header.WriteStartObject();
                header.WriteString("format", FormatName);
                header.WriteNumber("version", FormatVersion);
                header.WriteString("tool", CliApp.Version);
                Build.Write(header);
                header.WriteEndObject();
            }

            gzip.WriteByte((byte)'\n');
            Cube.ToJson(gzip);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a cube file; anything else (another file, a damaged or truncated cube, a newer version) is an input error naming the file.</summary>
    /// <param name="path">The absolute path.</param>
    /// <param name="shown">The name to show in messages (as the user gave it).</param>
    public static CubeFile Load(string path, string shown)
    {
        try
        {
            using var file = File.OpenRead(path);
            int b0 = file.ReadByte(), b1 = file.ReadByte();
            if (b0 != 0x1f || b1 != 0x8b)
            {
                throw Foreign(shown, "it is not gzip-compressed");
            }

            file.Position = 0;
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var buffered = new BufferedStream(gzip, 1 << 16);
            var header = ReadHeader(buffered, shown);
            var build = ParseHeader(header, shown);
            CollaborationCube cube;
            try
            {
                cube = CollaborationCube.FromJson(buffered);
            }
            catch (FormatException ex)
            {
                throw new CliInputException($"{shown}: damaged cube: {ex.Message}", ex);
            }

            return new CubeFile(cube, build);
        }
        catch (InvalidDataException ex)
        {
            throw new CliInputException($"{shown}: damaged cube file (the compressed data is corrupt: {ex.Message})", ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new CliInputException($"{shown}: damaged cube file (it ends too early, as if truncated).", ex);
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw new CliInputException($"{shown}: cannot read the cube file: {ex.Message}", ex);
        }
    }

    private static byte[] ReadHeader(Stream stream, string shown)
    {
        using var header = new MemoryStream();
        while (true)
        {
            int b = stream.ReadByte();
            if (b < 0)
            {
                throw new CliInputException($"{shown}: damaged cube file (it ends inside its header, as if truncated).");
            }

            if (b == '\n')
            {
                return header.ToArray();
            }

            if (header.Length >= MaxHeaderBytes)
            {
                throw Foreign(shown, "its first line is not a cube header");
            }

            header.WriteByte((byte)b);
        }
    }

    private static CubeBuild ParseHeader(byte[] header, string shown)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException)
        {
            throw Foreign(shown, "its header is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                || format.GetString() != FormatName)
            {
                throw Foreign(shown, "its header does not name the cube file format");
            }

            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out int number))
            {
                throw new CliInputException($"{shown}: damaged cube file header: 'version' is missing or not a whole number.");
            }

            if (number != FormatVersion)
            {
                throw new CliInputException(
                    $"{shown}: cube file version {number.ToString(CultureInfo.InvariantCulture)} cannot be read by this tool (it reads version {FormatVersion.ToString(CultureInfo.InvariantCulture)}); build the cube again with this version.");
            }

            try
            {
                return CubeBuild.Read(root);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException)
            {
                throw new CliInputException($"{shown}: damaged cube file header: {ex.Message}", ex);
            }
        }
    }

    private static CliInputException Foreign(string shown, string why) =>
        new($"{shown}: not a CollabMetrics cube file ({why}); make one with 'collabmetrics cube build'.");
}

/// <summary>
/// The options a cube was built with, besides the cube's own aggregation options: the <c>--technology</c> filter,
/// the reading options that change what is counted, and the input files with the years read from each.
/// </summary>
/// <param name="Technologies">The <c>--technology</c> labels, sorted ordinally; empty for all publications.</param>
/// <param name="ResolveRawAffiliations">Whether raw affiliation strings were resolved (no <c>--no-raw-affiliations</c>).</param>
/// <param name="Limits">The record limits.</param>
/// <param name="Inputs">The input files.</param>
internal sealed record CubeBuild(IReadOnlyList<string> Technologies, bool ResolveRawAffiliations, ReadLimits Limits, IReadOnlyList<CubeInput> Inputs)
{
    /// <summary>The document filter: <c>--types</c>, <c>--include-retracted</c>, <c>--include-paratext</c>, <c>--max-authors</c>.</summary>
    public CubeDocuments Documents { get; init; } = CubeDocuments.Default;

    /// <summary>The <c>--technology-map</c> with its topic options, or null for the labels the inputs carry.</summary>
    public CubeTechnologyMap? TechnologyMap { get; init; }

    /// <summary>The build options of <paramref name="input"/>'s files.</summary>
    public static CubeBuild From(InputSettings input)
    {
        var inputs = new List<CubeInput>(input.Paths.Count);
        foreach (var path in input.Paths)
        {
            inputs.Add(CubeInput.Of(path, input.Years));
        }

        return new CubeBuild(Sorted(input.Technologies), input.ResolveRawAffiliations, input.Limits, inputs)
        {
            Documents = CubeDocuments.Of(input.Types, input.Documents),
            TechnologyMap = input.TechnologyMapPath is { } map && input.TechnologyMap is { } mapping ? CubeTechnologyMap.Of(map, mapping) : null,
        };
    }

    /// <summary>"document filter: ...; technology map: ...", for the summary of a command that reads the cube.</summary>
    public string DescribeSelection() =>
        $"document filter: {Documents.Describe()}; technology map: {(TechnologyMap is { } map ? map.Describe() : "none (the labels the inputs carry)")}";

    /// <summary>
    /// The differences between two builds that forbid a merge, one phrase each ("technology filter: (none) vs AI"):
    /// the counts of the two cubes would not be counts of the same question.
    /// </summary>
    public IReadOnlyList<string> Differences(CubeBuild other)
    {
        var differences = new List<string>();
        if (!Technologies.SequenceEqual(other.Technologies, StringComparer.Ordinal))
        {
            differences.Add($"--technology {Describe(Technologies)} vs {Describe(other.Technologies)}");
        }

        if (ResolveRawAffiliations != other.ResolveRawAffiliations)
        {
            differences.Add($"raw affiliations {(ResolveRawAffiliations ? "resolved" : "not resolved (--no-raw-affiliations)")} vs {(other.ResolveRawAffiliations ? "resolved" : "not resolved (--no-raw-affiliations)")}");
        }

        void Limit(string name, long x, long y)
        {
            if (x != y)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {x} vs {y}"));
            }
        }

        differences.AddRange(Documents.Differences(other.Documents));
        var (map, otherMap) = (TechnologyMap, other.TechnologyMap);
        if (map is null != otherMap is null || (map is not null && otherMap is not null && !string.Equals(map.Sha256, otherMap.Sha256, StringComparison.Ordinal)))
        {
            differences.Add($"--technology-map {map?.Describe() ?? "(none)"} vs {otherMap?.Describe() ?? "(none)"}");
        }
        else if (map is not null && otherMap is not null)
        {
            if (map.PrimaryTopicOnly != otherMap.PrimaryTopicOnly)
            {
                differences.Add($"--primary-topic-only {(map.PrimaryTopicOnly ? "yes" : "no")} vs {(otherMap.PrimaryTopicOnly ? "yes" : "no")}");
            }

            if (map.MinTopicScore != otherMap.MinTopicScore)
            {
                differences.Add($"--min-topic-score {CubeTechnologyMap.Score(map.MinTopicScore)} vs {CubeTechnologyMap.Score(otherMap.MinTopicScore)}");
            }
        }

        Limit("--max-record-size", Limits.MaxRecordBytes, other.Limits.MaxRecordBytes);
        Limit("--max-field-size", Limits.MaxFieldBytes, other.Limits.MaxFieldBytes);
        Limit("--max-record-authors", Limits.MaxAuthors, other.Limits.MaxAuthors);
        Limit("--max-affiliations", Limits.MaxAffiliations, other.Limits.MaxAffiliations);
        Limit("--max-json-depth", Limits.MaxJsonDepth, other.Limits.MaxJsonDepth);
        return differences;
    }

    /// <summary>The first input read by both builds for overlapping years (its works would be counted twice), or null.</summary>
    public (CubeInput Mine, CubeInput Theirs)? Overlap(CubeBuild other)
    {
        foreach (var mine in Inputs)
        {
            foreach (var theirs in other.Inputs)
            {
                if (mine.SameContent(theirs) && mine.YearsOverlap(theirs))
                {
                    return (mine, theirs);
                }
            }
        }

        return null;
    }

    /// <summary>The build of the merge: the same options, the inputs of both.</summary>
    public CubeBuild Merge(CubeBuild other) => this with { Inputs = [.. Inputs, .. other.Inputs] };

    /// <summary>"(none)" or "AI, Quantum".</summary>
    public static string Describe(IReadOnlyList<string> technologies) =>
        technologies.Count == 0 ? "(none)" : string.Join(", ", technologies.Select(t => $"'{t}'"));

    /// <summary>The labels, distinct and sorted ordinally.</summary>
    public static string[] Sorted(IEnumerable<string> technologies) => [.. technologies.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("build");
        writer.WriteStartArray("technologies");
        foreach (var technology in Technologies)
        {
            writer.WriteStringValue(technology);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("rawAffiliations", ResolveRawAffiliations);
        writer.WriteStartObject("limits");
        writer.WriteNumber("maxRecordBytes", Limits.MaxRecordBytes);
        writer.WriteNumber("maxFieldBytes", Limits.MaxFieldBytes);
        writer.WriteNumber("maxAuthors", Limits.MaxAuthors);
        writer.WriteNumber("maxAffiliations", Limits.MaxAffiliations);
        writer.WriteNumber("maxJsonDepth", Limits.MaxJsonDepth);
        writer.WriteEndObject();
        Documents.Write(writer);
        if (TechnologyMap is { } map)
        {
            map.Write(writer);
        }
        else
        {
            writer.WriteNull("technologyMap");
        }

        writer.WriteStartArray("inputs");
        foreach (var input in Inputs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", input.Name);
            writer.WriteNumber("bytes", input.Bytes);
            writer.WriteString("head", input.Head);
            if (input.Years is { } years)
            {
                writer.WriteNumber("fromYear", years.From);
                writer.WriteNumber("toYear", years.To);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static CubeBuild Read(JsonElement root)
    {
        var build = Property(root, "build", JsonValueKind.Object);
        var technologies = new List<string>();
        foreach (var technology in Property(build, "technologies", JsonValueKind.Array).EnumerateArray())
        {
            technologies.Add(technology.GetString() ?? throw new FormatException("'build.technologies' holds a null."));
        }

        var limitsElement = Property(build, "limits", JsonValueKind.Object);
        var limits = ReadLimits.Default with
        {
            MaxRecordBytes = Property(limitsElement, "maxRecordBytes", JsonValueKind.Number).GetInt32(),
            MaxFieldBytes = Property(limitsElement, "maxFieldBytes", JsonValueKind.Number).GetInt32(),
            MaxAuthors = Property(limitsElement, "maxAuthors", JsonValueKind.Number).GetInt32(),
            MaxAffiliations = Property(limitsElement, "maxAffiliations", JsonValueKind.Number).GetInt32(),
            MaxJsonDepth = Property(limitsElement, "maxJsonDepth", JsonValueKind.Number).GetInt32(),
        };
        var inputs = new List<CubeInput>();
        foreach (var input in Property(build, "inputs", JsonValueKind.Array).EnumerateArray())
        {
            YearRange? years = input.TryGetProperty("fromYear", out var from)
                ? new YearRange(from.GetInt32(), Property(input, "toYear", JsonValueKind.Number).GetInt32())
                : null;
            inputs.Add(new CubeInput(
                Property(input, "name", JsonValueKind.String).GetString()!,
                Property(input, "bytes", JsonValueKind.Number).GetInt64(),
                Property(input, "head", JsonValueKind.String).GetString()!,
                years));
        }

        var map = Property(build, "technologyMap", JsonValueKind.Object, JsonValueKind.Null);
        return new CubeBuild(technologies, Property(build, "rawAffiliations", JsonValueKind.True, JsonValueKind.False).GetBoolean(), limits, inputs)
        {
            Documents = CubeDocuments.Read(Property(build, "documents", JsonValueKind.Object)),
            TechnologyMap = map.ValueKind == JsonValueKind.Null ? null : CubeTechnologyMap.Read(map),
        };
    }

    /// <summary>The property <paramref name="name"/> of <paramref name="element"/>, of one of <paramref name="kinds"/>; otherwise a <see cref="FormatException"/> naming it.</summary>
    internal static JsonElement Property(JsonElement element, string name, params JsonValueKind[] kinds)
    {
        if (!element.TryGetProperty(name, out var value) || !kinds.Contains(value.ValueKind))
        {
            throw new FormatException($"'{name}' is missing or not {kinds[0].ToString().ToLowerInvariant()}.");
        }

        return value;
    }
}

/// <summary>One input file of a build: its name, size, a fingerprint of its first 64 KiB, and the years read from it (null for all).</summary>
/// <param name="Name">The file name, without folders (they differ from machine to machine).</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="Head">The SHA-256 of its first 64 KiB, hexadecimal.</param>
/// <param name="Years">The <c>--years</c> of the build, or null for all years.</param>
internal sealed record CubeInput(string Name, long Bytes, string Head, YearRange? Years)
{
    private const int HeadBytes = 1 << 16;

    /// <summary>The entry of the file at <paramref name="path"/>.</summary>
    public static CubeInput Of(string path, YearRange? years)
    {
        if (path == PublicationReader.StandardInputPath)
        {
            return new CubeInput("-", -1, string.Empty, years);
        }

        using var file = File.OpenRead(path);
        var head = new byte[(int)Math.Min(HeadBytes, file.Length)];
        file.ReadExactly(head);
        return new CubeInput(Path.GetFileName(path), file.Length, Convert.ToHexStringLower(SHA256.HashData(head)), years);
    }

    /// <summary>Whether both entries are the same file (size and first 64 KiB; standard input is never matched).</summary>
    public bool SameContent(CubeInput other) => Bytes >= 0 && Bytes == other.Bytes && string.Equals(Head, other.Head, StringComparison.Ordinal);

    /// <summary>Whether the years read from both overlap (null is every year).</summary>
    public bool YearsOverlap(CubeInput other) =>
        Years is not { } mine || other.Years is not { } theirs || (mine.From <= theirs.To && theirs.From <= mine.To);

    /// <summary>"part_000.gz (years 2005-2010)".</summary>
    public string Describe() => Years is { } years ? $"{Name} (years {years})" : $"{Name} (all years)";
}

/// <summary>
/// The document filter of a build: the <c>--types</c> kept (empty for every type) and the works left out
/// (<see cref="DocumentFilter"/>: retracted, paratext, over <c>--max-authors</c>).
/// </summary>
/// <param name="Types">The types kept, in the order of <see cref="DocumentType"/>; empty for all.</param>
/// <param name="Filter">The works left out.</param>
internal sealed record CubeDocuments(IReadOnlyList<DocumentType> Types, DocumentFilter Filter)
{
    /// <summary>Every type, the library's default filter.</summary>
    public static CubeDocuments Default { get; } = new([], DocumentFilter.Default);

    /// <summary>The filter of <paramref name="types"/> (sorted, distinct) and <paramref name="filter"/>.</summary>
    public static CubeDocuments Of(IEnumerable<DocumentType> types, DocumentFilter filter) => new([.. types.Distinct().Order()], filter);

    /// <summary>"--types article,review" or "every type".</summary>
    public string DescribeTypes() => Types.Count == 0 ? "every type" : $"--types {string.Join(",", Types.Select(t => t.ToName()))}";

    /// <summary>"--types article,review; retracted works left out, paratext left out, at most 100 authors".</summary>
    public string Describe() => $"{DescribeTypes()}; {Filter}";

    /// <summary>Whether <paramref name="types"/> (as given) are the types of this filter.</summary>
    public bool SameTypes(IEnumerable<DocumentType> types) => Types.SequenceEqual(types.Distinct().Order());

    /// <summary>One phrase per difference ("--max-authors 100 vs (no limit)").</summary>
    public IEnumerable<string> Differences(CubeDocuments other)
    {
        if (!Types.SequenceEqual(other.Types))
        {
            yield return $"{DescribeTypes()} vs {other.DescribeTypes()}";
        }

        if (Filter.IncludeRetracted != other.Filter.IncludeRetracted)
        {
            yield return $"retracted works {Kept(Filter.IncludeRetracted)} vs {Kept(other.Filter.IncludeRetracted)}";
        }

        if (Filter.IncludeParatext != other.Filter.IncludeParatext)
        {
            yield return $"paratext {Kept(Filter.IncludeParatext)} vs {Kept(other.Filter.IncludeParatext)}";
        }

        if (Filter.MaxAuthors != other.Filter.MaxAuthors)
        {
            yield return $"--max-authors {MaxAuthors(Filter.MaxAuthors)} vs {MaxAuthors(other.Filter.MaxAuthors)}";
        }

        static string Kept(bool included) => included ? "kept" : "left out";
        static string MaxAuthors(int? max) => max is { } m ? m.ToString(CultureInfo.InvariantCulture) : "(no limit)";
    }

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("documents");
        writer.WriteStartArray("types");
        foreach (var type in Types)
        {
            writer.WriteStringValue(type.ToName());
        }

        writer.WriteEndArray();
        writer.WriteBoolean("includeRetracted", Filter.IncludeRetracted);
        writer.WriteBoolean("includeParatext", Filter.IncludeParatext);
        if (Filter.MaxAuthors is { } max)
        {
            writer.WriteNumber("maxAuthors", max);
        }
        else
        {
            writer.WriteNull("maxAuthors");
        }

        writer.WriteEndObject();
    }

    internal static CubeDocuments Read(JsonElement element)
    {
        var types = new List<DocumentType>();
        foreach (var type in CubeBuild.Property(element, "types", JsonValueKind.Array).EnumerateArray())
        {
            var name = type.ValueKind == JsonValueKind.String ? type.GetString()! : throw new FormatException("'documents.types' holds a value that is not a string.");
            types.Add(DocumentTypes.TryParse(name, out var value) ? value : throw new FormatException($"'documents.types': '{name}' is not a document type."));
        }

        var max = CubeBuild.Property(element, "maxAuthors", JsonValueKind.Number, JsonValueKind.Null);
        int? maxAuthors = max.ValueKind == JsonValueKind.Null ? null : max.GetInt32();
        if (maxAuthors is < 1)
        {
            throw new FormatException("'documents.maxAuthors' is below 1.");
        }

        return Of(types, DocumentFilter.Default with
        {
            IncludeRetracted = CubeBuild.Property(element, "includeRetracted", JsonValueKind.True, JsonValueKind.False).GetBoolean(),
            IncludeParatext = CubeBuild.Property(element, "includeParatext", JsonValueKind.True, JsonValueKind.False).GetBoolean(),
            MaxAuthors = maxAuthors,
        });
    }
}

/// <summary>
/// The technology map of a build: the map file's name (without folders) and the SHA-256 of its content, which decides
/// whether two maps are the same, and the topic options it was read with.
/// </summary>
/// <param name="Name">The map file's name.</param>
/// <param name="Sha256">The SHA-256 of the map file's bytes, hexadecimal.</param>
/// <param name="PrimaryTopicOnly">Whether only the primary topic counted (<c>--primary-topic-only</c>).</param>
/// <param name="MinTopicScore">The lowest topic score that counted (<c>--min-topic-score</c>), or null.</param>
internal sealed record CubeTechnologyMap(string Name, string Sha256, bool PrimaryTopicOnly, double? MinTopicScore)
{
    /// <summary>The entry of the map file at <paramref name="path"/>, read with <paramref name="mapping"/>'s options.</summary>
    public static CubeTechnologyMap Of(string path, TechnologyMapping mapping)
    {
        using var file = File.OpenRead(path);
        return new CubeTechnologyMap(Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(file)), mapping.PrimaryTopicOnly, mapping.MinTopicScore);
    }

    /// <summary>"map.csv (sha256 0123456789ab...), primary topic only, min topic score 0.5".</summary>
    public string Describe()
    {
        var text = $"{Name} (sha256 {Sha256[..Math.Min(12, Sha256.Length)]}...)";
        if (PrimaryTopicOnly)
        {
            text += ", primary topic only";
        }

        if (MinTopicScore is { } score)
        {
            text += $", min topic score {Score(score)}";
        }

        return text;
    }

    /// <summary>A topic score as the option takes it, or "(none)".</summary>
    public static string Score(double? score) => score is { } s ? s.ToString("R", CultureInfo.InvariantCulture) : "(none)";

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("technologyMap");
        writer.WriteString("name", Name);
        writer.WriteString("sha256", Sha256);
        writer.WriteBoolean("primaryTopicOnly", PrimaryTopicOnly);
        if (MinTopicScore is { } score)
        {
            writer.WriteNumber("minTopicScore", score);
        }
        else
        {
            writer.WriteNull("minTopicScore");
        }

        writer.WriteEndObject();
    }

    internal static CubeTechnologyMap Read(JsonElement element)
    {
        var score = CubeBuild.Property(element, "minTopicScore", JsonValueKind.Number, JsonValueKind.Null);
        return new CubeTechnologyMap(
            CubeBuild.Property(element, "name", JsonValueKind.String).GetString()!,
            CubeBuild.Property(element, "sha256", JsonValueKind.String).GetString()!,
            CubeBuild.Property(element, "primaryTopicOnly", JsonValueKind.True, JsonValueKind.False).GetBoolean(),
            score.ValueKind == JsonValueKind.Null ? null : score.GetDouble());
    }
}
