namespace CollabMetrics.Model;

/// <summary>
/// A publication's document type and flags packed in one byte, as a corpus stores them: bits 0-4 the
/// <see cref="DocumentType"/>, bit 5 retracted, bit 6 paratext, bit 7 authors truncated.
/// </summary>
internal static class DocumentInfo
{
    internal const byte TypeMask = 0x1F;
    internal const byte Retracted = 0x20;
    internal const byte Paratext = 0x40;
    internal const byte AuthorsTruncated = 0x80;

    /// <summary>The packed byte of a publication.</summary>
    internal static byte Of(Publication publication) =>
        Pack(publication.DocumentType, publication.IsRetracted, publication.IsParatext, publication.AuthorsTruncated);

    internal static byte Pack(DocumentType type, bool retracted, bool paratext, bool authorsTruncated) =>
        (byte)(((byte)type & TypeMask)
            | (retracted ? Retracted : 0)
            | (paratext || type == DocumentType.Paratext ? Paratext : 0)
            | (authorsTruncated ? AuthorsTruncated : 0));

    internal static DocumentType Type(byte packed) => (DocumentType)(packed & TypeMask);
}
