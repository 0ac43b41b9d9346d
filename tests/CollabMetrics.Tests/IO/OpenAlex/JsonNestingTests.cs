using System.Text;
using CollabMetrics.IO.OpenAlex;

namespace CollabMetrics.Tests.IO.OpenAlex;

public class JsonNestingTests
{
    [Theory]
    [InlineData("{\"a\":[1,{\"b\":\"}]\"}]} tail", "Closed", 20)]
    [InlineData("[\"\\\"]\", \"\\\\\"] x", "Closed", 13)]
    [InlineData("{\"a\":\n1}", "LineFeed", 5)]
    [InlineData("{\"a\":\"x\n\"}", "LineFeed", 7)]
    [InlineData("{\"a\":[[1]", "End", 9)]
    [InlineData("[[[[1]]]]", "TooDeep", 3)]
    public void Feed_Value_StopsWhereItCloses(string json, string expected, int index)
    {
        var nesting = default(JsonNesting);

        var stop = nesting.Feed(Encoding.UTF8.GetBytes(json), out int at, stopAtLineFeed: true, maxDepth: 3);

        stop.Should().Be(Enum.Parse<JsonNesting.Stop>(expected));
        at.Should().Be(index);
    }

    [Fact]
    public void Feed_InPieces_SameAsAtOnce()
    {
        var json = Encoding.UTF8.GetBytes("{\"a\":\"}\\\"{\",\"b\":[{},[]]} ");
        for (int cut = 0; cut <= json.Length; cut++)
        {
            var nesting = default(JsonNesting);
            var first = nesting.Feed(json.AsSpan(0, cut), out int at);
            if (first == JsonNesting.Stop.Closed)
            {
                at.Should().Be(json.Length - 1);
                continue;
            }

            first.Should().Be(JsonNesting.Stop.End, $"cut at {cut}");
            nesting.Feed(json.AsSpan(cut), out int rest).Should().Be(JsonNesting.Stop.Closed, $"cut at {cut}");
            (cut + rest).Should().Be(json.Length - 1, $"cut at {cut}");
        }
    }
}
