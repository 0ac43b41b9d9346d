using CollabMetrics.Graph;

namespace CollabMetrics.Export;

/// <summary>
/// A named value per node that travels with an export: a partition (communities; integers) or a vector
/// (centralities, scores; doubles, NaN = undefined). Values are indexed by node id.
/// </summary>
/// <param name="Name">The attribute name as it appears in the file (for example "pagerank").</param>
/// <param name="Values">One value per node; the column keeps a read-only copy.</param>
/// <param name="IsPartition">True for a partition (values are non-negative integers, written as integers).</param>
public sealed record NodeColumn(string Name, IReadOnlyList<double> Values, bool IsPartition)
{
    private readonly IReadOnlyList<double> _values = Copy(Values);

    /// <summary>One value per node: a read-only copy of the list given, so a later change of that list changes no export.</summary>
    public IReadOnlyList<double> Values
    {
        get => _values;
        init => _values = Copy(value);
    }

    /// <summary>A vector attribute (centralities, scores).</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="values">One value per node.</param>
    /// <returns>The attribute.</returns>
    public static NodeColumn Vector(string name, IReadOnlyList<double> values) => new(name, values, IsPartition: false);

    /// <summary>A partition attribute from a community partition.</summary>
    /// <param name="name">The attribute name (for example "community").</param>
    /// <param name="partition">The partition.</param>
    /// <returns>The attribute.</returns>
    public static NodeColumn Partition(string name, CommunityPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var values = new double[partition.Membership.Count];
        for (int v = 0; v < values.Length; v++)
        {
            values[v] = partition.Membership[v];
        }

        return new NodeColumn(name, values, IsPartition: true);
    }

    private static System.Collections.ObjectModel.ReadOnlyCollection<double> Copy(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Array.AsReadOnly([.. values]);
    }
}
