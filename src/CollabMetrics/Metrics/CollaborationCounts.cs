namespace CollabMetrics.Metrics;

/// <summary>
/// The counts behind every index of a focus X and a partner Y in one slice (whole counting), from which
/// <see cref="Value"/> computes any <see cref="CollaborationIndex"/>.
/// </summary>
/// <param name="Copublications">C_XY: publications with both X and Y.</param>
/// <param name="FocusPublications">P_X: publications of X.</param>
/// <param name="PartnerPublications">P_Y: publications of Y.</param>
/// <param name="FocusInternational">I_X: international publications of X.</param>
/// <param name="PartnerInternational">I_Y: international publications of Y.</param>
/// <param name="FocusLinks">C_X: X's link total, the sum of C_Xj over every other unit j.</param>
/// <param name="PartnerLinks">C_Y: Y's link total.</param>
/// <param name="Links">T: links of the slice, the sum of C_ij over unordered pairs of units.</param>
/// <param name="Publications">N: publications with at least one unit.</param>
/// <param name="InternationalPublications">N_int: publications with at least two units.</param>
/// <param name="NatureIndexScore">The sum over co-publications of X's and Y's author-fractional counts.</param>
/// <example>
/// <code>
/// var counts = new CollaborationCounts(4, 9, 6, 7, 5, 10, 8, 14, 11, 8, 17.0 / 6);
/// double ric = counts.Value(CollaborationIndex.Ric);   // 0.4
/// </code>
/// </example>
public readonly record struct CollaborationCounts(
    double Copublications,
    double FocusPublications,
    double PartnerPublications,
    double FocusInternational,
    double PartnerInternational,
    double FocusLinks,
    double PartnerLinks,
    double Links,
    double Publications,
    double InternationalPublications,
    double NatureIndexScore)
{
    /// <summary>
    /// The value of <paramref name="index"/>; <see cref="double.NaN"/> when a denominator is zero.
    /// <see cref="CollaborationIndex.NatureIndexCS"/> is a sum and always defined (0 without co-publications).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not defined.</exception>
    public double Value(CollaborationIndex index) => index switch
    {
        CollaborationIndex.PartnerShare => IndexFormulas.PartnerShare(Copublications, FocusInternational),
        CollaborationIndex.OutputShare => IndexFormulas.OutputShare(Copublications, FocusPublications),
        CollaborationIndex.LinkShare => IndexFormulas.LinkShare(Copublications, FocusLinks),
        CollaborationIndex.Salton => IndexFormulas.Salton(Copublications, FocusPublications, PartnerPublications),
        CollaborationIndex.Jaccard => IndexFormulas.Jaccard(Copublications, FocusPublications, PartnerPublications),
        CollaborationIndex.Dice => IndexFormulas.Dice(Copublications, FocusPublications, PartnerPublications),
        CollaborationIndex.Inclusion => IndexFormulas.Inclusion(Copublications, FocusPublications, PartnerPublications),
        CollaborationIndex.Equivalence => IndexFormulas.Equivalence(Copublications, FocusPublications, PartnerPublications),
        CollaborationIndex.AssociationStrength => IndexFormulas.AssociationStrength(Copublications, FocusPublications, PartnerPublications, Publications),
        CollaborationIndex.ConfigurationAssociation => IndexFormulas.ConfigurationAssociation(Copublications, FocusLinks, PartnerLinks, Links),
        CollaborationIndex.Ric => IndexFormulas.Ric(Copublications, FocusLinks, PartnerLinks, Links),
        CollaborationIndex.LuukkonenRI => IndexFormulas.LuukkonenRI(Copublications, FocusLinks, PartnerLinks, Links),
        CollaborationIndex.NsfIci => IndexFormulas.NsfIci(Copublications, FocusInternational, PartnerInternational, InternationalPublications),
        CollaborationIndex.NatureIndexCS => NatureIndexScore,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "Not a defined collaboration index; see CollaborationIndices.All."),
    };

    /// <summary>The counts seen from the partner: X and Y swapped (slice totals unchanged).</summary>
    public CollaborationCounts Swap() => this with
    {
        FocusPublications = PartnerPublications,
        PartnerPublications = FocusPublications,
        FocusInternational = PartnerInternational,
        PartnerInternational = FocusInternational,
        FocusLinks = PartnerLinks,
        PartnerLinks = FocusLinks,
    };
}
