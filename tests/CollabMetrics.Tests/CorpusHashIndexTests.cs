namespace CollabMetrics.Tests;

public class CorpusHashIndexTests
{
    [Fact]
    public void Find_EveryHashEqual_ConfirmsEachCandidateAgainstTheStoredValues()
    {
        // Every value hashes alike: lookups must walk the collisions and compare with the stored values.
        var stored = new List<string>();
        var index = new CorpusHashIndex(4);
        for (int i = 0; i < 500; i++)
        {
            var value = $"v{i}";
            var candidate = new Candidate(stored, value);
            index.Find(0, ref candidate).Should().Be(-1);
            stored.Add(value);
            index.Add(0, i);
        }

        for (int i = 0; i < 500; i += 37)
        {
            var candidate = new Candidate(stored, $"v{i}");
            index.Find(0, ref candidate).Should().Be(i);
        }

        index.Count.Should().Be(500);
    }

    [Fact]
    public void Hash_DependsOnEveryByteAndTheSeed()
    {
        var a = "10.1000/abcdefghij"u8.ToArray();
        var b = "10.1000/abcdefghik"u8.ToArray();

        CorpusHashIndex.Hash(a).Should().NotBe(CorpusHashIndex.Hash(b));
        CorpusHashIndex.Hash(a, 1).Should().NotBe(CorpusHashIndex.Hash(a, 2));
        CorpusHashIndex.Hash(a).Should().Be(CorpusHashIndex.Hash(a.ToArray()));
    }

    private readonly struct Candidate(List<string> stored, string value) : IHashCandidate
    {
        public bool Matches(int index) => stored[index] == value;
    }
}
