using CollabMetrics.Geography;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.Geography;

public class CountryResolverTests
{
    private static readonly CountryResolver s_resolver = CountryResolver.Default;

    public static TheoryData<string, string, string> GoldAddresses()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (expected, source, address, _) in ReadGold())
        {
            data.Add(address, expected, source);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldAddresses))]
    public void Resolve_GoldAddress_ReturnsTheCountryItNames(string address, string expected, string source)
    {
        var country = s_resolver.Resolve(address);
        country.Code.Should().Be(expected == "none" ? string.Empty : expected, "{0} ({1})", address, source);
    }

    [Fact]
    public void GoldSet_HasAtLeast150RealAddressesAndEveryNamedTrap()
    {
        var gold = ReadGold();
        gold.Count(g => g.Section == "real").Should().BeGreaterThanOrEqualTo(150);
        var addresses = gold.Select(g => g.Address).ToList();
        string[] traps =
        [
            "Romania", "Nigeria", "Papua New Guinea", "Papua N Guinea", "IN 47405 USA", "Beth Israel", "North Ireland",
            "Turkiye", "Czechia", "Taiwan", "Peoples R China", "USA", "England", "Scotland", "Wales", "U Arab Emirates",
            "Dem Rep Congo", "Rep Congo", "South Korea", "North Korea", "Czech Republic", "Viet Nam", "Russia", "Byelarus",
            "Cote Ivoire", "United States", "Russian Federation", "Hong Kong", "Korea, Republic of", "TN 37830",
            "ON K1A 0R6", "Yugoslavia", "USSR", "Czechoslovakia", "West Germany", "East Germany", "Macau",
        ];
        foreach (var trap in traps)
        {
            addresses.Should().Contain(a => a.Contains(trap, StringComparison.Ordinal), "the gold set covers '{0}'", trap);
        }

        // Every address of the real section is present, unchanged, in one of the fixture files.
        var texts = new[] { Fixtures.WosPlain500, Fixtures.WosTab71, Fixtures.Scopus58, Fixtures.OpenAlexWorks50 }
            .ToDictionary(f => Path.GetRelativePath(Fixtures.Root, f).Replace('\\', '/'), File.ReadAllText);
        foreach (var g in gold.Where(g => g.Section == "real"))
        {
            var text = texts[g.Source];
            var needle = g.Source.EndsWith(".json", StringComparison.Ordinal) ? g.Address.Replace("\"", "\\\"", StringComparison.Ordinal) : g.Address;
            text.Should().Contain(needle, "real gold addresses are copied from {0}", g.Source);
        }
    }

    [Theory]
    [InlineData("Univ Bucharest, Bucharest, Romania", "RO")]
    [InlineData("Sultan Qaboos Univ, Muscat, Oman", "OM")]
    [InlineData("Indiana Univ, Bloomington, IN 47405 USA", "US")]
    [InlineData("Beth Israel Deaconess Med Ctr, Boston, MA 02215 USA", "US")]
    [InlineData("Univ Papua New Guinea, Port Moresby, Papua New Guinea", "PG")]
    [InlineData("Queens Univ Belfast, Belfast BT7 1NN, Antrim, North Ireland", "GB")]
    [InlineData("Natl Taiwan Univ, Taipei, Taiwan", "TW")]
    public void Resolve_SubstringTraps_UsesTheLastSegmentOnly(string address, string expected) =>
        s_resolver.Resolve(address).Code.Should().Be(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Some Institute, Somewhere")]
    [InlineData("12345")]
    public void TryResolve_NoCountry_ReturnsFalseAndUnknown(string? address)
    {
        s_resolver.TryResolve(address, out var country).Should().BeFalse();
        country.Should().Be(Country.Unknown);
    }

    [Fact]
    public void Resolve_HongKongBeforeChina_ReturnsTerritoryThatPoliciesThenMap()
    {
        var hk = s_resolver.Resolve("City Univ Hong Kong, Kowloon, Hong Kong, Peoples R China");
        hk.Should().Be(Country.HongKong);
        TerritoryPolicy.Iso3166.Apply(hk).Should().Be(Country.HongKong);
        TerritoryPolicy.ChinaWithHongKongMacao.Apply(hk).Should().Be(Country.China);
        TerritoryPolicy.GreaterChina.Apply(s_resolver.Resolve("Natl Tsing Hua Univ, Hsinchu, Taiwan")).Should().Be(Country.China);
    }

    [Fact]
    public void Options_WithAlias_ResolvesTheAliasAndLeavesDefaultUnchanged()
    {
        const string address = "Inst Atlantean Studies, Poseidonis, Atlantis";
        s_resolver.Resolve(address).Should().Be(Country.Unknown);

        var options = CountryResolverOptions.Default.WithAlias("Atlantis", Country.Parse("GR"));
        var resolver = new CountryResolver(options);

        resolver.Resolve(address).Code.Should().Be("GR");
        CountryResolverOptions.Default.Aliases.Should().BeEmpty();
        options.Aliases.Should().ContainKey("Atlantis");
    }

    [Fact]
    public void Options_AliasOverridesBuiltInHistoricalChoice()
    {
        var resolver = new CountryResolver(CountryResolverOptions.Default.WithAlias("Yugoslavia", Country.Parse("ME")));
        resolver.Resolve("Univ Montenegro, Podgorica, Yugoslavia").Code.Should().Be("ME");
        s_resolver.Resolve("Univ Montenegro, Podgorica, Yugoslavia").Code.Should().Be("RS");
    }

    [Fact]
    public void Options_InvalidAlias_ThrowsNamingTheAlias()
    {
        FluentActions.Invoking(() => CountryResolverOptions.Default.WithAlias("Nowhere", Country.Unknown))
            .Should().Throw<ArgumentException>().WithMessage("*'Nowhere'*");
        FluentActions.Invoking(() => new CountryResolver(CountryResolverOptions.Default with { Aliases = new Dictionary<string, Country> { ["--"] = Country.China } }))
            .Should().Throw<ArgumentException>().WithMessage("*'--'*");
    }

    [Fact]
    public void BuiltInAliases_EveryEntryResolvesAsALastSegment()
    {
        foreach (var (alias, country) in CountryResolver.BuiltInAliases)
        {
            s_resolver.Resolve("Some Univ, Some City, " + alias).Should().Be(country, "alias '{0}'", alias);
        }
    }

    [Fact]
    public void Resolve_EveryIsoNameAndCodeAsLastSegment_ReturnsThatCountry()
    {
        foreach (var country in Country.All)
        {
            s_resolver.Resolve("Univ X, City, " + country.Alpha3).Should().Be(country, "alpha-3 {0}", country.Alpha3);
            s_resolver.Resolve("Univ X, City, " + country.CommonName).Should().Be(country, "name {0}", country.CommonName);
            s_resolver.Resolve("Univ X, City, " + country.Name).Should().Be(country, "name {0}", country.Name);
        }
    }

    internal static List<(string Expected, string Source, string Address, string Section)> ReadGold()
    {
        var list = new List<(string, string, string, string)>();
        string section = string.Empty;
        foreach (var line in File.ReadLines(Fixtures.GoldAddresses))
        {
            if (line.StartsWith("# section:", StringComparison.Ordinal))
            {
                section = line["# section:".Length..].Trim();
                continue;
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            parts.Should().HaveCount(3, "gold line '{0}'", line);
            list.Add((parts[0], parts[1], parts[2], section));
        }

        return list;
    }
}
