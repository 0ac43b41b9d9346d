using CollabMetrics.IO;

namespace CollabMetrics.Tests.IO;

public class LineReaderTests
{
    private static List<(string Line, bool TooLong)> ReadAll(string text, int max)
    {
        var reader = new LineReader(new StringReader(text), max);
        var lines = new List<(string, bool)>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add((line, reader.LastLineTooLong));
        }

        return lines;
    }

    [Theory]
    [InlineData("a\nbb\n\nccc")]
    [InlineData("a\r\nbb\r\n\r\nccc")]
    [InlineData("a\rbb\r\rccc")]
    [InlineData("a\rbb\n\r\nccc\n")]
    public void ReadLine_AnyLineEnds_SameLinesAsStringReader(string text)
    {
        var expected = new List<string>();
        using (var reader = new StringReader(text))
        {
            while (reader.ReadLine() is { } line)
            {
                expected.Add(line);
            }
        }

        ReadAll(text, 100).Select(l => l.Line).Should().Equal(expected);
    }

    [Fact]
    public void ReadLine_LineOverTheLimit_ReportedEmptyAndTheNextLineRead()
    {
        var text = "short\n" + new string('x', 200_000) + "\r\nafter\n";

        ReadAll(text, 1000).Should().Equal(("short", false), (string.Empty, true), ("after", false));
    }
}
