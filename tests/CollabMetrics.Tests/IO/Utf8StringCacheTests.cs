using System.Text;
using CollabMetrics.IO;
using CsCheck;

namespace CollabMetrics.Tests.IO;

public class Utf8StringCacheTests
{
    [Fact]
    public void Get_SameBytesTwice_ReturnsTheSameInstance()
    {
        var cache = new Utf8StringCache();

        var first = cache.Get("https://openalex.org/I123"u8);
        var second = cache.Get("https://openalex.org/I123"u8);

        first.Should().Be("https://openalex.org/I123");
        second.Should().BeSameAs(first);
    }

    [Fact]
    public void Get_ValuesSharingOneSlot_EachComesBackAsItsOwnText()
    {
        // One slot: every value evicts the one before, and a hit must still be confirmed by its bytes.
        var cache = new Utf8StringCache(slots: 1);

        cache.Get("Université Paris"u8).Should().Be("Université Paris");
        cache.Get("Universite Paris"u8).Should().Be("Universite Paris");
        cache.Get("Université Paris"u8).Should().Be("Université Paris");
        cache.Get(""u8).Should().BeEmpty();
    }

    [Fact]
    public void Get_ValueLongerThanTheLimit_IsDecodedEachTime()
    {
        var cache = new Utf8StringCache();
        var bytes = Encoding.UTF8.GetBytes(new string('x', Utf8StringCache.MaxBytes + 1));

        var first = cache.Get(bytes);
        var second = cache.Get(bytes);

        second.Should().Be(first).And.HaveLength(Utf8StringCache.MaxBytes + 1);
        second.Should().NotBeSameAs(first);
    }

    [Fact]
    public void Ctor_SlotsNotAPowerOfTwo_Throws()
    {
        var act = () => new Utf8StringCache(slots: 3);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("slots");
    }

    [Fact]
    public void Get_RandomTextsThroughASmallCache_AlwaysEqualsTheUtf8Decoding()
    {
        Gen.String[0, 120].Array[1, 200].Sample(
            texts =>
            {
                var cache = new Utf8StringCache(slots: 8);
                foreach (var text in texts.Concat(texts))
                {
                    var bytes = Encoding.UTF8.GetBytes(text);
                    cache.Get(bytes).Should().Be(Encoding.UTF8.GetString(bytes));
                }
            },
            iter: 200);
    }
}
