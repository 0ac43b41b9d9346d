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

    /// <summary>As bibliometrix: Hong Kong, Macao and Taiwan count as China.</summary>
    GreaterChina = 2,
}

/// <summary>Applies a <see cref="TerritoryPolicy"/> to countries.</summary>
public static class TerritoryPolicyExtensions
{
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

    /// <summary>The short name used by the command-line tool and in result metadata: iso, leiden or greater-china.</summary>
    public static string ToShortName(this TerritoryPolicy policy) => policy switch
    {
        TerritoryPolicy.Iso3166 => "iso",
        TerritoryPolicy.ChinaWithHongKongMacao => "leiden",
        TerritoryPolicy.GreaterChina => "greater-china",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown territory policy."),
    };
}
