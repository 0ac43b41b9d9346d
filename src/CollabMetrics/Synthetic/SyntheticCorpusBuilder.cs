using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics.Synthetic;

/// <summary>
/// The fast path of <see cref="SyntheticCorpus.BuildCorpus"/>: samples fixed-size chunks of publications in
/// parallel into flat arrays, then concatenates them in order, interning institutions, authors and technologies
/// in order of first appearance exactly as <see cref="CorpusBuilder"/> would.
/// </summary>
internal static class SyntheticCorpusBuilder
{
    private const int ChunkSize = 1 << 15;

    internal static Corpus Build(SyntheticModel model, CorpusOptions corpusOptions) =>
        Build(model, corpusOptions, 0, (int)model.Options.Publications);

    /// <summary>Builds the corpus of publications <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1.</summary>
    internal static Corpus Build(SyntheticModel model, CorpusOptions corpusOptions, long first, int count)
    {
        var options = model.Options;
        bool keepAuthors = corpusOptions.KeepAuthorIds && options.AuthorIds;
        bool keepDois = corpusOptions.KeepDois && options.Dois;
        int chunks = (count + ChunkSize - 1) / ChunkSize;
        var parts = new Chunk[chunks];
        Parallel.For(0, chunks, c =>
        {
            long start = (long)c * ChunkSize;
            parts[c] = Sample(model, first + start, (int)Math.Min(ChunkSize, count - start), keepDois);
        });

        long entryTotal = 0, techTotal = 0;
        foreach (var part in parts)
        {
            entryTotal += part.Entries.Count;
            techTotal += part.TechIds.Count;
        }

        if (entryTotal > Array.MaxLength)
        {
            throw new ArgumentException($"The corpus would hold {entryTotal} affiliations, more than one corpus can; generate fewer publications.", nameof(model));
        }

        var years = new short[count];
        var citations = options.Citations ? new int[count] : null;
        var entryStart = new int[count + 1];
        var entries = new uint[entryTotal];
        var entryAuthors = keepAuthors ? new int[entryTotal] : null;
        var techStart = new int[count + 1];
        var techIds = new ushort[techTotal];
        var ids = new string[count];
        var dois = keepDois ? new string?[count] : null;
        var sources = new byte[count];
        Array.Fill(sources, (byte)PublicationSource.Synthetic);

        var institutionRow = new int[model.InstitutionIds.Length];
        Array.Fill(institutionRow, -1);
        var rows = new List<int>();
        var authorIndex = keepAuthors ? new int[model.AuthorPool] : [];
        Array.Fill(authorIndex, -1);
        var authorKeys = new List<string>();
        var techIndex = new int[model.TechnologyNames.Length];
        Array.Fill(techIndex, -1);
        var techNames = new List<string>();

        int k = 0, e = 0, t = 0;
        foreach (var part in parts)
        {
            part.Years.AsSpan().CopyTo(years.AsSpan(k));
            if (citations is not null)
            {
                part.Citations.AsSpan().CopyTo(citations.AsSpan(k));
            }

            part.Ids.AsSpan().CopyTo(ids.AsSpan(k));
            part.Dois?.AsSpan().CopyTo(dois.AsSpan(k));
            int pe = 0, pt = 0;
            for (int i = 0; i < part.Years.Length; i++, k++)
            {
                entryStart[k] = e;
                for (int end = pe + part.EntryCounts[i]; pe < end; pe++, e++)
                {
                    uint raw = part.Entries[pe];
                    int institution = (int)(raw & CorpusStorage.ValueMask);
                    int row = institutionRow[institution];
                    if (row < 0)
                    {
                        row = institutionRow[institution] = rows.Count;
                        rows.Add(institution);
                    }

                    entries[e] = (raw & ~CorpusStorage.ValueMask) | CorpusStorage.InstitutionFlag | (uint)row;
                    if (entryAuthors is not null)
                    {
                        int key = part.AuthorKeys[pe];
                        int author = authorIndex[key];
                        if (author < 0)
                        {
                            author = authorIndex[key] = authorKeys.Count;
                            authorKeys.Add(SyntheticModel.AuthorId(key));
                        }

                        entryAuthors[e] = author;
                    }
                }

                techStart[k] = t;
                int firstTech = t;
                for (int end = pt + part.TechCounts[i]; pt < end; pt++, t++)
                {
                    int label = part.TechIds[pt];
                    int id = techIndex[label];
                    if (id < 0)
                    {
                        id = techIndex[label] = techNames.Count;
                        techNames.Add(model.TechnologyNames[label]);
                    }

                    techIds[t] = (ushort)id;
                }

                techIds.AsSpan(firstTech, t - firstTech).Sort();
            }
        }

        entryStart[count] = e;
        techStart[count] = t;

        var institutions = new Institution[rows.Count];
        var institutionCountries = new ushort[rows.Count];
        var institutionUnits = new int[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            int i = rows[r];
            institutions[r] = new Institution(model.InstitutionIds[i], model.InstitutionNames[i], model.InstitutionCountries[i]);
            institutionCountries[r] = (ushort)model.InstitutionCountries[i].Id;
            institutionUnits[r] = r;
        }

        var report = new IngestReport(corpusOptions.MaxIssueSamples);
        report.AddAccepted(count);
        var storage = new CorpusStorage
        {
            Count = count,
            Years = years,
            EntryStart = entryStart,
            Entries = entries,
            EntryAuthors = entryAuthors is not null && authorKeys.Count > 0 ? entryAuthors : null,
            TechStart = techStart,
            TechIds = techIds,
            Citations = citations is not null && count > 0 ? citations : null,
            Ids = ids,
            Dois = dois is not null && count > 0 ? dois : null,
            Sources = sources,
            TechnologyNames = [.. techNames],
            InstitutionRows = institutions,
            InstitutionCountries = institutionCountries,
            InstitutionUnits = institutionUnits,
            Institutions = [.. institutions],
            AuthorKeys = [.. authorKeys],
            Report = report,
        };
        return new Corpus(storage, selection: null);
    }

    private static Chunk Sample(SyntheticModel model, long start, int length, bool keepDois)
    {
        var paper = new SyntheticPaper();
        var chunk = new Chunk(length, keepDois);
        for (int i = 0; i < length; i++)
        {
            long index = start + i;
            model.Sample(index, paper);
            chunk.Years[i] = (short)paper.Year;
            chunk.Citations[i] = paper.Citations;
            chunk.Ids[i] = SyntheticModel.PublicationId(index);
            if (chunk.Dois is not null)
            {
                chunk.Dois[i] = SyntheticModel.PublicationDoi(index);
            }

            int before = chunk.Entries.Count;
            for (int u = 0; u < paper.AuthorCount; u++)
            {
                uint flags = CorpusStorage.AuthorStartFlag | (u == paper.Corresponding ? CorpusStorage.CorrespondingFlag : 0u);
                for (int a = paper.AffiliationStart[u]; a < paper.AffiliationStart[u + 1]; a++)
                {
                    chunk.Entries.Add(flags | (uint)paper.Institutions[a]);
                    chunk.AuthorKeys.Add(paper.AuthorKeys[u]);
                    flags &= ~CorpusStorage.AuthorStartFlag;
                }
            }

            chunk.EntryCounts[i] = chunk.Entries.Count - before;
            chunk.TechCounts[i] = (byte)paper.TechnologyCount;
            for (int t = 0; t < paper.TechnologyCount; t++)
            {
                chunk.TechIds.Add((byte)paper.Technologies[t]);
            }
        }

        return chunk;
    }

    private sealed class Chunk(int length, bool keepDois)
    {
        public short[] Years { get; } = new short[length];

        public int[] Citations { get; } = new int[length];

        public string[] Ids { get; } = new string[length];

        public string?[]? Dois { get; } = keepDois ? new string?[length] : null;

        public int[] EntryCounts { get; } = new int[length];

        public byte[] TechCounts { get; } = new byte[length];

        public GrowableArray<uint> Entries = new(length * 8);

        public GrowableArray<int> AuthorKeys = new(length * 8);

        public GrowableArray<byte> TechIds = new(length * 2);
    }
}
