namespace CollabMetrics.Model;

/// <summary>
/// The kind of document a publication is, normalised the same way for every source (docs/formats.md, "Document
/// types"): OpenAlex <c>type</c>, Web of Science <c>DT</c> and Scopus <c>Document Type</c> map onto these values.
/// Names are lower case with hyphens (<c>book-chapter</c>), as OpenAlex spells them; see <see cref="DocumentTypes"/>.
/// </summary>
public enum DocumentType : byte
{
    /// <summary>The source gives no document type.</summary>
    Unknown = 0,

    /// <summary>Original research in a journal (OpenAlex <c>article</c>, WoS <c>Article</c>, Scopus <c>Article</c>).</summary>
    Article = 1,

    /// <summary>A review article (OpenAlex <c>review</c>, WoS <c>Review</c>, Scopus <c>Review</c> and <c>Short Survey</c>).</summary>
    Review = 2,

    /// <summary>A paper in conference proceedings (WoS <c>Proceedings Paper</c>, Scopus <c>Conference Paper</c>).</summary>
    ConferencePaper = 3,

    /// <summary>A chapter of a book.</summary>
    BookChapter = 4,

    /// <summary>A whole book.</summary>
    Book = 5,

    /// <summary>A review of a book.</summary>
    BookReview = 6,

    /// <summary>An editorial (WoS <c>Editorial Material</c>).</summary>
    Editorial = 7,

    /// <summary>A letter.</summary>
    Letter = 8,

    /// <summary>A note (WoS and Scopus <c>Note</c>).</summary>
    Note = 9,

    /// <summary>A correction (OpenAlex <c>erratum</c>, WoS <c>Correction</c>, Scopus <c>Erratum</c>).</summary>
    Erratum = 10,

    /// <summary>A retraction notice (not the retracted work itself, which keeps its type and is flagged retracted).</summary>
    Retraction = 11,

    /// <summary>A meeting abstract (WoS <c>Meeting Abstract</c>, Scopus <c>Abstract Report</c>).</summary>
    MeetingAbstract = 12,

    /// <summary>A preprint.</summary>
    Preprint = 13,

    /// <summary>A dataset.</summary>
    Dataset = 14,

    /// <summary>A thesis or dissertation.</summary>
    Dissertation = 15,

    /// <summary>A report.</summary>
    Report = 16,

    /// <summary>A standard.</summary>
    Standard = 17,

    /// <summary>An entry of a reference work (encyclopedia, dictionary).</summary>
    ReferenceEntry = 18,

    /// <summary>A peer review report.</summary>
    PeerReview = 19,

    /// <summary>Supplementary materials.</summary>
    SupplementaryMaterials = 20,

    /// <summary>Paratext: front matter, tables of contents, covers, indexes (OpenAlex <c>paratext</c>).</summary>
    Paratext = 21,

    /// <summary>A grant.</summary>
    Grant = 22,

    /// <summary>Any other type the source names (news items, biographical items, OpenAlex <c>libguides</c>, ...).</summary>
    Other = 23,
}
