namespace CollabMetrics.Geography;

/// <summary>One row of the ISO 3166-1 table.</summary>
internal sealed record IsoCountryEntry(
    string Alpha2, string Alpha3, string Numeric, string Name, string? CommonName, string? OfficialName);
