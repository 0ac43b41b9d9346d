using CollabMetrics.Model;
using FluentAssertions.Equivalency;

namespace CollabMetrics.Tests.TestData;

/// <summary>Equivalence options for comparing publications read back from a format that carries less than a corpus keeps.</summary>
internal static class PublicationEquivalence
{
    /// <summary>
    /// What the CollabMetrics CSV format carries: everything but author names, affiliation addresses and positions
    /// (a file read back has its own positions), in order.
    /// </summary>
    public static EquivalencyAssertionOptions<Publication> CsvFields(EquivalencyAssertionOptions<Publication> options) =>
        options.WithStrictOrdering().Excluding((IMemberInfo m) =>
            (m.DeclaringType == typeof(Publication) && m.Name == nameof(Publication.Position))
            || (m.DeclaringType == typeof(Publication) && (m.Name == nameof(Publication.Fwci) || m.Name == nameof(Publication.CitationPercentile)))
            || (m.DeclaringType == typeof(Author) && m.Name == nameof(Author.Name))
            || (m.DeclaringType == typeof(Affiliation) && m.Name == nameof(Affiliation.Address)));
}
