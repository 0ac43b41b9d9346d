namespace CollabMetrics.Export;

/// <summary>Options of the graph writers. Immutable; change with <c>with</c>.</summary>
public sealed record GraphExportOptions
{
    /// <summary>The default options: node weights written, no extra attributes.</summary>
    public static GraphExportOptions Default { get; } = new();

    private readonly IReadOnlyList<NodeColumn> _attributes = Array.AsReadOnly(Array.Empty<NodeColumn>());

    /// <summary>Extra node attributes (communities, centralities). Default none. The options keep a read-only copy of the list given.</summary>
    public IReadOnlyList<NodeColumn> Attributes
    {
        get => _attributes;
        init => _attributes = value is null ? null! : Array.AsReadOnly([.. value]);
    }

    /// <summary>Whether node weights P, F and I are written (values that are NaN are left out). Default true.</summary>
    public bool IncludeNodeWeights { get; init; } = true;

    /// <summary>A description written where the format has a place for it. Default null.</summary>
    public string? Description { get; init; }
}
