namespace CollabMetrics.Graph;

/// <summary>Options of the node measures in <see cref="Centrality"/>. Immutable; change with <c>with</c>.</summary>
public sealed record CentralityOptions
{
    /// <summary>The default options.</summary>
    public static CentralityOptions Default { get; } = new();

    /// <summary>
    /// Whether path-based measures (betweenness, closeness, diameter) use link weights: a link of weight w is
    /// 1/w long, so strong ties are short. Default false (every link is one step).
    /// </summary>
    public bool Weighted { get; init; }

    /// <summary>Whether betweenness is divided by (n - 1)(n - 2)/2, the number of pairs not involving the node. Default true.</summary>
    public bool Normalized { get; init; } = true;

    /// <summary>
    /// Betweenness from k pivot sources instead of all n (Brandes and Pich 2007): the sum over the pivots is
    /// scaled by n/k, an unbiased estimate of the exact value. Null (default) = exact. Use it for graphs of
    /// hundreds of thousands of nodes and more, where exact betweenness (O(n m)) is out of reach.
    /// </summary>
    public int? Pivots { get; init; }

    /// <summary>Seed of the pivot choice. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>PageRank damping factor. Default 0.85.</summary>
    public double Damping { get; init; } = 0.85;

    /// <summary>Convergence threshold of the power iterations (sum of absolute changes). Default 1e-12.</summary>
    public double Tolerance { get; init; } = 1e-12;

    /// <summary>Maximum number of power iterations. Default 1000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Maximum number of threads; null (default) uses all cores. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    internal ParallelOptions ParallelOptions => new() { MaxDegreeOfParallelism = MaxDegreeOfParallelism ?? -1 };

    /// <summary>The parallel options with <paramref name="cancellationToken"/>.</summary>
    internal ParallelOptions Parallel(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = MaxDegreeOfParallelism ?? -1, CancellationToken = cancellationToken };

    internal void Validate()
    {
        if (Pivots is int k)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(k, 1, nameof(Pivots));
        }

        if (!(Damping > 0 && Damping < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Damping), Damping, "The damping factor must be in (0, 1); 0.85 is usual.");
        }

        if (!(Tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
        if (MaxDegreeOfParallelism is int dop)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dop, 1, nameof(MaxDegreeOfParallelism));
        }
    }
}
