namespace CollabMetrics.Tests;

public class AuthorKeyTests
{
    [Theory]
    [InlineData("Russell, Thomas P.", "RUSSELL, T")]
    [InlineData("Russell, TP", "RUSSELL, T")]
    [InlineData("Russell T.P.", "RUSSELL, T")]
    [InlineData("RUSSELL, T.", "RUSSELL, T")]
    [InlineData("  russell ,  thomas ", "RUSSELL, T")]
    [InlineData("Sun, Zhiwei", "SUN, Z")]
    [InlineData("Sun, ZW", "SUN, Z")]
    [InlineData("Perianes-Rodríguez, A.", "PERIANES RODRIGUEZ, A")]
    [InlineData("Müller, Jürgen", "MULLER, J")]
    [InlineData("de la Cruz, Juan", "DE LA CRUZ, J")]
    [InlineData("Wei, D. -Q.", "WEI, D")]
    [InlineData("O'Brien, Éamon", "O BRIEN, E")]
    [InlineData("Madonna", "MADONNA")]
    [InlineData("Kalé L.", "KALE, L")]
    public void FromName_BibliographicSpellings_GiveTheLastFirstInitialKey(string name, string key) =>
        AuthorKey.FromName(name).Should().Be(key);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(", John")]
    [InlineData("--, J")]
    public void FromName_NoSurname_GivesNoKey(string? name) => AuthorKey.FromName(name).Should().BeNull();

    [Fact]
    public void FromName_VeryLongSurname_IsCut()
    {
        var key = AuthorKey.FromName(new string('a', 1000) + ", Bob");

        key.Should().Be(new string('A', AuthorKey.MaxLength) + ", B");
    }
}
