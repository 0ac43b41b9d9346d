using CollabMetrics.Geography;

namespace CollabMetrics.Aggregation;

/// <summary>Names shared by the JSON and CSV formats of a cube.</summary>
internal static class CubeFormat
{
    internal const string Name = "collabmetrics-cube";

    private static readonly EnumNameTable<UnitKind> s_kinds = new(
        "unit kind",
        (UnitKind.Country, "country"),
        (UnitKind.Institution, "institution"),
        (UnitKind.Group, "group"),
        (UnitKind.Unknown, "unknown"));

    internal static string KindName(UnitKind kind) => s_kinds.ToName(kind, nameof(kind));

    internal static UnitKind ParseKind(string text) => s_kinds.Parse(text);

    internal static string LevelName(UnitLevel level) => level.ToName();

    internal static UnitLevel ParseLevel(string text) => UnitLevels.Parse(text);

    internal static TerritoryPolicy ParseTerritory(string text) => TerritoryPolicies.Parse(text);

    internal static string AssignmentName(TechnologyAssignment assignment) => assignment.ToName();

    internal static TechnologyAssignment ParseAssignment(string text) => TechnologyAssignments.Parse(text);

    internal static string UnknownName(UnknownAuthorPolicy policy) => policy.ToName();

    internal static UnknownAuthorPolicy ParseUnknown(string text) => UnknownAuthorPolicies.Parse(text);

    internal static Country ParseMember(string code, string group) =>
        Country.TryParseAlpha2(code, out var country)
            ? country
            : throw new FormatException($"Group '{group}' has member '{code}', which is not an ISO 3166-1 alpha-2 code.");

    /// <summary>Checks the format name and version of a stored cube.</summary>
    internal static void CheckVersion(string? format, int version, string where)
    {
        if (!string.Equals(format, Name, StringComparison.Ordinal))
        {
            throw new FormatException($"{where}: not a CollabMetrics cube (format '{format}', expected '{Name}').");
        }

        // Version 1 stored plain doubles, which read as version 2 values (each double converted to fixed point).
        if (version is < 1 or > CollaborationCube.FormatVersion)
        {
            throw new FormatException($"{where}: cube format version {version} is not supported; this library reads versions 1 to {CollaborationCube.FormatVersion}. Rebuild the cube or use a matching CollabMetrics version.");
        }
    }
}
