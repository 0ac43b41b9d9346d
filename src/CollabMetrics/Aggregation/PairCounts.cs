namespace CollabMetrics.Aggregation;

/// <summary>The link weights of one pair of units in one slice (see METRICS.md). Symmetric; zero for a pair that never co-occurs.</summary>
/// <param name="A">The first unit.</param>
/// <param name="B">The second unit.</param>
/// <param name="Copublications">C_AB: publications with both units (<see cref="LinkWeighting.Full"/>).</param>
/// <param name="CountrySet">Sum over those publications of 1/(m_k - 1).</param>
/// <param name="Author">Sum of w(k,u,A) w(k,v,B) over ordered author pairs u != v, divided by n_k - 1.</param>
/// <param name="AuthorRefined">The same sum times 2/(n_k (n_k - 1)).</param>
/// <param name="NatureIndexScore">Nature Index collaboration score: sum over those publications of F_A,k + F_B,k.</param>
public readonly record struct PairCounts(
    Unit A,
    Unit B,
    double Copublications,
    double CountrySet,
    double Author,
    double AuthorRefined,
    double NatureIndexScore)
{
    /// <summary>The weight of the pair under a counting method.</summary>
    /// <param name="weighting">The method.</param>
    public double Weight(LinkWeighting weighting) => weighting switch
    {
        LinkWeighting.Full => Copublications,
        LinkWeighting.CountrySet => CountrySet,
        LinkWeighting.Author => Author,
        LinkWeighting.AuthorRefined => AuthorRefined,
        _ => throw new ArgumentOutOfRangeException(nameof(weighting), weighting, "Unknown link weighting."),
    };

    /// <summary>The same pair seen from the other side (A and B swapped).</summary>
    public PairCounts Swap() => this with { A = B, B = A };
}
