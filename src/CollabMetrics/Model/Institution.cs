using CollabMetrics.Geography;

namespace CollabMetrics.Model;

/// <summary>An institution interned by a corpus: the institution level works like the country level.</summary>
/// <param name="Id">The source id (OpenAlex, ROR, ...), or null when the source gives only a name.</param>
/// <param name="Name">The name, or null.</param>
/// <param name="Country">The country of the first affiliation seen with this institution.</param>
public sealed record Institution(string? Id, string? Name, Country Country)
{
    /// <summary>The id, else the name.</summary>
    public string Key => Id ?? Name ?? string.Empty;

    /// <summary>The name, else the id.</summary>
    public override string ToString() => Name ?? Id ?? string.Empty;
}
