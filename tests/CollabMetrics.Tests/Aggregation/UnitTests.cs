using CollabMetrics.Aggregation;
using CollabMetrics.Geography;

namespace CollabMetrics.Tests.Aggregation;

public class UnitTests
{
    [Fact]
    public void CompareTo_SortsByKindThenCode()
    {
        Unit[] units = [Unit.Unknown, Unit.Group("G7"), Unit.Institution("I2"), Country.UnitedStates, Unit.Institution("I10"), Country.China];

        Array.Sort(units);

        units.Select(u => $"{u.Kind}:{u.Code}").Should().Equal(
            "Country:CN", "Country:US", "Institution:I10", "Institution:I2", "Group:G7", "Unknown:?");
    }

    [Fact]
    public void Equals_IgnoresLabel()
    {
        Unit.Institution("I1", "Name A").Should().Be(Unit.Institution("I1", "Name B"));
        Unit.Institution("US").Should().NotBe((Unit)Country.UnitedStates);
        ((Unit)Country.China).Country.Should().Be(Country.China);
        ((Unit)Country.China).Label.Should().Be("China");
        Unit.Group("G7").Country.Should().Be(Country.Unknown);
    }

    [Fact]
    public void Create_ParsesStoredUnitsAndRejectsBadCodes()
    {
        Unit.Create(UnitKind.Country, "cn").Should().Be((Unit)Country.China);
        Unit.Create(UnitKind.Unknown, "anything").Should().Be(Unit.Unknown);
        FluentActions.Invoking(() => Unit.Create(UnitKind.Country, "XX")).Should().Throw<FormatException>();
        FluentActions.Invoking(() => Unit.Create(UnitKind.Institution, "")).Should().Throw<FormatException>();
        FluentActions.Invoking(() => Unit.FromCountry(Country.Unknown)).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("Japan", UnitKind.Country, "JP")]
    [InlineData("UK", UnitKind.Country, "GB")]
    [InlineData("jpn", UnitKind.Country, "JP")]
    [InlineData("five eyes", UnitKind.Group, "Five Eyes")]
    [InlineData("BRICS", UnitKind.Group, "BRICS")]
    [InlineData("?", UnitKind.Unknown, "?")]
    public void Parse_NamesOfTheOneTable_TheUnit(string name, UnitKind kind, string code)
    {
        var unit = Unit.Parse(name);

        unit.Kind.Should().Be(kind);
        unit.Code.Should().Be(code);
        Unit.TryParse(name, out var again).Should().BeTrue();
        again.Should().Be(unit);
    }

    [Fact]
    public void Parse_AmbiguousOrUnknown_FormatExceptionWithTheChoicesOrTheClosestNames()
    {
        FluentActions.Invoking(() => Unit.Parse("Korea")).Should().Throw<FormatException>().WithMessage("*ambiguous*KR*KP*");
        FluentActions.Invoking(() => Unit.Parse("Fve Eyes")).Should().Throw<FormatException>().WithMessage("*closest groups*Five Eyes*");
        Unit.TryParse("Atlantis", out _).Should().BeFalse();
        Unit.TryParse(null, out _).Should().BeFalse();
    }
}
