using CollabMetrics.Geography;

namespace CollabMetrics.Aggregation;

/// <summary>Names shared by the JSON and CSV formats of a cube.</summary>
internal static class CubeFormat
{
    internal const string Name = "collabmetrics-cube";

    internal static string KindName(UnitKind kind) => kind switch
    {
        UnitKind.Country => "country",
        UnitKind.Institution => "institution",
        UnitKind.Group => "group",
        UnitKind.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown unit kind."),
    };

    internal static UnitKind ParseKind(string text) => text switch
    {
        "country" => UnitKind.Country,
        "institution" => UnitKind.Institution,
        "group" => UnitKind.Group,
        "unknown" => UnitKind.Unknown,
        _ => throw new FormatException($"'{text}' is not a unit kind; expected country, institution, group or unknown."),
    };

    internal static string LevelName(UnitLevel level) => level == UnitLevel.Country ? "country" : "institution";

    internal static UnitLevel ParseLevel(string text) => text switch
    {
        "country" => UnitLevel.Country,
        "institution" => UnitLevel.Institution,
        _ => throw new FormatException($"'{text}' is not a level; expected country or institution."),
    };

    internal static TerritoryPolicy ParseTerritory(string text) => text switch
    {
        "iso" => TerritoryPolicy.Iso3166,
        "leiden" => TerritoryPolicy.ChinaWithHongKongMacao,
        "greater-china" => TerritoryPolicy.GreaterChina,
        _ => throw new FormatException($"'{text}' is not a territory policy; expected iso, leiden or greater-china."),
    };

    internal static string AssignmentName(TechnologyAssignment assignment) => assignment == TechnologyAssignment.Whole ? "whole" : "fractional";

    internal static TechnologyAssignment ParseAssignment(string text) => text switch
    {
        "whole" => TechnologyAssignment.Whole,
        "fractional" => TechnologyAssignment.Fractional,
        _ => throw new FormatException($"'{text}' is not a technology assignment; expected whole or fractional."),
    };

    internal static string UnknownName(UnknownAuthorPolicy policy) => policy == UnknownAuthorPolicy.Exclude ? "exclude" : "unknown-unit";

    internal static UnknownAuthorPolicy ParseUnknown(string text) => text switch
    {
        "exclude" => UnknownAuthorPolicy.Exclude,
        "unknown-unit" => UnknownAuthorPolicy.AsUnknownUnit,
        _ => throw new FormatException($"'{text}' is not an unknown-author policy; expected exclude or unknown-unit."),
    };

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

        if (version != CollaborationCube.FormatVersion)
        {
            throw new FormatException($"{where}: cube format version {version} is not supported; this library reads version {CollaborationCube.FormatVersion}. Rebuild the cube or use a matching CollabMetrics version.");
        }
    }
}
