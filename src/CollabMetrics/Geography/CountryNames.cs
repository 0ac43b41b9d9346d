namespace CollabMetrics.Geography;

/// <summary>
/// The names a user may give a country besides ISO 3166-1 codes and names: common English names and
/// abbreviations (UK, Russia, Turkey, South Korea, DR Congo...), and the names that stand for more than one
/// country (Korea, Congo, Virgin Islands), which are refused with the list of choices. Used by
/// <see cref="Country.Parse(string)"/> and so by every API that takes a country or unit name; the address
/// resolver keeps its own tables (where "Korea" in a Web of Science address means the Republic of Korea).
/// </summary>
internal static class CountryNames
{
    /// <summary>Common names and abbreviations (name, alpha-2 code). Names are compared folded, as <see cref="CountryData.NormalizeName"/> folds them.</summary>
    internal static readonly (string Name, string Code)[] Common =
    [
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("Great Britain", "GB"),
        ("Britain", "GB"),
        ("USA", "US"),
        ("U.S.", "US"),
        ("U.S.A.", "US"),
        ("United States of America", "US"),
        ("America", "US"),
        ("Russia", "RU"),
        ("Turkey", "TR"),
        ("Republic of Korea", "KR"),
        ("Korea, South", "KR"),
        ("Korea, North", "KP"),
        ("DPRK", "KP"),
        ("Vietnam", "VN"),
        ("Czech Republic", "CZ"),
        ("Ivory Coast", "CI"),
        ("Cape Verde", "CV"),
        ("Swaziland", "SZ"),
        ("Burma", "MM"),
        ("Macedonia", "MK"),
        ("Holland", "NL"),
        ("The Netherlands", "NL"),
        ("Vatican", "VA"),
        ("Vatican City", "VA"),
        ("Holy See", "VA"),
        ("Palestine", "PS"),
        ("Micronesia", "FM"),
        ("Brunei", "BN"),
        ("East Timor", "TL"),
        ("Macau", "MO"),
        ("UAE", "AE"),
        ("Emirates", "AE"),
        ("DR Congo", "CD"),
        ("DRC", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("Democratic Republic of Congo", "CD"),
        ("Congo-Kinshasa", "CD"),
        ("Republic of Congo", "CG"),
        ("Congo-Brazzaville", "CG"),
        ("Bosnia", "BA"),
        ("Falkland Islands", "FK"),
        ("Saint Martin", "MF"),
        ("Sint Maarten", "SX"),
        ("British Virgin Islands", "VG"),
        ("US Virgin Islands", "VI"),
        ("Mainland China", "CN"),
        ("People's Republic of China", "CN"),
    ];

    /// <summary>Names that stand for more than one country: parsing them is an error that lists the choices.</summary>
    internal static readonly (string Name, string[] Codes)[] Ambiguous =
    [
        ("Korea", ["KR", "KP"]),
        ("Congo", ["CG", "CD"]),
        ("Virgin Islands", ["VG", "VI"]),
    ];
}
