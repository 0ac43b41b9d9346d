using CollabMetrics.IO;

namespace CollabMetrics.Tests.IO;

public class ReadLimitsTests
{
    [Fact]
    public void Default_DocumentedValues()
    {
        var limits = ReadLimits.Default;

        limits.MaxRecordBytes.Should().Be(64 << 20);
        limits.MaxFieldBytes.Should().Be(16 << 20);
        limits.MaxAuthors.Should().Be(100_000);
        limits.MaxAffiliations.Should().Be(100_000);
        limits.MaxJsonDepth.Should().Be(128);
        ReadOptions.Default.Limits.Should().BeSameAs(ReadLimits.Default);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void With_NotPositive_ThrowsNamingTheLimit(int value)
    {
        var record = () => ReadLimits.Default with { MaxRecordBytes = value };
        var authors = () => ReadLimits.Default with { MaxAuthors = value };

        record.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(nameof(ReadLimits.MaxRecordBytes));
        authors.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(nameof(ReadLimits.MaxAuthors));
    }

    [Fact]
    public void ReadOptions_BadErrorLimitsAndNullLimits_Throw()
    {
        var negative = () => ReadOptions.Default with { MaxErrors = -1 };
        var share = () => ReadOptions.Default with { MaxErrorShare = 1.5 };
        var nan = () => ReadOptions.Default with { MaxErrorShare = double.NaN };
        var limits = () => ReadOptions.Default with { Limits = null! };

        negative.Should().Throw<ArgumentOutOfRangeException>();
        share.Should().Throw<ArgumentOutOfRangeException>();
        nan.Should().Throw<ArgumentOutOfRangeException>();
        limits.Should().Throw<ArgumentNullException>();
    }
}
