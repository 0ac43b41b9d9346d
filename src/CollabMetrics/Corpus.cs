using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.Model;

namespace CollabMetrics;

/// <summary>
/// An immutable, thread-safe collection of publications in compact columnar storage: the starting point of
/// every analysis. Filters return views that share the storage.
/// </summary>
/// <remarks>
/// <para>
/// Build a corpus once with <see cref="CorpusBuilder"/> (or <see cref="Build"/>), then slice it with
/// <see cref="Years(int, int)"/>, <see cref="InTechnology(string[])"/>, <see cref="WithCountry(Country[])"/> and
/// <see cref="Where"/>. A view keeps only the indices of its publications.
/// </para>
/// <para>
/// Storage: per publication a year, two offsets, a source byte, and its id and DOI front-coded in UTF-8 pools; per
/// affiliation four bytes holding the country or institution and the author boundaries. Author keys, names,
/// addresses and positions are kept as <see cref="CorpusOptions"/> says. See <see cref="StorageBytes"/> and
/// docs/design.md.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// Corpus corpus = Corpus.Build(publications);
/// Corpus recent = corpus.Years(2015, 2024).InTechnology("Quantum computing");
/// Console.WriteLine($"{recent.Count} publications");
/// </code>
/// </example>
public sealed partial class Corpus
{
    private readonly int[]? _selection;

    internal Corpus(CorpusStorage storage, int[]? selection)
    {
        Storage = storage;
        _selection = selection;
    }

    /// <summary>An empty corpus.</summary>
    public static Corpus Empty { get; } = new CorpusBuilder().Build();

    /// <summary>The number of publications in this corpus or view.</summary>
    public int Count => _selection?.Length ?? Storage.Count;

    /// <summary>Whether this is a filtered view of a larger corpus.</summary>
    public bool IsView => _selection is not null;

    /// <summary>What happened while reading and building the underlying corpus (shared by all its views).</summary>
    public IngestReport Report => Storage.Report.Freeze();

    /// <summary>Every technology label of the underlying corpus, in order of first appearance.</summary>
    public IReadOnlyList<string> Technologies => Array.AsReadOnly(Storage.TechnologyNames);

    /// <summary>
    /// Every institution of the underlying corpus, one per id (or name when there is no id), in order of first
    /// appearance. An institution is named by the most frequent non-blank name among its affiliations (ties: the
    /// ordinally smallest) and placed in the most frequent known country (ties: the smallest code), so the same
    /// publications in any order name it the same way; each affiliation of <see cref="Publications"/> keeps the
    /// name it was read with.
    /// </summary>
    public IReadOnlyList<Institution> Institutions => Array.AsReadOnly(Storage.Institutions);

    /// <summary>
    /// Bytes held by the columnar storage of the underlying corpus: the per-publication, per-author and
    /// per-affiliation arrays and the UTF-8 pools of ids, DOIs, author keys, names and addresses (not the small
    /// technology and institution tables).
    /// </summary>
    public long StorageBytes => Storage.StorageBytes;

    internal CorpusStorage Storage { get; }

    /// <summary>Indices into <see cref="Storage"/> of this view's publications, ascending; null for the whole corpus.</summary>
    internal int[]? Selection => _selection;

    /// <summary>The publication at <paramref name="index"/> (0-based, within this view).</summary>
    public PublicationRecord this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The corpus has {Count} publications.");
            }

            return new PublicationRecord(Storage, _selection?[index] ?? index);
        }
    }

    /// <summary>Builds a corpus from a sequence of publications, enumerating it once.</summary>
    /// <param name="publications">The publications.</param>
    /// <param name="options">Options; default <see cref="CorpusOptions.Default"/>.</param>
    /// <param name="report">A report to continue (the readers' report); default a new one.</param>
    public static Corpus Build(IEnumerable<Publication> publications, CorpusOptions? options = null, IngestReport? report = null)
    {
        ArgumentNullException.ThrowIfNull(publications);
        return new CorpusBuilder(options, report).AddRange(publications).Build();
    }

    /// <summary>The publications of this corpus, as lightweight records (no allocation per publication).</summary>
    public IEnumerable<PublicationRecord> Records
    {
        get
        {
            for (int i = 0; i < Count; i++)
            {
                yield return new PublicationRecord(Storage, _selection?[i] ?? i);
            }
        }
    }

    /// <summary>
    /// The publications of this corpus, materialized one at a time (see <see cref="PublicationRecord.ToPublication"/>):
    /// with author names, affiliation addresses and positions unless <see cref="CorpusOptions.KeepRecordDetails"/>
    /// was off.
    /// </summary>
    public IEnumerable<Publication> Publications
    {
        get
        {
            for (int i = 0; i < Count; i++)
            {
                yield return new PublicationRecord(Storage, _selection?[i] ?? i).ToPublication();
            }
        }
    }

    /// <summary>The distinct years present, ascending (publications without a year are not represented).</summary>
    public IReadOnlyList<int> YearsPresent()
    {
        var seen = new SortedSet<int>();
        var years = Storage.Years;
        for (int i = 0; i < Count; i++)
        {
            int y = years[_selection?[i] ?? i];
            if (y != 0)
            {
                seen.Add(y);
            }
        }

        return [.. seen];
    }

    /// <summary>
    /// A view of the publications from <paramref name="from"/> to <paramref name="to"/>, both included. Years wholly
    /// outside the first to last year of the underlying corpus are a question the corpus cannot answer, an error
    /// naming its years; inside them, a year without publications gives an empty view (a real zero).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>, or no year of the range is within the corpus's years.</exception>
    public Corpus Years(int from, int to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The range ends ({to}) before it starts ({from}).");
        }

        var span = Storage.YearSpan;
        Unanswerable.ThrowIfOutside(from, to, span?.First, span?.Last, "the corpus", nameof(from));

        var years = Storage.Years;
        return Filter(k => years[k] >= from && years[k] <= to);
    }

    /// <summary>A view of the publications of one year, as <see cref="Years(int, int)"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside the corpus's years.</exception>
    public Corpus Year(int year) => Years(year, year);

    /// <summary>
    /// A view of the publications labelled with any of the given technologies (labels compare exactly). A label that
    /// no publication of the underlying corpus carries is an error naming the closest labels, never an empty view.
    /// </summary>
    /// <exception cref="ArgumentException">No label is given, or a label is not one of <see cref="Technologies"/>.</exception>
    public Corpus InTechnology(params string[] technologies)
    {
        ArgumentNullException.ThrowIfNull(technologies);
        if (technologies.Length == 0)
        {
            throw new ArgumentException("Name at least one technology.", nameof(technologies));
        }

        Unanswerable.ThrowIfUnknownTechnology(technologies, Storage.TechnologyNames, "the corpus", nameof(technologies));

        var wanted = new bool[Storage.TechnologyNames.Length];
        for (int t = 0; t < wanted.Length; t++)
        {
            wanted[t] = Array.IndexOf(technologies, Storage.TechnologyNames[t]) >= 0;
        }

        var techStart = Storage.TechStart;
        var techIds = Storage.TechIds;
        return Filter(k =>
        {
            for (int j = techStart[k]; j < techStart[k + 1]; j++)
            {
                if (wanted[techIds[j]])
                {
                    return true;
                }
            }

            return false;
        });
    }

    /// <summary>
    /// A view of the publications of the given document types (<c>corpus.OfTypes(DocumentType.Article,
    /// DocumentType.Review)</c>), normalised across sources as docs/formats.md says.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No type is given; or no publication of the underlying corpus is of any of the types (the message names the types
    /// its publications have, with their counts), or none has a document type at all (its sources give none): the
    /// question cannot be answered, and an empty view would read as "no such documents" (docs/fluent-api.md). Types
    /// the corpus has that select nothing together with other filters give an empty view, a real zero.
    /// </exception>
    /// <example>
    /// <code>
    /// Corpus papers = corpus.OfTypes(DocumentType.Article, DocumentType.Review);
    /// </code>
    /// </example>
    public Corpus OfTypes(params DocumentType[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        if (types.Length == 0)
        {
            throw new ArgumentException("Name at least one document type.", nameof(types));
        }

        var wanted = new bool[DocumentInfo.TypeMask + 1];
        foreach (var type in types)
        {
            if (!Enum.IsDefined(type))
            {
                throw new ArgumentOutOfRangeException(nameof(types), type, $"Not a document type; use {DocumentTypes.Choices}.");
            }

            wanted[(int)type] = true;
        }

        var documents = Storage.Documents;
        Unanswerable.ThrowIfNoneOfTypes(wanted, DocumentTypeCounts(), "the corpus", nameof(types));
        return Filter(k => wanted[documents[k] & DocumentInfo.TypeMask]);
    }

    /// <summary>The publications of each document type in the underlying corpus, indexed by type value.</summary>
    internal long[] DocumentTypeCounts()
    {
        var counts = new long[DocumentInfo.TypeMask + 1];
        foreach (var d in Storage.Documents)
        {
            counts[d & DocumentInfo.TypeMask]++;
        }

        return counts;
    }

    /// <summary>A view of the publications of the named document types (names as <see cref="DocumentTypes.Parse"/> reads them: <c>article</c>, <c>review</c>, ...).</summary>
    /// <exception cref="FormatException">A name is not a document type; the message lists the names and the closest ones.</exception>
    /// <exception cref="ArgumentException">No publication of the corpus is of any of the types, as for <see cref="OfTypes(DocumentType[])"/>.</exception>
    public Corpus OfTypes(params string[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return OfTypes([.. types.Select(DocumentTypes.Parse)]);
    }

    /// <summary>A view of the publications with at least one affiliation in any of the given countries (ISO codes, before territory policies).</summary>
    /// <exception cref="ArgumentException">No country is given.</exception>
    public Corpus WithCountry(params Country[] countries)
    {
        ArgumentNullException.ThrowIfNull(countries);
        if (countries.Length == 0)
        {
            throw new ArgumentException("Name at least one country.", nameof(countries));
        }

        var wanted = new bool[Country.MaxId + 1];
        foreach (var c in countries)
        {
            wanted[c.Id] = c.IsKnown;
        }

        var storage = Storage;
        return Filter(k =>
        {
            var cursor = storage.Entries(k);
            while (cursor.MoveNext())
            {
                if (wanted[cursor.Country])
                {
                    return true;
                }
            }

            return false;
        });
    }

    /// <summary>A view of the publications that satisfy <paramref name="predicate"/>.</summary>
    public Corpus Where(Func<PublicationRecord, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var storage = Storage;
        return Filter(k => predicate(new PublicationRecord(storage, k)));
    }

    /// <summary>"Corpus of N publications".</summary>
    public override string ToString() => IsView ? $"Corpus view of {Count} publications" : $"Corpus of {Count} publications";

    private Corpus Filter(Func<int, bool> keep)
    {
        var selected = new List<int>();
        for (int i = 0; i < Count; i++)
        {
            int k = _selection?[i] ?? i;
            if (keep(k))
            {
                selected.Add(k);
            }
        }

        return new Corpus(Storage, [.. selected]);
    }
}
