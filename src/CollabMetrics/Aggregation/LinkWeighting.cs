namespace CollabMetrics.Aggregation;

/// <summary>The weight a co-authored publication adds to a pair of units (see METRICS.md, link weights).</summary>
public enum LinkWeighting
{
    /// <summary>Each publication adds 1 to each pair of its units: the co-publication count C_ij.</summary>
    Full = 0,

    /// <summary>Each publication adds 1/(m_k - 1): a unit's links on a paper sum to 1, so its strength is I_i.</summary>
    CountrySet = 1,

    /// <summary>
    /// Perianes-Rodriguez, Waltman and van Eck (2016): the sum over ordered author pairs u != v of
    /// w(k,u,i) w(k,v,j), divided by n_k - 1. Links join different authors only.
    /// </summary>
    Author = 2,

    /// <summary>Batagelj and Cerinsek; Leydesdorff and Park: the same sum times 2/(n_k (n_k - 1)).</summary>
    AuthorRefined = 3,
}
