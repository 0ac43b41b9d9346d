using CollabMetrics.Cli.Commands;

namespace CollabMetrics.Tests.Cli.Commands;

public class YearRangeTests
{
    [Theory]
    [InlineData("2005-2024", 2005, 2024)]
    [InlineData("2019", 2019, 2019)]
    [InlineData(" 2010 - 2012 ", 2010, 2012)]
    public void TryParse_ValidRange_Parsed(string text, int from, int to)
    {
        YearRange.TryParse(text, out var range, out var error).Should().BeTrue();
        range.Should().Be(new YearRange(from, to));
        error.Should().BeNull();
    }

    [Theory]
    [InlineData("2024-2005", "before it starts")]
    [InlineData("20x5", "not a year range")]
    [InlineData("2005-2010-2015", "not a year range")]
    [InlineData("-2005", "not a year range")]
    [InlineData("0999-2005", "outside")]
    public void TryParse_Invalid_OneLineError(string text, string expected)
    {
        YearRange.TryParse(text, out _, out var error).Should().BeFalse();
        error.Should().Contain(expected).And.StartWith("--years").And.NotContain("\n");
    }

    [Fact]
    public void ToString_OneYearOrRange()
    {
        new YearRange(2019, 2019).ToString().Should().Be("2019");
        new YearRange(2015, 2019).ToString().Should().Be("2015-2019");
    }
}
