namespace CollabMetrics.Geography;

/// <summary>
/// How territories whose status differs between sources are counted. Applied after an address has been
/// resolved, when publications are aggregated; the corpus always keeps the resolved ISO code.
/// </summary>
/// <remarks>England, Scotland, Wales and Northern Ireland are always the United Kingdom (GB), under every policy.</remarks>
public enum TerritoryPolicy
{
    /// <summary>The default: China (CN), Hong Kong (HK), Macao (MO) and Taiwan (TW) are four separate units.</summary>
    Iso3166 = 0,

    /// <summary>As the CWTS Leiden Ranking: Hong Kong and Macao count as China; Taiwan is separate.</summary>
    ChinaWithHongKongMacao = 1,

    /// <summary>
    /// Greater China: Hong Kong, Macao and Taiwan all count as China. (bibliometrix merges Taiwan into China only;
    /// no policy here reproduces that.)
    /// </summary>
    GreaterChina = 2,
}

/// <summary>
/// Applies a <see cref="TerritoryPolicy"/> to countries, and names the policies as the command line, cube files
/// and result metadata spell them: <c>iso</c>, <c>leiden</c>, <c>greater-china</c>.
/// </summary>
/// <example>
/// <code>
/// TerritoryPolicy policy = TerritoryPolicies.Parse("greater-china");
/// Country unit = policy.Apply(Country.Taiwan);   // CN
/// </code>
/// </example>
public static class TerritoryPolicies
{
    private static readonly EnumNameTable<TerritoryPolicy> s_names = new(
        "territory policy",
        (TerritoryPolicy.Iso3166, "iso"),
        (TerritoryPolicy.ChinaWithHongKongMacao, "leiden"),
        (TerritoryPolicy.GreaterChina, "greater-china"));

    /// <summary>Every policy, in declaration order.</summary>
    public static IReadOnlyList<TerritoryPolicy> All => s_names.Values;

    /// <summary>Every name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames => s_names.Names;

    /// <summary>The unit that <paramref name="country"/> counts as under <paramref name="policy"/>.</summary>
    /// <example><code>TerritoryPolicy.GreaterChina.Apply(Country.Taiwan) // CN</code></example>
    public static Country Apply(this TerritoryPolicy policy, Country country)
    {
        switch (policy)
        {
            case TerritoryPolicy.Iso3166:
                return country;
            case TerritoryPolicy.ChinaWithHongKongMacao:
                return country == Country.HongKong || country == Country.Macao ? Country.China : country;
            case TerritoryPolicy.GreaterChina:
                return country == Country.HongKong || country == Country.Macao || country == Country.Taiwan ? Country.China : country;
            default:
                throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown territory policy.");
        }
    }

    /// <summary>
    /// A table from <see cref="Country.Id"/> to the id of the unit it counts as, for hot loops. Index 0
    /// (<see cref="Country.Unknown"/>) maps to 0.
    /// </summary>
    internal static ushort[] MapTable(this TerritoryPolicy policy)
    {
        var table = new ushort[Country.MaxId + 1];
        for (int id = 1; id <= Country.MaxId; id++)
        {
            table[id] = (ushort)policy.Apply(Country.FromIdUnchecked(id)).Id;
        }

        return table;
    }

    /// <summary>The name used by the command-line tool, cube files and result metadata: iso, leiden or greater-china.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToName(this TerritoryPolicy policy) => s_names.ToName(policy, nameof(policy));

    /// <summary>Reads a name (<c>iso</c>, <c>leiden</c>, <c>greater-china</c>), ignoring case, hyphens, underscores and spaces; the C# name is accepted too.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">Not a policy; the message lists the names.</exception>
    public static TerritoryPolicy Parse(string name) => s_names.Parse(name);

    /// <summary>Tries to read a name (see <see cref="Parse"/>).</summary>
    public static bool TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? name, out TerritoryPolicy policy) =>
        s_names.TryParse(name, out policy);
}
