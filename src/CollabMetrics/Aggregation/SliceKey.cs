using System.Globalization;

namespace CollabMetrics.Aggregation;

/// <summary>
/// Which part of a <see cref="CollaborationCube"/> to read: a year, a window of years or all years, for one
/// technology or all technologies.
/// </summary>
/// <param name="FromYear">The first year, included; null with <paramref name="ToYear"/> null for all years.</param>
/// <param name="ToYear">The last year, included; null with <paramref name="FromYear"/> null for all years.</param>
/// <param name="Technology">A technology label, or null for all technologies (each publication once).</param>
public readonly record struct SliceKey(int? FromYear, int? ToYear, string? Technology)
{
    /// <summary>One year.</summary>
    public static SliceKey ForYear(int year, string? technology = null) => new(year, year, technology);

    /// <summary>The years from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static SliceKey ForWindow(int from, int to, string? technology = null) => new(from, to, technology);

    /// <summary>All years.</summary>
    public static SliceKey ForAllYears(string? technology = null) => new(null, null, technology);

    /// <summary>Whether the key covers all years.</summary>
    public bool IsAllYears => FromYear is null && ToYear is null;

    /// <summary>"2015-2019", "2019" or "all".</summary>
    public string YearsLabel =>
        IsAllYears ? "all"
        : FromYear == ToYear ? FromYear!.Value.ToString(CultureInfo.InvariantCulture)
        : $"{FromYear?.ToString(CultureInfo.InvariantCulture) ?? "..."}-{ToYear?.ToString(CultureInfo.InvariantCulture) ?? "..."}";

    /// <summary>The technology, or "all".</summary>
    public string TechnologyLabel => Technology ?? "all";

    /// <summary>"2015-2019", or "2015-2019 Quantum computing" with a technology.</summary>
    public override string ToString() => Technology is null ? YearsLabel : $"{YearsLabel} {Technology}";
}
