using CollabMetrics.Model;

namespace CollabMetrics.Tests;

public class SourcePositionTests
{
    [Theory]
    [InlineData("a.txt", 12, 3, "a.txt, line 12")]
    [InlineData("a.json", 0, 3, "a.json, record 3")]
    [InlineData("a.csv", 0, 0, "a.csv")]
    [InlineData(null, 7, 2, "line 7")]
    [InlineData(null, 0, 2, "record 2")]
    [InlineData(null, 0, 0, "(no position)")]
    public void ToString_NamesWhatIsKnown_NeverRecordZero(string? file, long line, long record, string expected)
    {
        new SourcePosition(file, line, record).ToString().Should().Be(expected);
    }
}
