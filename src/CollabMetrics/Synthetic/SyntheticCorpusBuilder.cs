using System.Globalization;
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

    internal static Corpus Build(SyntheticModel model, CorpusOptions corpusOptions, CancellationToken cancellationToken = default) =>
        Build(model, corpusOptions, 0, (int)model.Options.Publications, cancellationToken);

    /// <summary>Builds the corpus of publications <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1.</summary>
    internal static Corpus Build(SyntheticModel model, CorpusOptions corpusOptions, long first, int count, CancellationToken cancellationToken = default)
    {
        var options = model.Options;
        bool keepAuthors = corpusOptions.KeepAuthorIds && options.AuthorIds;
        bool keepDois = corpusOptions.KeepDois && options.Dois;
        int chunks = (count + ChunkSize - 1) / ChunkSize;
        var parts = new Chunk[chunks];
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = cancellationToken }, c =>
        {
            long start = (long)c * ChunkSize;
            parts[c] = Sample(model, first + start, (int)Math.Min(ChunkSize, count - start));
        });

        long entryTotal = 0;
        foreach (var part in parts)
        {
            entryTotal += part.Institutions.Count;
        }

        if (entryTotal > Array.MaxLength)
        {
            throw new ArgumentException($"The corpus would hold {entryTotal} affiliations, more than one corpus can; generate fewer publications.", nameof(model));
        }

        var writer = new CorpusStorage.Writer(
            new CorpusStorage.Columns(
                Dois: keepDois,
                AuthorKeys: corpusOptions.KeepAuthorIds,
                AuthorNames: false,
                Addresses: false,
                Positions: corpusOptions.KeepRecordDetails),
            count,
            (int)entryTotal);
        var institutionRow = new int[model.InstitutionIds.Length];
        Array.Fill(institutionRow, -1);
        var rows = new List<int>();
        var authorKeys = new CorpusStringTable();
        var authorIndex = keepAuthors ? new int[model.AuthorPool] : [];
        Array.Fill(authorIndex, -1);
        var techIndex = new int[model.TechnologyNames.Length];
        Array.Fill(techIndex, -1);
        var techNames = new List<string>();
        Span<byte> id = stackalloc byte[64];
        Span<byte> doi = stackalloc byte[64];
        Span<ushort> technologies = stackalloc ushort[256];

        long index = first;
        foreach (var part in parts)
        {
            int pe = 0, pt = 0;
            for (int i = 0; i < part.Years.Length; i++, index++)
            {
                System.Text.Unicode.Utf8.TryWrite(id, CultureInfo.InvariantCulture, $"SYN-{index + 1:D9}", out int idLength);
                int doiLength = 0;
                if (keepDois)
                {
                    System.Text.Unicode.Utf8.TryWrite(doi, CultureInfo.InvariantCulture, $"10.5555/syn-{index + 1:D9}", out doiLength);
                }

                writer.BeginPublication(
                    PublicationSource.Synthetic, part.Years[i], id[..idLength], doi[..doiLength], keepDois, part.Citations[i],
                    -1, 0, index + 1);
                for (int end = pe + part.EntryCounts[i]; pe < end; pe++)
                {
                    byte flags = part.Flags[pe];
                    if ((flags & AuthorStart) != 0)
                    {
                        int keyRef = 0;
                        if (keepAuthors)
                        {
                            int key = part.AuthorKeys[pe];
                            int author = authorIndex[key];
                            if (author < 0)
                            {
                                System.Text.Unicode.Utf8.TryWrite(id, CultureInfo.InvariantCulture, $"SYN-A{key + 1:D7}", out int keyLength);
                                author = authorIndex[key] = authorKeys.Intern(id[..keyLength]);
                            }

                            keyRef = author + 1;
                        }

                        writer.BeginAuthor((flags & Corresponding) != 0, keyRef, -1);
                    }

                    int institution = part.Institutions[pe];
                    int row = institutionRow[institution];
                    if (row < 0)
                    {
                        row = institutionRow[institution] = rows.Count;
                        rows.Add(institution);
                    }

                    writer.AddAffiliation(0, row, -1);
                }

                int techCount = part.TechCounts[i];
                for (int t = 0; t < techCount; t++, pt++)
                {
                    int label = part.TechIds[pt];
                    int tech = techIndex[label];
                    if (tech < 0)
                    {
                        tech = techIndex[label] = techNames.Count;
                        techNames.Add(model.TechnologyNames[label]);
                    }

                    technologies[t] = (ushort)tech;
                }

                technologies[..techCount].Sort();
                writer.EndPublication(technologies[..techCount]);
            }
        }

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

        authorKeys.Freeze();
        var report = new IngestReport(corpusOptions.MaxIssueSamples);
        report.AddAccepted(count);
        var tables = new CorpusTables
        {
            TechnologyNames = [.. techNames],
            InstitutionRows = institutions,
            InstitutionCountries = institutionCountries,
            InstitutionUnits = institutionUnits,
            Institutions = [.. institutions],
            AuthorKeys = authorKeys,
        };
        return new Corpus(writer.ToStorage(tables, report), selection: null);
    }

    private const byte AuthorStart = 1;
    private const byte Corresponding = 2;

    private static Chunk Sample(SyntheticModel model, long start, int length)
    {
        var paper = new SyntheticPaper();
        var chunk = new Chunk(length);
        for (int i = 0; i < length; i++)
        {
            long index = start + i;
            model.Sample(index, paper);
            chunk.Years[i] = (short)paper.Year;
            chunk.Citations[i] = paper.Citations;
            int before = chunk.Institutions.Count;
            for (int u = 0; u < paper.AuthorCount; u++)
            {
                byte flags = (byte)(AuthorStart | (u == paper.Corresponding ? Corresponding : 0));
                for (int a = paper.AffiliationStart[u]; a < paper.AffiliationStart[u + 1]; a++)
                {
                    chunk.Institutions.Add(paper.Institutions[a]);
                    chunk.Flags.Add(flags);
                    chunk.AuthorKeys.Add(paper.AuthorKeys[u]);
                    flags &= Corresponding;
                }
            }

            chunk.EntryCounts[i] = chunk.Institutions.Count - before;
            chunk.TechCounts[i] = (byte)paper.TechnologyCount;
            for (int t = 0; t < paper.TechnologyCount; t++)
            {
                chunk.TechIds.Add((byte)paper.Technologies[t]);
            }
        }

        return chunk;
    }

    /// <summary>Sampled publications: years and citation counts; per entry the model's institution, author-start and corresponding flags, and author key.</summary>
    private sealed class Chunk(int length)
    {
        public short[] Years { get; } = new short[length];

        /// <summary>Citation counts, or -1 (<see cref="CorpusStorage.NoCitations"/>) when the corpus has none.</summary>
        public int[] Citations { get; } = new int[length];

        public int[] EntryCounts { get; } = new int[length];

        public byte[] TechCounts { get; } = new byte[length];

        public GrowableArray<int> Institutions = new(length * 8);

        public GrowableArray<byte> Flags = new(length * 8);

        public GrowableArray<int> AuthorKeys = new(length * 8);

        public GrowableArray<byte> TechIds = new(length * 2);
    }
}
