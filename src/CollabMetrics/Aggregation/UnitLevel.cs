namespace CollabMetrics.Aggregation;

/// <summary>What a unit of analysis is: a country or an institution.</summary>
public enum UnitLevel
{
    /// <summary>The default: each affiliation counts for its country, after the <see cref="Geography.TerritoryPolicy"/>.</summary>
    Country = 0,

    /// <summary>Each affiliation counts for its canonical institution (one per institution id, else name).</summary>
    Institution = 1,
}
