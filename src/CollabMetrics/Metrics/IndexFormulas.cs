namespace CollabMetrics.Metrics;

/// <summary>
/// The collaboration indices as pure functions of whole counts (see docs/metrics.md). Every function returns
/// <see cref="double.NaN"/> when a denominator is zero: an undefined value is never reported as 0.
/// </summary>
/// <remarks>
/// Notation: X is the focus, Y the partner; C_XY co-publications of X and Y; P publications; I international
/// publications; C_X link total (sum of C_Xj over j != X); T links in the slice; N publications with a unit;
/// N_int international publications.
/// </remarks>
/// <example>
/// <code>
/// double share = IndexFormulas.PartnerShare(copublications: 4, focusInternational: 7);   // 4/7
/// </code>
/// </example>
public static class IndexFormulas
{
    /// <summary>C_XY / I_X.</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusInternational">I_X.</param>
    public static double PartnerShare(double copublications, double focusInternational) =>
        Ratio(copublications, focusInternational);

    /// <summary>C_XY / P_X.</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusPublications">P_X.</param>
    public static double OutputShare(double copublications, double focusPublications) =>
        Ratio(copublications, focusPublications);

    /// <summary>C_XY / C_X.</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusLinks">C_X.</param>
    public static double LinkShare(double copublications, double focusLinks) => Ratio(copublications, focusLinks);

    /// <summary>C_XY / sqrt(P_X P_Y).</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusPublications">P_X.</param>
    /// <param name="partnerPublications">P_Y.</param>
    public static double Salton(double copublications, double focusPublications, double partnerPublications) =>
        Ratio(copublications, Math.Sqrt(focusPublications * partnerPublications));

    /// <summary>C_XY / (P_X + P_Y - C_XY).</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusPublications">P_X.</param>
    /// <param name="partnerPublications">P_Y.</param>
    public static double Jaccard(double copublications, double focusPublications, double partnerPublications) =>
        Ratio(copublications, focusPublications + partnerPublications - copublications);

    /// <summary>2 C_XY / (P_X + P_Y).</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusPublications">P_X.</param>
    /// <param name="partnerPublications">P_Y.</param>
    public static double Dice(double copublications, double focusPublications, double partnerPublications) =>
        Ratio(2 * copublications, focusPublications + partnerPublications);

    /// <summary>C_XY / min(P_X, P_Y).</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusPublications">P_X.</param>
    /// <param name="partnerPublications">P_Y.</param>
    public static double Inclusion(double copublications, double focusPublications, double partnerPublications) =>
        Ratio(copublications, Math.Min(focusPublications, partnerPublications));

    /// <summary>C_XY² / (P_X P_Y).</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusPublications">P_X.</param>
    /// <param name="partnerPublications">P_Y.</param>
    public static double Equivalence(double copublications, double focusPublications, double partnerPublications) =>
        Ratio(copublications * copublications, focusPublications * partnerPublications);

    /// <summary>N C_XY / (P_X P_Y).</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusPublications">P_X.</param>
    /// <param name="partnerPublications">P_Y.</param>
    /// <param name="publications">N.</param>
    public static double AssociationStrength(double copublications, double focusPublications, double partnerPublications, double publications) =>
        Ratio(publications * copublications, focusPublications * partnerPublications);

    /// <summary>2T C_XY / (C_X C_Y).</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusLinks">C_X.</param>
    /// <param name="partnerLinks">C_Y.</param>
    /// <param name="links">T.</param>
    public static double ConfigurationAssociation(double copublications, double focusLinks, double partnerLinks, double links) =>
        Ratio(2 * links * copublications, focusLinks * partnerLinks);

    /// <summary>(C_XY / C_X) / ((C_Y - C_XY) / (T - C_X)).</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusLinks">C_X.</param>
    /// <param name="partnerLinks">C_Y.</param>
    /// <param name="links">T.</param>
    public static double Ric(double copublications, double focusLinks, double partnerLinks, double links) =>
        RatioOfRatios(copublications, focusLinks, partnerLinks - copublications, links - focusLinks);

    /// <summary>(C_XY / C_X) / (C_Y / (T - C_X)).</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusLinks">C_X.</param>
    /// <param name="partnerLinks">C_Y.</param>
    /// <param name="links">T.</param>
    public static double LuukkonenRI(double copublications, double focusLinks, double partnerLinks, double links) =>
        RatioOfRatios(copublications, focusLinks, partnerLinks, links - focusLinks);

    /// <summary>(C_XY / I_X) / (I_Y / N_int).</summary>
    /// <param name="copublications">C_XY.</param>
    /// <param name="focusInternational">I_X.</param>
    /// <param name="partnerInternational">I_Y.</param>
    /// <param name="internationalPublications">N_int.</param>
    public static double NsfIci(double copublications, double focusInternational, double partnerInternational, double internationalPublications) =>
        RatioOfRatios(copublications, focusInternational, partnerInternational, internationalPublications);

    /// <summary>I_X / P_X: the share of a unit's publications that are international.</summary>
    /// <param name="international">I_X.</param>
    /// <param name="publications">P_X.</param>
    public static double InternationalRate(double international, double publications) => Ratio(international, publications);

    /// <summary>numerator / denominator, or NaN when the denominator is zero (or NaN).</summary>
    internal static double Ratio(double numerator, double denominator) =>
        denominator == 0 || double.IsNaN(denominator) ? double.NaN : numerator / denominator;

    /// <summary>(a / b) / (c / d), NaN when b, c or d is zero.</summary>
    private static double RatioOfRatios(double a, double b, double c, double d) =>
        Ratio(Ratio(a, b), Ratio(c, d));
}
