using System.Globalization;
using System.Text;
using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics;

/// <summary>
/// Merges the records that are one publication (the same DOI, or the same source and id) into one, by a rule that
/// depends only on the records, never on the order they were read in.
/// </summary>
/// <remarks>
/// <para>
/// The records of a group are put in priority order: by source (OpenAlex, Web of Science, Scopus, CollabMetrics CSV,
/// synthetic, unknown), then by id (ordinal), then by file name (ordinal), line and record number, then by content.
/// The first is the group's representative.
/// </para>
/// <list type="bullet">
/// <item>Id, source and position are the representative's; year, citations, DOI, OpenAlex FWCI and citation percentile each the first known in priority order.</item>
/// <item>Technologies are the union of all the records' labels.</item>
/// <item>
/// Authors are aligned by position (first author with first author, ...); the merged publication has as many as the
/// record with the most. For each position: the key and name of the first record (in priority order) that has one;
/// corresponding when any record says so; the affiliations of the first record that lists the position, plus, from
/// each other record in priority order, its affiliations in countries the position does not have yet. A lone empty
/// entry (an author without affiliations) gives way to the affiliations another record gives.
/// </item>
/// </list>
/// <para>
/// A record whose year, number of authors or set of resolved countries at any author position differs from the
/// representative's is a merge conflict: counted in the report with a sample naming the file and record of both.
/// </para>
/// </remarks>
internal static class CorpusMerge
{
    /// <summary>Copies <paramref name="all"/> into new storage, each group merged into one publication at the place of its first record.</summary>
    /// <param name="all">Every record read, duplicates included, with every column.</param>
    /// <param name="groups">Each group's first record and its records, ascending.</param>
    /// <param name="columns">The columns the corpus keeps.</param>
    /// <param name="tables">The tables <paramref name="all"/> refers to.</param>
    /// <param name="report">Where merge conflicts are counted.</param>
    /// <param name="excluded">Records to leave out (with their groups, marked at the first record), or null.</param>
    internal static CorpusStorage Merge(CorpusStorage all, Dictionary<int, List<int>> groups, CorpusStorage.Columns columns, CorpusTables tables, IngestReport report, bool[]? excluded = null)
    {
        var merged = excluded is null ? new bool[all.Count] : (bool[])excluded.Clone();
        foreach (var members in groups.Values)
        {
            for (int i = 1; i < members.Count; i++)
            {
                merged[members[i]] = true;
            }
        }

        int count = all.Count;
        foreach (bool m in merged)
        {
            count -= m ? 1 : 0;
        }

        var writer = new CorpusStorage.Writer(columns, count, all.EntryTotal);
        for (int k = 0; k < all.Count; k++)
        {
            if (merged[k])
            {
                continue;
            }

            if (groups.TryGetValue(k, out var members))
            {
                WriteGroup(all, members, writer, report);
            }
            else
            {
                writer.Append(all, k);
            }
        }

        return writer.ToStorage(tables, report, columns.Dois, columns.Positions);
    }

    /// <summary>The rank of a source in the merge priority (lower first).</summary>
    internal static int SourceRank(PublicationSource source) => source switch
    {
        PublicationSource.OpenAlex => 0,
        PublicationSource.WebOfScience => 1,
        PublicationSource.Scopus => 2,
        PublicationSource.CollabMetricsCsv => 3,
        PublicationSource.Synthetic => 4,
        PublicationSource.Unknown => 5,
        _ => 6 + (int)source,
    };

    private static void WriteGroup(CorpusStorage all, List<int> members, CorpusStorage.Writer writer, IngestReport report)
    {
        var records = new List<Record>(members.Count);
        foreach (int k in members)
        {
            records.Add(Record.Read(all, k));
        }

        records.Sort(Compare);
        var first = records[0];
        int year = 0, citations = CorpusStorage.NoCitations;
        byte[]? doi = null;
        var technologies = new SortedSet<ushort>();
        int authors = 0;
        foreach (var r in records)
        {
            year = year == 0 ? r.Year : year;
            citations = citations < 0 ? r.Citations : citations;
            doi ??= r.Doi;
            technologies.UnionWith(r.Technologies);
            authors = Math.Max(authors, r.Authors.Count);
        }

        writer.BeginPublication(first.Source, year, first.Id, doi, doi is not null, citations, first.File, first.Line, first.RecordNumber, MergedDocument(records, authors));
        SetOpenAlexImpact(all, records, writer);
        var countries = new HashSet<int>();
        var before = new List<int>();
        for (int u = 0; u < authors; u++)
        {
            Author? lead = null;
            bool corresponding = false;
            int keyRef = 0, name = -1;
            foreach (var r in records)
            {
                if (u >= r.Authors.Count)
                {
                    continue;
                }

                var a = r.Authors[u];
                lead ??= a;
                corresponding |= a.Corresponding;
                keyRef = keyRef == 0 ? a.KeyRef : keyRef;
                name = name < 0 ? a.Name : name;
            }

            writer.BeginAuthor(corresponding, keyRef, name);
            countries.Clear();
            var entries = new List<Entry>();
            foreach (var e in lead!.Entries)
            {
                entries.Add(e);
                if (e.Country != 0)
                {
                    countries.Add(e.Country);
                }
            }

            foreach (var r in records)
            {
                if (u >= r.Authors.Count || ReferenceEquals(r.Authors[u], lead))
                {
                    continue;
                }

                before.Clear();
                before.AddRange(countries);
                foreach (var e in r.Authors[u].Entries)
                {
                    if (e.Country != 0 && !before.Contains(e.Country))
                    {
                        entries.Add(e);
                        countries.Add(e.Country);
                    }
                }
            }

            int skip = entries.Count > 1 && entries[0].IsEmpty && lead.Entries.Count == 1 ? 1 : 0;
            for (int i = skip; i < entries.Count; i++)
            {
                writer.AddAffiliation(entries[i].Country, entries[i].InstitutionRow, entries[i].Address);
            }
        }

        writer.EndPublication([.. technologies]);

        for (int i = 1; i < records.Count; i++)
        {
            if (Difference(first, records[i]) is { } difference)
            {
                var key = doi is not null ? $"DOI '{Encoding.UTF8.GetString(doi)}'" : $"id '{Encoding.UTF8.GetString(first.Id)}'";
                report.AddMergeConflict(
                    records[i].Position(all),
                    doi is not null ? "DOI" : "id",
                    $"{key}: '{Encoding.UTF8.GetString(records[i].Id)}' ({Describe(records[i].Position(all))}) and '{Encoding.UTF8.GetString(first.Id)}' ({Describe(first.Position(all))}) differ: {difference}; merged by the merge rule.");
            }
        }
    }

    /// <summary>OpenAlex's FWCI and citation percentile of a group: each the first known in priority order.</summary>
    private static void SetOpenAlexImpact(CorpusStorage all, List<Record> records, CorpusStorage.Writer writer)
    {
        if (all.OpenAlexImpact is not { } column)
        {
            return;
        }

        double? fwci = null;
        CitationPercentile? percentile = null;
        foreach (var r in records)
        {
            fwci ??= column.Fwci(r.Index);
            percentile ??= column.Percentile(r.Index);
        }

        writer.SetOpenAlexImpact(fwci, percentile);
    }

    /// <summary>
    /// The document type and flags of a group: the first known type in priority order; retracted or paratext when any
    /// record says so; authors truncated when every record with the most authors says so (a complete list from one
    /// source makes the merged byline complete).
    /// </summary>
    internal static byte MergedDocument(IReadOnlyList<byte> documents, IReadOnlyList<int> authorCounts, int authors)
    {
        var type = DocumentType.Unknown;
        bool retracted = false, paratext = false, truncated = true;
        for (int i = 0; i < documents.Count; i++)
        {
            byte d = documents[i];
            if (type == DocumentType.Unknown)
            {
                type = DocumentInfo.Type(d);
            }

            retracted |= (d & DocumentInfo.Retracted) != 0;
            paratext |= (d & DocumentInfo.Paratext) != 0;
            if (authorCounts[i] == authors)
            {
                truncated &= (d & DocumentInfo.AuthorsTruncated) != 0;
            }
        }

        return DocumentInfo.Pack(type, retracted, paratext, truncated && documents.Count > 0);
    }

    private static byte MergedDocument(List<Record> records, int authors)
    {
        var documents = new byte[records.Count];
        var counts = new int[records.Count];
        for (int i = 0; i < records.Count; i++)
        {
            documents[i] = records[i].Document;
            counts[i] = records[i].Authors.Count;
        }

        return MergedDocument(documents, counts, authors);
    }

    /// <summary>What differs between the representative and another record of its group, or null.</summary>
    private static string? Difference(Record first, Record other)
    {
        if (first.Year != other.Year)
        {
            return $"year {Year(other.Year)} vs {Year(first.Year)}";
        }

        if (first.Authors.Count != other.Authors.Count)
        {
            return $"{other.Authors.Count} authors vs {first.Authors.Count}";
        }

        for (int u = 0; u < first.Authors.Count; u++)
        {
            var a = first.Authors[u].Countries();
            var b = other.Authors[u].Countries();
            if (!a.SetEquals(b))
            {
                return $"author {u + 1} countries {Countries(b)} vs {Countries(a)}";
            }
        }

        return null;

        static string Year(int year) => year == 0 ? "none" : year.ToString(CultureInfo.InvariantCulture);

        static string Countries(SortedSet<int> ids) =>
            ids.Count == 0 ? "none" : string.Join(", ", ids.Select(id => Geography.Country.FromIdUnchecked(id).Code));
    }

    private static string Describe(SourcePosition position)
    {
        var text = $"{position.File ?? "(no file)"}, record {position.Record.ToString(CultureInfo.InvariantCulture)}";
        return position.Line > 0 ? $"{text}, line {position.Line.ToString(CultureInfo.InvariantCulture)}" : text;
    }

    /// <summary>The priority order of records: source, id, file, line, record, content.</summary>
    private static int Compare(Record x, Record y)
    {
        int c = SourceRank(x.Source).CompareTo(SourceRank(y.Source));
        if (c == 0)
        {
            c = x.Id.AsSpan().SequenceCompareTo(y.Id);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.FileName, y.FileName);
        }

        if (c == 0)
        {
            c = x.Line.CompareTo(y.Line);
        }

        if (c == 0)
        {
            c = x.RecordNumber.CompareTo(y.RecordNumber);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Canonical, y.Canonical);
        }

        return c;
    }

    private readonly record struct Entry(int Country, int InstitutionRow, int Address)
    {
        public bool IsEmpty => Country == 0 && InstitutionRow < 0 && Address < 0;
    }

    private sealed class Author
    {
        public bool Corresponding { get; init; }

        public int KeyRef { get; init; }

        public int Name { get; init; }

        public List<Entry> Entries { get; } = [];

        public SortedSet<int> Countries()
        {
            var set = new SortedSet<int>();
            foreach (var e in Entries)
            {
                if (e.Country != 0)
                {
                    set.Add(e.Country);
                }
            }

            return set;
        }
    }

    /// <summary>One record of a group, decoded.</summary>
    private sealed class Record
    {
        private string? _canonical;

        public required int Index { get; init; }

        public required PublicationSource Source { get; init; }

        public required byte[] Id { get; init; }

        public byte[]? Doi { get; init; }

        public int Year { get; init; }

        public int Citations { get; init; }

        public byte Document { get; init; }

        public int File { get; init; }

        public string? FileName { get; init; }

        public long Line { get; init; }

        public long RecordNumber { get; init; }

        public required ushort[] Technologies { get; init; }

        public required string TechnologyLabels { get; init; }

        public List<Author> Authors { get; } = [];

        /// <summary>The content as text in a form that does not depend on interning order, for the last tie-break.</summary>
        public string Canonical => _canonical ??= BuildCanonical();

        /// <summary>Set by <see cref="Read"/>: the storage the record came from, for the canonical form.</summary>
        private CorpusStorage? Storage { get; init; }

        public SourcePosition Position(CorpusStorage all) => all.Position(Index);

        public static Record Read(CorpusStorage all, int k)
        {
            byte[] scratch = new byte[64];
            int idLength = all.Ids.CopyTo(k, ref scratch);
            var id = scratch.AsSpan(0, idLength).ToArray();
            byte[]? doi = null;
            if (all.Dois is { } dois)
            {
                int doiLength = dois.CopyTo(k, ref scratch);
                doi = doiLength >= 0 ? scratch.AsSpan(0, doiLength).ToArray() : null;
            }

            var position = all.Position(k);
            var technologies = all.TechnologiesOf(k).ToArray();
            var labels = new string[technologies.Length];
            for (int t = 0; t < labels.Length; t++)
            {
                labels[t] = all.TechnologyNames[technologies[t]];
            }

            Array.Sort(labels, StringComparer.Ordinal);
            var record = new Record
            {
                Index = k,
                Source = (PublicationSource)all.Sources[k],
                Id = id,
                Doi = doi,
                Year = all.Years[k],
                Citations = all.Citations?[k] ?? CorpusStorage.NoCitations,
                Document = all.Documents[k],
                File = all.PositionFiles?[k] ?? -1,
                FileName = position.File,
                Line = position.Line,
                RecordNumber = position.Record,
                Technologies = technologies,
                TechnologyLabels = string.Join('\u001F', labels),
                Storage = all,
            };

            var cursor = all.Entries(k);
            Author? author = null;
            while (cursor.MoveNext())
            {
                if (cursor.IsAuthorStart)
                {
                    author = new Author
                    {
                        Corresponding = cursor.IsCorresponding,
                        KeyRef = all.AuthorKeyRef(k, cursor.AuthorPosition),
                        Name = all.AuthorNameRef(k, cursor.AuthorPosition),
                    };
                    record.Authors.Add(author);
                }

                author!.Entries.Add(new Entry(cursor.Country, cursor.InstitutionRow, all.Addresses?[cursor.Entry] ?? -1));
            }

            return record;
        }

        private string BuildCanonical()
        {
            var all = Storage!;
            var sb = new StringBuilder();
            sb.Append(Year).Append('|').Append(Citations).Append('|').Append(Document).Append('|').Append(TechnologyLabels).Append('|');
            foreach (var a in Authors)
            {
                sb.Append(a.Corresponding ? '*' : ' ');
                int key = a.KeyRef;
                sb.Append(key == 0 ? string.Empty : (key > 0 ? "i:" : "n:") + all.Tables.AuthorKeys.Get(Math.Abs(key) - 1)).Append('\u001E');
                sb.Append(a.Name >= 0 ? all.Tables.AuthorNames!.Get(a.Name) : string.Empty).Append('\u001E');
                foreach (var e in a.Entries)
                {
                    sb.Append(e.Country).Append(':');
                    sb.Append(e.InstitutionRow >= 0 ? all.Tables.InstitutionRows[e.InstitutionRow].Key : string.Empty).Append(':');
                    sb.Append(e.InstitutionRow >= 0 ? all.Tables.InstitutionRows[e.InstitutionRow].Name : string.Empty).Append(':');
                    sb.Append(e.Address >= 0 ? all.Tables.Addresses!.Get(e.Address) : string.Empty).Append('\u001D');
                }

                sb.Append('\u001C');
            }

            all.OpenAlexImpact?.AppendCanonical(Index, sb);
            return sb.ToString();
        }
    }
}
