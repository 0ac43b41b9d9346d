namespace CollabMetrics.Graph;

/// <summary>
/// The communities of a <see cref="CoauthorshipGraph"/>: a community number per node, numbered 0, 1, ... by
/// decreasing size (ties: the community with the smaller node id first), with the modularity of the partition.
/// </summary>
public sealed class CommunityPartition
{
    private readonly int[] _membership;
    private readonly int[] _sizes;
    private System.Collections.ObjectModel.ReadOnlyCollection<int>? _membershipView;
    private System.Collections.ObjectModel.ReadOnlyCollection<int>? _sizeView;

    internal CommunityPartition(int[] membership, int count, double modularity, CommunityAlgorithm algorithm, CommunityOptions options)
    {
        _membership = membership;
        _sizes = new int[count];
        foreach (int c in membership)
        {
            _sizes[c]++;
        }

        Modularity = modularity;
        Algorithm = algorithm;
        Options = options;
    }

    /// <summary>The community of each node.</summary>
    public IReadOnlyList<int> Membership => _membershipView ??= Array.AsReadOnly(_membership);

    /// <summary>The number of communities.</summary>
    public int Count => _sizes.Length;

    /// <summary>The number of nodes of each community.</summary>
    public IReadOnlyList<int> Sizes => _sizeView ??= Array.AsReadOnly(_sizes);

    /// <summary>
    /// The modularity with resolution γ of this partition: Q = (1/2W) sum over i, j in the same community of
    /// (w(i,j) - γ s(i) s(j) / 2W), on the (normalized, when asked) link weights.
    /// </summary>
    public double Modularity { get; }

    /// <summary>The algorithm that found it.</summary>
    public CommunityAlgorithm Algorithm { get; }

    /// <summary>The options used (resolution, seed, normalization).</summary>
    public CommunityOptions Options { get; }

    /// <summary>The node ids of community <paramref name="community"/>, ascending.</summary>
    /// <param name="community">A community number.</param>
    /// <returns>The members.</returns>
    public IReadOnlyList<int> Members(int community)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(community);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(community, Count);
        var members = new List<int>(_sizes[community]);
        for (int v = 0; v < _membership.Length; v++)
        {
            if (_membership[v] == community)
            {
                members.Add(v);
            }
        }

        return members.AsReadOnly();
    }

    /// <summary>"Leiden: 5 communities, modularity 0.4123".</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Algorithm}: {Count} communities, modularity {Modularity:F4}";
}
