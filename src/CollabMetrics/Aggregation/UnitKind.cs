namespace CollabMetrics.Aggregation;

/// <summary>The kind of a <see cref="Unit"/>. Units sort by kind first, in this order.</summary>
public enum UnitKind
{
    /// <summary>A country (ISO 3166-1 alpha-2 code), after the territory policy.</summary>
    Country = 0,

    /// <summary>A canonical institution (its id, else its name).</summary>
    Institution = 1,

    /// <summary>A virtual unit made of several countries (<see cref="UnitGroup"/>).</summary>
    Group = 2,

    /// <summary>Authors with no resolved unit, under <see cref="UnknownAuthorPolicy.AsUnknownUnit"/>.</summary>
    Unknown = 3,
}
