using CollabMetrics.Geography;

namespace CollabMetrics.Tests.Geography;

public class CountryTests
{
    [Theory]
    [InlineData("CN", "CN")]
    [InlineData("cn", "CN")]
    [InlineData("CHN", "CN")]
    [InlineData("China", "CN")]
    [InlineData("South Korea", "KR")]
    [InlineData("Korea, Republic of", "KR")]
    [InlineData("Türkiye", "TR")]
    [InlineData("Turkiye", "TR")]
    [InlineData("Czechia", "CZ")]
    [InlineData("Czech Republic", "CZ")]
    [InlineData("Côte d'Ivoire", "CI")]
    [InlineData("Taiwan", "TW")]
    [InlineData("XK", "XK")]
    [InlineData("  us ", "US")]
    [InlineData("UK", "GB")]
    [InlineData("U.K.", "GB")]
    [InlineData("Great Britain", "GB")]
    [InlineData("Turkey", "TR")]
    [InlineData("Russia", "RU")]
    [InlineData("USA", "US")]
    [InlineData("Vietnam", "VN")]
    [InlineData("DR Congo", "CD")]
    [InlineData("Republic of Congo", "CG")]
    [InlineData("North Korea", "KP")]
    public void Parse_CodesAndNames_ReturnsCountry(string text, string expected) =>
        Country.Parse(text).Code.Should().Be(expected);

    [Theory]
    [InlineData("")]
    [InlineData("ZZ")]
    [InlineData("Atlantis")]
    [InlineData("C")]
    public void TryParse_Unknown_ReturnsFalse(string text)
    {
        Country.TryParse(text, out var country).Should().BeFalse();
        country.Should().Be(Country.Unknown);
    }

    [Theory]
    [InlineData("Korea", "KR (South Korea) or KP (North Korea)")]
    [InlineData("congo", "CG (Congo) or CD (Congo, The Democratic Republic of the)")]
    [InlineData("Virgin Islands", "VG (Virgin Islands, British) or VI (Virgin Islands, U.S.)")]
    public void Parse_AmbiguousName_ThrowsListingTheChoices(string text, string choices)
    {
        FluentActions.Invoking(() => Country.Parse(text)).Should().Throw<FormatException>().WithMessage($"'{text}' is ambiguous: use {choices}.*");
        Country.TryParse(text, out var country).Should().BeFalse();
        country.Should().Be(Country.Unknown);
    }

    [Theory]
    [InlineData("Untied Kingdom", "United Kingdom (GB)")]
    [InlineData("Germny", "Germany (DE)")]
    [InlineData("Japn", "Japan (JP)")]
    public void Parse_Misspelled_MessageNamesTheClosestNames(string text, string closest) =>
        FluentActions.Invoking(() => Country.Parse(text)).Should().Throw<FormatException>().WithMessage($"*'{text}'*closest*{closest}*");

    [Fact]
    public void CountryResolver_KoreaInAnAddress_StillTheRepublicOfKorea() =>
        CountryResolver.Default.Resolve("Seoul Natl Univ, Seoul, Korea").Code.Should().Be("KR", "Web of Science writes the Republic of Korea so");

    [Fact]
    public void Parse_Unknown_ThrowsFormatExceptionNamingTheText() =>
        FluentActions.Invoking(() => Country.Parse("Atlantis")).Should().Throw<FormatException>().WithMessage("*'Atlantis'*");

    [Fact]
    public void All_HasEveryIsoEntryPlusKosovo()
    {
        Country.All.Should().HaveCount(250);
        Country.All.Should().BeInAscendingOrder();
        Country.All.Select(c => c.Code).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Id_RoundTripsThroughFromId()
    {
        foreach (var c in Country.All)
        {
            Country.FromId(c.Id).Should().Be(c);
        }

        Country.FromId(0).Should().Be(Country.Unknown);
        FluentActions.Invoking(() => Country.FromId(Country.MaxId + 1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Unknown_IsDefaultAndHasEmptyCode()
    {
        default(Country).Should().Be(Country.Unknown);
        Country.Unknown.IsKnown.Should().BeFalse();
        Country.Unknown.Code.Should().BeEmpty();
    }

    [Theory]
    [InlineData(TerritoryPolicy.Iso3166, "HK", "HK")]
    [InlineData(TerritoryPolicy.Iso3166, "TW", "TW")]
    [InlineData(TerritoryPolicy.ChinaWithHongKongMacao, "HK", "CN")]
    [InlineData(TerritoryPolicy.ChinaWithHongKongMacao, "MO", "CN")]
    [InlineData(TerritoryPolicy.ChinaWithHongKongMacao, "TW", "TW")]
    [InlineData(TerritoryPolicy.GreaterChina, "TW", "CN")]
    [InlineData(TerritoryPolicy.GreaterChina, "MO", "CN")]
    [InlineData(TerritoryPolicy.GreaterChina, "US", "US")]
    public void Apply_TerritoryPolicy_MapsAsDocumented(TerritoryPolicy policy, string country, string expected) =>
        policy.Apply(Country.Parse(country)).Code.Should().Be(expected);

    [Fact]
    public void MapTable_AgreesWithApply()
    {
        foreach (var policy in Enum.GetValues<TerritoryPolicy>())
        {
            var table = policy.MapTable();
            foreach (var c in Country.All)
            {
                table[c.Id].Should().Be((ushort)policy.Apply(c).Id);
            }
        }
    }

    [Fact]
    public void TryParseAlpha2Utf8_EveryTwoBytes_SameAnswerAsTheCharParser()
    {
        for (int a = 0; a < 256; a++)
        {
            for (int b = 0; b < 256; b++)
            {
                bool fromBytes = Country.TryParseAlpha2Utf8([(byte)a, (byte)b], out var byBytes);
                bool fromChars = Country.TryParseAlpha2([(char)a, (char)b], out var byChars);

                fromBytes.Should().Be(fromChars, "bytes {0:X2} {1:X2}", a, b);
                byBytes.Should().Be(byChars);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("F")]
    [InlineData("FRA")]
    [InlineData(" FR")]
    public void TryParseAlpha2Utf8_NotTwoBytes_FalseAndUnknown(string text)
    {
        Country.TryParseAlpha2Utf8(System.Text.Encoding.UTF8.GetBytes(text), out var country).Should().BeFalse();
        country.Should().Be(Country.Unknown);
    }
}
