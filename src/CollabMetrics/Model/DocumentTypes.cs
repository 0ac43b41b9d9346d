using System.Diagnostics.CodeAnalysis;

namespace CollabMetrics.Model;

/// <summary>
/// The names of <see cref="DocumentType"/> values (<c>article</c>, <c>book-chapter</c>, ...) and the mapping of each
/// source's own type names onto them (docs/formats.md, "Document types").
/// </summary>
/// <example>
/// <code>
/// DocumentType type = DocumentTypes.Parse("Book Chapter");   // DocumentType.BookChapter
/// string name = DocumentTypes.ToName(type);                   // "book-chapter"
/// </code>
/// </example>
public static class DocumentTypes
{
    private static readonly EnumNameTable<DocumentType> s_names = new(
        "document type",
        (DocumentType.Article, "article"),
        (DocumentType.Review, "review"),
        (DocumentType.ConferencePaper, "conference-paper"),
        (DocumentType.BookChapter, "book-chapter"),
        (DocumentType.Book, "book"),
        (DocumentType.BookReview, "book-review"),
        (DocumentType.Editorial, "editorial"),
        (DocumentType.Letter, "letter"),
        (DocumentType.Note, "note"),
        (DocumentType.Erratum, "erratum"),
        (DocumentType.Retraction, "retraction"),
        (DocumentType.MeetingAbstract, "meeting-abstract"),
        (DocumentType.Preprint, "preprint"),
        (DocumentType.Dataset, "dataset"),
        (DocumentType.Dissertation, "dissertation"),
        (DocumentType.Report, "report"),
        (DocumentType.Standard, "standard"),
        (DocumentType.ReferenceEntry, "reference-entry"),
        (DocumentType.PeerReview, "peer-review"),
        (DocumentType.SupplementaryMaterials, "supplementary-materials"),
        (DocumentType.Paratext, "paratext"),
        (DocumentType.Grant, "grant"),
        (DocumentType.Other, "other"),
        (DocumentType.Unknown, "unknown"));

    /// <summary>Every document type, from <see cref="DocumentType.Article"/> to <see cref="DocumentType.Other"/>, then <see cref="DocumentType.Unknown"/>.</summary>
    public static IReadOnlyList<DocumentType> All => s_names.Values;

    /// <summary>Every name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames => s_names.Names;

    /// <summary>The name of <paramref name="type"/>: lower case, words joined by hyphens (<c>book-chapter</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string ToName(this DocumentType type) => s_names.ToName(type, nameof(type));

    /// <summary>
    /// Reads a document type name. Case, hyphens, underscores and spaces are ignored, and the enum's member names are
    /// accepted too, so <c>book-chapter</c>, <c>Book Chapter</c>, <c>book_chapter</c> and <c>BookChapter</c> are one value.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out DocumentType type) => s_names.TryParse(name, out type);

    /// <summary>Reads a document type name (see <see cref="TryParse"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">Not a document type; the message lists the names.</exception>
    public static DocumentType Parse(string name) => s_names.Parse(name);

    /// <summary>"article, review, ... or unknown", for messages.</summary>
    internal static string Choices => s_names.Choices;

    /// <summary>
    /// The document type of an OpenAlex <c>type</c> value (<c>article</c>, <c>book-chapter</c>, ... as OpenAlex names
    /// them); a value this library does not know (such as <c>libguides</c>) is <see cref="DocumentType.Other"/>.
    /// </summary>
    internal static DocumentType FromOpenAlex(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty)
        {
            return DocumentType.Unknown;
        }

        var names = s_names.Names;
        for (int i = 0; i < names.Count; i++)
        {
            if (value.Equals(names[i], StringComparison.OrdinalIgnoreCase))
            {
                var type = s_names.Values[i];
                return type == DocumentType.Unknown ? DocumentType.Other : type;
            }
        }

        return DocumentType.Other;
    }

    /// <summary>
    /// The document type of a Web of Science <c>DT</c> value, such as <c>Article</c>, <c>Article; Proceedings Paper</c>
    /// or <c>Review; Early Access</c>: the first part that names a type (a journal article also published in
    /// proceedings is an article). <c>Retracted Publication</c> is a flag, not a type; <c>Early Access</c> a status.
    /// </summary>
    internal static DocumentType FromWebOfScience(string? value, out bool retracted)
    {
        retracted = false;
        if (string.IsNullOrWhiteSpace(value))
        {
            return DocumentType.Unknown;
        }

        var type = DocumentType.Unknown;
        foreach (var part in value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var key = Fold(part);
            if (key is "retractedpublication")
            {
                retracted = true;
                continue;
            }

            if (key is "earlyaccess")
            {
                continue;
            }

            var t = key switch
            {
                "article" or "datapaper" => DocumentType.Article,
                "review" => DocumentType.Review,
                "proceedingspaper" => DocumentType.ConferencePaper,
                "bookchapter" => DocumentType.BookChapter,
                "book" => DocumentType.Book,
                "bookreview" => DocumentType.BookReview,
                "editorialmaterial" or "editorial" => DocumentType.Editorial,
                "letter" => DocumentType.Letter,
                "note" => DocumentType.Note,
                "correction" or "correctionaddition" or "erratum" => DocumentType.Erratum,
                "retraction" => DocumentType.Retraction,
                "meetingabstract" => DocumentType.MeetingAbstract,
                _ => DocumentType.Other,
            };
            if (type == DocumentType.Unknown || (type == DocumentType.Other && t != DocumentType.Other))
            {
                type = t;
            }
        }

        return type == DocumentType.Unknown && retracted ? DocumentType.Other : type;
    }

    /// <summary>
    /// The document type of a Scopus <c>Document Type</c> value. Scopus replaces the type of a retracted work by
    /// <c>Retracted</c>: that is the flag, and the type is then <see cref="DocumentType.Other"/>.
    /// </summary>
    internal static DocumentType FromScopus(string? value, out bool retracted)
    {
        retracted = false;
        if (string.IsNullOrWhiteSpace(value))
        {
            return DocumentType.Unknown;
        }

        switch (Fold(value))
        {
            case "article" or "articleinpress" or "datapaper" or "businessarticle":
                return DocumentType.Article;
            case "review" or "shortsurvey":
                return DocumentType.Review;
            case "conferencepaper":
                return DocumentType.ConferencePaper;
            case "bookchapter":
                return DocumentType.BookChapter;
            case "book":
                return DocumentType.Book;
            case "editorial":
                return DocumentType.Editorial;
            case "letter":
                return DocumentType.Letter;
            case "note":
                return DocumentType.Note;
            case "erratum":
                return DocumentType.Erratum;
            case "abstractreport":
                return DocumentType.MeetingAbstract;
            case "report":
                return DocumentType.Report;
            case "retracted":
                retracted = true;
                return DocumentType.Other;
            default:
                return DocumentType.Other;
        }
    }

    private static string Fold(string text)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
        int length = 0;
        foreach (char c in text)
        {
            if (c is '-' or '_' or ' ' or ',')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return text.ToLowerInvariant();
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        return new string(buffer[..length]);
    }
}
