using CollabMetrics.Model;

namespace CollabMetrics;

/// <summary>
/// Which publications a corpus leaves out when it is built, and counts in its report
/// (<see cref="IO.IngestReport.Excluded"/>): retracted works and paratext by default, and optionally hyper-authored
/// works. Immutable; change with <c>with</c>. Document types are chosen with a view instead
/// (<see cref="Corpus.OfTypes(DocumentType[])"/>), since a corpus can answer for any of them.
/// </summary>
/// <example>
/// <code>
/// var options = CorpusOptions.Default with { Documents = DocumentFilter.Default with { MaxAuthors = 100 } };
/// Corpus corpus = Corpus.FromFile("works.jsonl.gz", corpusOptions: options);
/// Console.WriteLine($"{corpus.Report.ExcludedTotal} works left out");
/// </code>
/// </example>
public sealed record DocumentFilter
{
    /// <summary>Leaves out retracted works and paratext; keeps every author count.</summary>
    public static DocumentFilter Default { get; } = new();

    /// <summary>Leaves out nothing.</summary>
    public static DocumentFilter None { get; } = new() { IncludeRetracted = true, IncludeParatext = true };

    /// <summary>Keep works the source says were retracted (<see cref="Publication.IsRetracted"/>). Default false: they are left out and counted.</summary>
    public bool IncludeRetracted { get; init; }

    /// <summary>Keep paratext (<see cref="Publication.IsParatext"/>: front matter, tables of contents). Default false: it is left out and counted.</summary>
    public bool IncludeParatext { get; init; }

    /// <summary>
    /// Leave out works with more than this many authors (hyper-authored papers, such as the large physics
    /// collaborations), counted as <see cref="ExclusionReason.TooManyAuthors"/>. Default null: no limit. This is a
    /// choice of analysis, unlike <see cref="IO.ReadLimits.MaxAuthors"/>, which rejects records too large to read.
    /// </summary>
    public int? MaxAuthors
    {
        get;
        init
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxAuthors must be at least 1 (null for no limit).");
            }

            field = value;
        }
    }

    /// <summary>Whether this filter leaves nothing out.</summary>
    public bool IsNone => IncludeRetracted && IncludeParatext && MaxAuthors is null;

    /// <summary>Why a publication is left out, or null when it is kept.</summary>
    /// <param name="document">Its packed document type and flags (see <see cref="DocumentInfo"/>).</param>
    /// <param name="authors">Its number of authors.</param>
    internal ExclusionReason? Excludes(byte document, int authors)
    {
        if (!IncludeRetracted && (document & DocumentInfo.Retracted) != 0)
        {
            return ExclusionReason.Retracted;
        }

        if (!IncludeParatext && (document & DocumentInfo.Paratext) != 0)
        {
            return ExclusionReason.Paratext;
        }

        if (MaxAuthors is { } max && authors > max)
        {
            return ExclusionReason.TooManyAuthors;
        }

        return null;
    }

    /// <summary>"retracted and paratext left out, at most 100 authors", for messages and cube provenance.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (!IncludeRetracted)
        {
            parts.Add("retracted works left out");
        }

        if (!IncludeParatext)
        {
            parts.Add("paratext left out");
        }

        if (MaxAuthors is { } max)
        {
            parts.Add(FormattableString.Invariant($"at most {max} authors"));
        }

        return parts.Count == 0 ? "every document kept" : string.Join(", ", parts);
    }
}

/// <summary>Why a <see cref="DocumentFilter"/> left a publication out of a corpus.</summary>
public enum ExclusionReason
{
    /// <summary>The source says the work was retracted.</summary>
    Retracted = 0,

    /// <summary>The work is paratext (front matter, a table of contents, a cover).</summary>
    Paratext = 1,

    /// <summary>The work has more authors than <see cref="DocumentFilter.MaxAuthors"/>.</summary>
    TooManyAuthors = 2,
}
