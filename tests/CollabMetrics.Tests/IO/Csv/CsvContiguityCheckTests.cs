using System.Text;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;
using CollabMetrics.Tests.IO.OpenAlex;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests.IO.Csv;

public class CsvContiguityCheckTests
{
    /// <summary>Hashes that make ids collide: all of them, a few classes, or the default hash cut to 2 bits.</summary>
    private static readonly (string Name, PublicationIdHash? Hash)[] Hashes =
    [
        ("default", null),
        ("constant", static _ => 42),
        ("by length", static id => (ulong)(id.Length % 3)),
        ("2 bits", static id => CsvContiguityCheck.DefaultHash(id) & 3),
    ];

    private static readonly bool[] TrueFalse = [true, false];

    /// <summary>
    /// The rule the check replaced, as a reference model: every id of the file kept exactly, an id is new when it was
    /// not kept before.
    /// </summary>
    private sealed class ExactRule
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public bool IsNew(string id) => _seen.Add(id);
    }

    /// <summary>
    /// Random id sequences: ascending runs (a sorted file), then ids out of order, ids coming back and ids of every
    /// length, as the consumer sees them (ids of the records in order; two neighbours may be equal only after a
    /// record the reader skipped).
    /// </summary>
    private static List<string> Ids(Random random)
    {
        int distinct = random.Next(1, 60);
        int count = random.Next(1, 200);
        int sortedPrefix = random.Next(4) == 0 ? count : random.Next(count + 1);
        var ids = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            ids.Add(i < sortedPrefix
                ? $"W{i:D4}{new string('x', random.Next(3))}"
                : random.Next(3) == 0 ? $"{(char)('A' + random.Next(26))}{random.Next(distinct)}" : $"W{random.Next(count):D4}");
        }

        return ids;
    }

    [Fact]
    public void IsNew_RandomIdOrdersAndCollidingHashes_SameAsTheExactRule()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var ids = Ids(new Random(seed));
            foreach (var (name, hash) in Hashes)
            {
                foreach (bool canReadAgain in TrueFalse)
                {
                    var model = new ExactRule();
                    var check = new CsvContiguityCheck(canReadAgain ? record => Table(ids, record) : null, hash);
                    for (int i = 0; i < ids.Count; i++)
                    {
                        bool expected = model.IsNew(ids[i]);
                        check.IsNew(Encoding.UTF8.GetBytes(ids[i]), i + 1).Should().Be(expected, $"seed {seed}, hash {name}, id {i} '{ids[i]}', read again: {canReadAgain}");
                    }
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void IsNew_IdsComparedInChunksAsTheParsersDo_SameAsTheExactRule()
    {
        // The consumer's calls as a chunked read makes them: an id said to follow the one before when the parser of
        // its chunk found it greater than the chunk's id before it, and the end of each chunk told (or, as a caller
        // that does not, not told: the check must stay exact either way).
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var random = new Random(seed);
            var ids = Ids(random);
            var ends = new bool[ids.Count];
            for (int i = 0; i < ids.Count; i++)
            {
                ends[i] = i == ids.Count - 1 || random.Next(random.Next(1, 12)) == 0;
            }

            bool tellsEnds = random.Next(5) != 0;
            foreach (var (name, hash) in Hashes)
            {
                foreach (bool canReadAgain in TrueFalse)
                {
                    var model = new ExactRule();
                    var check = new CsvContiguityCheck(canReadAgain ? record => Table(ids, record) : null, hash);
                    bool chunkStart = true;
                    for (int i = 0; i < ids.Count; i++)
                    {
                        var id = Encoding.UTF8.GetBytes(ids[i]);
                        bool follows = !chunkStart && string.CompareOrdinal(ids[i], ids[i - 1]) > 0;
                        bool expected = model.IsNew(ids[i]);
                        check.IsNew(id, check.Hash(id), i + 1, follows).Should().Be(expected, $"seed {seed}, hash {name}, id {i} '{ids[i]}', read again: {canReadAgain}, ends told: {tellsEnds}");
                        chunkStart = ends[i];
                        if (ends[i] && tellsEnds)
                        {
                            check.ChunkEnded(id);
                        }
                    }
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void IsNew_SortedIdsInChunks_KeepsOnlyTheListAndComparesAcrossChunkEnds()
    {
        // Sorted ids, chunks of 7: only hashes are kept (8 bytes an id); an id at a chunk's start smaller than the
        // last of the chunk before (not said to follow) moves the check to its set, and a repeat there is found.
        var ids = Enumerable.Range(0, 70).Select(i => $"W{i:D4}").ToList();
        var check = new CsvContiguityCheck(record => Table(ids, record));
        for (int i = 0; i < ids.Count; i++)
        {
            var id = Encoding.UTF8.GetBytes(ids[i]);
            check.IsNew(id, check.Hash(id), i + 1, follows: i % 7 != 0).Should().BeTrue();
            if (i % 7 == 6)
            {
                check.ChunkEnded(id);
            }
        }

        check.Bytes.Should().Be((8L << 16) + 64, "one segment of hashes and the last id's buffer");
        ids.Add("W0069");
        var repeat = Encoding.UTF8.GetBytes(ids[^1]);
        check.IsNew(repeat, check.Hash(repeat), ids.Count, follows: false).Should().BeFalse();
        check.Confirmations.Should().Be(1);
    }

    [Fact]
    public void IsNew_EveryHashCollides_ConfirmsByReadingAgainAndStaysHashedUntilAnIdRepeats()
    {
        string[] ids = ["W3", "W1", "W2", "W4", "W1", "W5"];
        int reads = 0;
        var check = new CsvContiguityCheck(record => { reads++; return Table(ids, record); }, static _ => 7);

        var results = ids.Select((id, i) => check.IsNew(Encoding.UTF8.GetBytes(id), i + 1)).ToList();

        results.Should().Equal(true, true, true, true, false, true);
        reads.Should().Be(4, "W1 (the first id out of order), W2 and W4 share W3's hash (read again, new); W1 repeats (read again, then exact ids); W5 is compared with the exact ids");
        check.Confirmations.Should().Be(4);
        check.IsExact.Should().BeTrue("after a repeated id the check keeps the ids as UTF-8");
    }

    [Fact]
    public void IsNew_DistinctIdsSortedOrNot_KeepsOnlyHashesNeverReadsAgain()
    {
        const int count = 200_000;
        var sorted = Enumerable.Range(0, count).Select(i => $"https://openalex.org/W{i:D12}").ToArray();
        var shuffled = sorted.OrderBy(_ => Random.Shared.Next()).ToArray();

        foreach (var ids in new[] { sorted, shuffled })
        {
            var check = new CsvContiguityCheck(_ => throw new InvalidOperationException("no hash repeats among distinct ids"));
            for (int i = 0; i < ids.Length; i++)
            {
                check.IsNew(Encoding.UTF8.GetBytes(ids[i]), i + 1).Should().BeTrue();
            }

            check.IsExact.Should().BeFalse();
            check.Bytes.Should().BeLessThan(16L * count, "8 bytes an id while sorted, about 11 in the hash set; the ids are 34 bytes");
        }
    }

    [Fact]
    public void ReadFile_NonContiguousRowsCsvAndGzip_SameRejectsAsFromAStream()
    {
        var csv = new StringBuilder("publication_id,year,author_position,country\n");
        for (int p = 0; p < 300; p++)
        {
            // Every 7th publication's rows come back after the next publication's.
            csv.Append($"W{(p * 37) % 300},2020,1,FR\n");
            if (p % 7 == 3)
            {
                csv.Append($"W{((p - 1) * 37) % 300},2020,2,DE\n");
            }
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var expected = Read(options => PublicationReader.ReadStream(new MemoryStream(bytes), "t.csv", options));
        expected.Rejects.Should().NotBeEmpty();
        expected.Rejects.Should().OnlyContain(r => r.Reason == SkipReason.Inconsistent && r.Field == "publication_id");

        using var plain = TempFile.WithBytes(".csv", bytes);
        using var gzip = TempFile.WithBytes(".csv.gz", bytes);
        foreach (var file in new[] { plain, gzip })
        {
            var actual = Read(options => PublicationReader.ReadFile(file.Path, options));

            actual.Ids.Should().Equal(expected.Ids, file.Path);
            actual.Rejects.Select(r => (r.Position.Line, r.Position.Record, r.Field, r.Reason, r.Message))
                .Should().Equal(expected.Rejects.Select(r => (r.Position.Line, r.Position.Record, r.Field, r.Reason, r.Message)), file.Path);

            var strict = () => PublicationReader.ReadFile(file.Path).ToList();
            strict.Should().Throw<IngestException>().Where(e => e.Position.Line == expected.Rejects[0].Position.Line && e.Position.Record == expected.Rejects[0].Position.Record && e.Field == "publication_id");
        }
    }

    /// <summary>A lenient read: the ids of the publications and the rejects.</summary>
    private static (List<string> Ids, List<RejectedRecord> Rejects) Read(Func<ReadOptions, IEnumerable<CollabMetrics.Model.Publication>> read)
    {
        var rejects = new OpenAlexReaderTests.ListSink();
        List<string> ids = [.. read(ReadOptions.Default with { ErrorMode = ErrorMode.Lenient, Rejects = rejects }).Select(p => p.Id)];
        return (ids, [.. rejects.Records]);
    }

    /// <summary>What the input read again gives: the distinct ids of the records before <paramref name="record"/>.</summary>
    private static CorpusStringTable Table(IReadOnlyList<string> ids, long record)
    {
        var table = new CorpusStringTable();
        for (int i = 0; i < record - 1; i++)
        {
            table.Intern(Encoding.UTF8.GetBytes(ids[i]));
        }

        return table;
    }
}
