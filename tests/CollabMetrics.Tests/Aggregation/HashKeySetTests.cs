using CollabMetrics.Aggregation;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

public sealed class HashKeySetTests
{
    // Keys that all fall in one part (top 8 bits 0xAB), spread over its buckets by the next 32 bits.
    private static ulong InPart(ulong low) => (0xABUL << 56) | (low & 0x00FF_FFFF_FFFF_FFFFUL);

    [Fact]
    public void TryAdd_KeySeenBefore_ReturnsFalse()
    {
        var set = new HashKeySet();

        set.TryAdd(42).Should().BeTrue();
        set.TryAdd(43).Should().BeTrue();
        set.TryAdd(42).Should().BeFalse();
        set.TryAdd(ulong.MaxValue).Should().BeTrue();
        set.TryAdd(ulong.MaxValue).Should().BeFalse();

        set.Count.Should().Be(3);
    }

    [Fact]
    public void TryAdd_Zero_IsAKeyLikeAnyOther()
    {
        // 0 marks an empty slot in the tables: the key 0 is kept outside them.
        var set = new HashKeySet();

        set.TryAdd(0).Should().BeTrue();
        set.TryAdd(1).Should().BeTrue();
        set.TryAdd(0).Should().BeFalse();
        set.TryAdd(1).Should().BeFalse();

        set.Count.Should().Be(2);
    }

    [Fact]
    public void TryAdd_KeysWithTheSameStartingSlot_AllKeptAndFound()
    {
        // The same part and the same 32 bits below it: every key starts its probe in the same bucket, and the probes
        // run past the end of the part's table and wrap around.
        var set = new HashKeySet();
        var keys = Enumerable.Range(1, 2_000).Select(i => InPart(0x0012_3456_7800_0000UL | (uint)i)).ToArray();

        keys.Select(set.TryAdd).ToArray().Should().AllSatisfy(added => added.Should().BeTrue());
        keys.Select(set.TryAdd).ToArray().Should().AllSatisfy(added => added.Should().BeFalse());
        set.Count.Should().Be(keys.Length);
    }

    [Fact]
    public void TryAdd_ManyKeysInOnePart_GrowsThatPartOnly()
    {
        var set = new HashKeySet();
        long before = set.Bytes;
        var random = new Random(7);
        var keys = new HashSet<ulong>();
        while (keys.Count < 100_000)
        {
            keys.Add(InPart((ulong)random.NextInt64() | 1));
        }

        foreach (ulong key in keys)
        {
            set.TryAdd(key).Should().BeTrue();
        }

        foreach (ulong key in keys)
        {
            set.TryAdd(key).Should().BeFalse();
        }

        // One part holds 100,000 keys at most 7/8 full, grown by half at a time: the others stay as they started.
        long grown = set.Bytes - before;
        grown.Should().BeGreaterThan(100_000L * 8 * 8 / 7 - 16 * 1024);
        grown.Should().BeLessThan(100_000L * 8 * 8 / 7 * 3 / 2);
        set.Count.Should().Be(keys.Count);
    }

    [Fact]
    public void TryAdd_MillionsOfRandomKeys_AllFoundAtAbout11BytesAKey()
    {
        var set = new HashKeySet();
        var random = new Random(11);
        const int n = 3_000_000;
        var keys = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
            set.TryAdd(keys[i]);
        }

        int found = 0;
        foreach (ulong key in keys)
        {
            found += set.TryAdd(key) ? 0 : 1;
        }

        found.Should().Be(n);
        set.Count.Should().Be(n);

        // Parts at most 7/8 full (9.1 bytes a key), just grown by half at worst (13.7), spread in between.
        double perKey = set.Bytes / (double)n;
        perKey.Should().BeInRange(9.1, 13.8);
    }

    [Fact]
    public void Constructor_Expected_HoldsThatManyKeysWithoutGrowingMuch()
    {
        const int n = 1_000_000;
        var set = new HashKeySet(n);
        long sized = set.Bytes;
        var random = new Random(3);
        for (int i = 0; i < n; i++)
        {
            set.TryAdd((ulong)random.NextInt64() ^ ((ulong)random.Next() << 63));
        }

        // Sized for n keys at 7/8 (parts spread over one growth step): a part that got more than its share grows once.
        sized.Should().BeInRange(n * 8L * 8 / 7, n * 8L * 8 / 7 * 3 / 2);
        set.Bytes.Should().BeLessThan(sized + (sized / 20));
    }

    [Fact]
    public void TryAdd_AnySequence_AnswersAsHashSet()
    {
        // Small keys (many repeats and 0), keys of one part, and any keys.
        var key = Gen.OneOf(Gen.ULong[0, 40], Gen.ULong[0, 5_000].Select(InPart), Gen.ULong);
        key.Array[0, 20_000].Sample(keys =>
        {
            var set = new HashKeySet();
            var expected = new HashSet<ulong>();
            foreach (ulong k in keys)
            {
                if (set.TryAdd(k) != expected.Add(k))
                {
                    return false;
                }
            }

            return set.Count == expected.Count;
        }, iter: 200);
    }
}
