namespace CollabMetrics.Graph;

/// <summary>How link weights are transformed before clustering.</summary>
public enum CommunityNormalization
{
    /// <summary>Cluster the link weights as they are.</summary>
    None = 0,

    /// <summary>
    /// Association strength, as VOSviewer normalizes before clustering: w'(i,j) = 2W w(i,j) / (s(i) s(j)), with
    /// s the node strengths and W the total link weight (1 = as many co-publications as expected from the two
    /// nodes' total link strengths; the ConfigurationAssociation index of METRICS.md).
    /// </summary>
    AssociationStrength = 1,
}

/// <summary>Options of <see cref="CommunityDetection"/>. Immutable; change with <c>with</c>.</summary>
public sealed record CommunityOptions
{
    /// <summary>The default options.</summary>
    public static CommunityOptions Default { get; } = new();

    /// <summary>The resolution γ of the modularity: higher gives more, smaller communities. Default 1.</summary>
    public double Resolution { get; init; } = 1;

    /// <summary>Seed of the random node orders; a given seed always gives the same partition. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Weight normalization before clustering. Default <see cref="CommunityNormalization.None"/>.</summary>
    public CommunityNormalization Normalization { get; init; } = CommunityNormalization.None;

    /// <summary>Maximum number of aggregation levels. Default 100.</summary>
    public int MaxLevels { get; init; } = 100;

    internal void Validate()
    {
        if (!(Resolution > 0) || double.IsInfinity(Resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(Resolution), Resolution, "The resolution must be a positive number; 1 is the classic modularity.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLevels, 1, nameof(MaxLevels));
        if (!Enum.IsDefined(Normalization))
        {
            throw new ArgumentOutOfRangeException(nameof(Normalization), Normalization, "Use None or AssociationStrength.");
        }
    }
}
