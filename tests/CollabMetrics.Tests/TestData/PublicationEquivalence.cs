using CollabMetrics.Model;
using FluentAssertions.Equivalency;

namespace CollabMetrics.Tests.TestData;

/// <summary>Equivalence options for comparing publications read back from a format that carries less than a corpus keeps.</summary>
internal static class PublicationEquivalence
{
    /// <summary>
    /// What the CollabMetrics CSV format carries: everything but author names, affiliation addresses and positions
    /// (a file read back has its own positions), in order. A publication's technology labels are a set: a corpus gives
    /// them in the order of its technology list (first seen in the corpus), which a merge by DOI can change between a
    /// corpus and the corpus read back from its file (a merged record brings its labels to an earlier publication).
    /// </summary>
    public static EquivalencyAssertionOptions<Publication> CsvFields(EquivalencyAssertionOptions<Publication> options) =>
        options.WithStrictOrdering().WithoutStrictOrderingFor(p => p.Technologies).Excluding((IMemberInfo m) =>
            (m.DeclaringType == typeof(Publication) && m.Name == nameof(Publication.Position))
            || (m.DeclaringType == typeof(Publication) && (m.Name == nameof(Publication.Fwci) || m.Name == nameof(Publication.CitationPercentile)))
            || (m.DeclaringType == typeof(Author) && m.Name == nameof(Author.Name))
            || (m.DeclaringType == typeof(Affiliation) && m.Name == nameof(Affiliation.Address)));
}
