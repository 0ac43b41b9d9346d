namespace CollabMetrics.Impact;

/// <summary>The reference-set class of each publication of a corpus, when reference sets are split by document type.</summary>
internal static class ImpactReferenceClasses
{
    /// <summary>
    /// One class per publication of <paramref name="corpus"/>'s storage when <paramref name="byDocumentType"/>, else
    /// null (one class). The corpus keeps no document type yet, so every publication has the class of an unknown
    /// type: the reference sets are those of year and technology until the corpus has document types.
    /// </summary>
    internal static byte[]? Of(Corpus corpus, bool byDocumentType) =>
        byDocumentType ? new byte[corpus.Storage.Count] : null;
}
