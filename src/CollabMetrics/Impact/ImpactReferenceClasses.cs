namespace CollabMetrics.Impact;

/// <summary>The reference-set class of each publication of a corpus, when reference sets are split by document type.</summary>
internal static class ImpactReferenceClasses
{
    /// <summary>
    /// The document type of each publication of <paramref name="corpus"/>'s storage when <paramref name="byDocumentType"/>,
    /// else null (one class). Publications of an unknown type form a reference set of their own.
    /// </summary>
    internal static byte[]? Of(Corpus corpus, bool byDocumentType) =>
        byDocumentType ? corpus.Storage.DocumentTypes() : null;
}
