namespace CollabMetrics.Impact;

/// <summary>
/// What the engine needs of a <see cref="CitationSource"/>: the value of each publication (what its histograms are
/// kept by), and the top x% flag, the normalised citation score and the raw citation count of each value.
/// </summary>
/// <remarks>
/// A value is a long, <c>class &lt;&lt; 32 | number</c> (<see cref="ReferenceCell.ValueOf"/>). With
/// <see cref="CitationSource.Counts"/> the number is the citation count and the flags and scores follow from each
/// reference set's distribution (<see cref="ReferenceScores"/>). With <see cref="CitationSource.OpenAlex"/> the number
/// is the index of the publication's (citations, FWCI, percentile) among the distinct ones of the corpus, sorted, and
/// the flags and scores are OpenAlex's own, one per value.
/// </remarks>
internal abstract class ImpactScoring
{
    /// <summary>The source these scores come from.</summary>
    internal abstract CitationSource Source { get; }

    /// <summary>Whether the values are scored by each reference set's distribution (so that statistics merge by value).</summary>
    internal bool ByDistribution => Source == CitationSource.Counts;

    /// <summary>The scoring of a corpus (or view) under <paramref name="source"/>.</summary>
    /// <param name="corpus">The corpus.</param>
    /// <param name="source">Where the impact comes from.</param>
    /// <param name="referenceClasses">The reference-set class of each publication of the storage, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The source is not defined.</exception>
    internal static ImpactScoring For(Corpus corpus, CitationSource source, byte[]? referenceClasses) => source switch
    {
        CitationSource.Counts => new CountScoring(corpus.Storage, referenceClasses),
        CitationSource.OpenAlex => OpenAlexScoring.Of(corpus),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Use CitationSource.Counts or CitationSource.OpenAlex."),
    };

    /// <summary>The value of publication <paramref name="k"/> (a storage position); false when it has no citation data of this source.</summary>
    internal abstract bool TryValue(int k, out long value);

    /// <summary>
    /// Fills the top x% flag and the normalised score of every value of sorted distinct <paramref name="values"/>, whose
    /// publications are <paramref name="counts"/> (whole, or weighted in a bootstrap replicate).
    /// </summary>
    internal abstract void Score(ReadOnlySpan<long> values, ReadOnlySpan<double> counts, TopPercent x, Span<double> top, Span<double> ncs);

    /// <summary>The raw citation count of a value (for the h-index); 0 when unknown.</summary>
    internal abstract int Citations(long value);

    /// <summary>Citation counts and CollabMetrics' reference sets.</summary>
    private sealed class CountScoring(CorpusStorage storage, byte[]? classes) : ImpactScoring
    {
        private readonly int[]? _citations = storage.Citations;

        internal override CitationSource Source => CitationSource.Counts;

        internal override bool TryValue(int k, out long value)
        {
            int c = _citations is null ? CorpusStorage.NoCitations : _citations[k];
            value = c < 0 ? 0 : ReferenceCell.ValueOf(classes is null ? 0 : classes[k], c);
            return c >= 0;
        }

        internal override void Score(ReadOnlySpan<long> values, ReadOnlySpan<double> counts, TopPercent x, Span<double> top, Span<double> ncs) =>
            ReferenceScores.Compute(values, counts, x, top, ncs);

        internal override int Citations(long value) => ReferenceCell.CitationsOf(value);
    }
}

/// <summary>
/// OpenAlex's own normalisation (<see cref="CitationSource.OpenAlex"/>): each publication with an FWCI and a citation
/// percentile has the value of its (citations, FWCI, percentile, flags) among the distinct ones of the corpus, in
/// sorted order, so the values do not depend on the order of the corpus or the number of threads.
/// </summary>
internal sealed class OpenAlexScoring : ImpactScoring
{
    private readonly int[] _valueOf;
    private readonly int[] _citations;
    private readonly double[] _fwci;
    private readonly double[] _percentile;
    private readonly bool[] _top1;
    private readonly bool[] _top10;

    private OpenAlexScoring(int[] valueOf, int[] citations, double[] fwci, double[] percentile, bool[] top1, bool[] top10)
    {
        _valueOf = valueOf;
        _citations = citations;
        _fwci = fwci;
        _percentile = percentile;
        _top1 = top1;
        _top10 = top10;
    }

    internal override CitationSource Source => CitationSource.OpenAlex;

    /// <summary>The number of distinct (citations, FWCI, percentile) of the corpus.</summary>
    internal int DistinctValues => _fwci.Length;

    /// <summary>Reads the FWCI and percentile of every publication of <paramref name="corpus"/> (one pass).</summary>
    internal static OpenAlexScoring Of(Corpus corpus)
    {
        var storage = corpus.Storage;
        var valueOf = new int[storage.Count];
        Array.Fill(valueOf, -1);
        var column = storage.OpenAlexImpact;
        var citations = storage.Citations;
        var distinct = new Dictionary<Entry, int>();
        var selection = corpus.Selection;
        if (column is not null)
        {
            for (int i = 0; i < corpus.Count; i++)
            {
                int k = selection?[i] ?? i;
                if (column.Fwci(k) is not { } fwci || column.Percentile(k) is not { } percentile)
                {
                    continue;
                }

                var entry = new Entry(Math.Max(0, citations?[k] ?? 0), fwci, percentile.Value, percentile.IsInTop1Percent, percentile.IsInTop10Percent);
                if (!distinct.TryGetValue(entry, out int id))
                {
                    id = distinct.Count;
                    distinct.Add(entry, id);
                }

                valueOf[k] = id;
            }
        }

        var entries = new Entry[distinct.Count];
        var order = new int[distinct.Count];
        foreach (var (entry, id) in distinct)
        {
            entries[id] = entry;
            order[id] = id;
        }

        Array.Sort(entries, order);
        var rank = new int[order.Length];
        for (int r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        for (int k = 0; k < valueOf.Length; k++)
        {
            if (valueOf[k] >= 0)
            {
                valueOf[k] = rank[valueOf[k]];
            }
        }

        int n = entries.Length;
        var c = new int[n];
        var f = new double[n];
        var p = new double[n];
        var t1 = new bool[n];
        var t10 = new bool[n];
        for (int r = 0; r < n; r++)
        {
            (c[r], f[r], p[r], t1[r], t10[r]) = (entries[r].Citations, entries[r].Fwci, entries[r].Percentile, entries[r].Top1, entries[r].Top10);
        }

        return new OpenAlexScoring(valueOf, c, f, p, t1, t10);
    }

    internal override bool TryValue(int k, out long value)
    {
        int id = _valueOf[k];
        value = id < 0 ? 0 : ReferenceCell.ValueOf(0, id);
        return id >= 0;
    }

    /// <summary>
    /// OpenAlex's flags: <c>is_in_top_1_percent</c> for x = 1, <c>is_in_top_10_percent</c> for x = 10, the percentile at
    /// least 1 - x otherwise (compared in decimal, so 0.9 is in the top 10%); NCS is the FWCI.
    /// </summary>
    internal override void Score(ReadOnlySpan<long> values, ReadOnlySpan<double> counts, TopPercent x, Span<double> top, Span<double> ncs)
    {
        decimal threshold = 1m - (x.Percent / 100m);
        for (int v = 0; v < values.Length; v++)
        {
            int id = ReferenceCell.CitationsOf(values[v]);
            bool flagged = x.Percent == 1m ? _top1[id]
                : x.Percent == 10m ? _top10[id]
                : (decimal)_percentile[id] >= threshold;
            top[v] = flagged ? 1.0 : 0.0;
            ncs[v] = _fwci[id];
        }
    }

    internal override int Citations(long value) => _citations[ReferenceCell.CitationsOf(value)];

    private readonly record struct Entry(int Citations, double Fwci, double Percentile, bool Top1, bool Top10) : IComparable<Entry>
    {
        public int CompareTo(Entry other)
        {
            int c = Citations.CompareTo(other.Citations);
            c = c != 0 ? c : Fwci.CompareTo(other.Fwci);
            c = c != 0 ? c : Percentile.CompareTo(other.Percentile);
            c = c != 0 ? c : Top1.CompareTo(other.Top1);
            return c != 0 ? c : Top10.CompareTo(other.Top10);
        }
    }
}
