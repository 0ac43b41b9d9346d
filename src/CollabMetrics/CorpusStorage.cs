using CollabMetrics.Model;

namespace CollabMetrics;

/// <summary>
/// The struct-of-arrays storage behind a <see cref="Corpus"/> and all its views. Immutable once built.
/// </summary>
/// <remarks>
/// <para>
/// Publication k owns entries <c>EntryStart[k] .. EntryStart[k + 1] - 1</c>. An entry is one affiliation of one
/// author; an author with no affiliation has one entry with <see cref="Geography.Country.Unknown"/>. Each entry is a
/// <see cref="uint"/>: <see cref="AuthorStartFlag"/> on the first entry of each author,
/// <see cref="CorrespondingFlag"/> on every entry of a corresponding author, and either a country id (bits 0-28)
/// or, with <see cref="InstitutionFlag"/>, an institution row whose country is in <see cref="InstitutionCountries"/>.
/// Four bytes an affiliation carry both the country and the institution.
/// </para>
/// <para>
/// Institution rows are unique by (key, country); <see cref="InstitutionUnits"/> maps each row to its canonical
/// institution (the first row with the same key), which is the unit at the institution level.
/// </para>
/// <para>Technologies of k are <c>TechIds[TechStart[k] .. TechStart[k + 1] - 1]</c>, ascending.</para>
/// </remarks>
internal sealed class CorpusStorage
{
    internal const uint AuthorStartFlag = 0x8000_0000u;
    internal const uint CorrespondingFlag = 0x4000_0000u;
    internal const uint InstitutionFlag = 0x2000_0000u;
    internal const uint ValueMask = 0x1FFF_FFFFu;
    internal const int NoAuthorId = -1;
    internal const int NoCitations = -1;

    internal required int Count { get; init; }

    /// <summary>Year per publication; 0 when unknown.</summary>
    internal required short[] Years { get; init; }

    internal required int[] EntryStart { get; init; }

    internal required uint[] Entries { get; init; }

    /// <summary>Author index per entry (<see cref="NoAuthorId"/> when none); null when no author has an id.</summary>
    internal required int[]? EntryAuthors { get; init; }

    internal required int[] TechStart { get; init; }

    internal required ushort[] TechIds { get; init; }

    /// <summary>Citations per publication (<see cref="NoCitations"/> when unknown); null when no publication has them.</summary>
    internal required int[]? Citations { get; init; }

    internal required string[] Ids { get; init; }

    /// <summary>DOI per publication; null when no publication has one.</summary>
    internal required string?[]? Dois { get; init; }

    internal required byte[] Sources { get; init; }

    internal required string[] TechnologyNames { get; init; }

    /// <summary>Institution rows, unique by (key, country).</summary>
    internal required Institution[] InstitutionRows { get; init; }

    /// <summary>Country id of each institution row.</summary>
    internal required ushort[] InstitutionCountries { get; init; }

    /// <summary>Canonical institution (index into <see cref="Institutions"/>) of each row.</summary>
    internal required int[] InstitutionUnits { get; init; }

    /// <summary>Canonical institutions: one per key.</summary>
    internal required Institution[] Institutions { get; init; }

    internal required string[] AuthorKeys { get; init; }

    internal required IO.IngestReport Report { get; init; }

    /// <summary>The country id (0 = unknown) of an entry, before any territory policy.</summary>
    internal int CountryOf(uint entry) =>
        (entry & InstitutionFlag) != 0 ? InstitutionCountries[entry & ValueMask] : (int)(entry & ValueMask);

    /// <summary>The canonical institution of an entry, or -1.</summary>
    internal int InstitutionOf(uint entry) =>
        (entry & InstitutionFlag) != 0 ? InstitutionUnits[entry & ValueMask] : -1;

    /// <summary>Bytes held by the per-publication and per-entry arrays, including the references to id and DOI
    /// strings but not the strings themselves, nor the (small) label and institution tables.</summary>
    internal long StorageBytes =>
        ((long)Years.Length * sizeof(short))
        + ((long)EntryStart.Length * sizeof(int))
        + ((long)Entries.Length * sizeof(uint))
        + ((long)(EntryAuthors?.Length ?? 0) * sizeof(int))
        + ((long)TechStart.Length * sizeof(int))
        + ((long)TechIds.Length * sizeof(ushort))
        + ((long)(Citations?.Length ?? 0) * sizeof(int))
        + Sources.Length
        + ((long)Ids.Length * IntPtr.Size)
        + ((long)(Dois?.Length ?? 0) * IntPtr.Size);
}
