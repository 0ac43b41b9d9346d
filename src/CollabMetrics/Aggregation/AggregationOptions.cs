using CollabMetrics.Geography;

namespace CollabMetrics.Aggregation;

/// <summary>How <see cref="CollaborationCube.Build(Corpus, AggregationOptions?, IProgress{WorkProgress}?, CancellationToken)"/> counts. Immutable; change with <c>with</c>.</summary>
/// <example>
/// <code>
/// var options = AggregationOptions.Default with { Territory = TerritoryPolicy.GreaterChina, Groups = [UnitGroups.FiveEyes] };
/// CollaborationCube cube = CollaborationCube.Build(corpus, options);
/// </code>
/// </example>
public sealed record AggregationOptions
{
    private readonly IReadOnlyList<UnitGroup> _groups = Array.AsReadOnly(Array.Empty<UnitGroup>());

    /// <summary>The defaults: countries, ISO 3166 territories, whole technology counting, slices per technology, unresolved authors excluded, no groups, all cores.</summary>
    public static AggregationOptions Default { get; } = new();

    /// <summary>Countries or institutions. Default <see cref="UnitLevel.Country"/>.</summary>
    public UnitLevel Level { get; init; } = UnitLevel.Country;

    /// <summary>How territories map to country units. Default <see cref="TerritoryPolicy.Iso3166"/>. Ignored at the institution level.</summary>
    public TerritoryPolicy Territory { get; init; } = TerritoryPolicy.Iso3166;

    /// <summary>How a multi-label publication counts in each technology slice. Default <see cref="TechnologyAssignment.Whole"/>.</summary>
    public TechnologyAssignment Technologies { get; init; } = TechnologyAssignment.Whole;

    /// <summary>Whether to keep one slice per technology besides the all-technologies slice. Default true.</summary>
    public bool ByTechnology { get; init; } = true;

    /// <summary>Authors with no resolved unit. Default <see cref="UnknownAuthorPolicy.Exclude"/>.</summary>
    public UnknownAuthorPolicy UnknownAuthors { get; init; } = UnknownAuthorPolicy.Exclude;

    /// <summary>
    /// Country groups aggregated as virtual units (at most 64, distinct names, country level only). Default none.
    /// The options keep a read-only copy of the list given.
    /// </summary>
    public IReadOnlyList<UnitGroup> Groups
    {
        get => _groups;
        init => _groups = value is null ? null! : Array.AsReadOnly([.. value]);
    }

    /// <summary>
    /// The most threads a build uses; null (the default) for all cores. Results do not depend on it: they are
    /// identical, bit for bit, whatever the value.
    /// </summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Whether two option sets count the same way (everything but <see cref="MaxDegreeOfParallelism"/>), which cubes need to merge.</summary>
    /// <param name="other">The other options.</param>
    public bool CountsLike(AggregationOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Level != other.Level || Territory != other.Territory || Technologies != other.Technologies
            || ByTechnology != other.ByTechnology || UnknownAuthors != other.UnknownAuthors || Groups.Count != other.Groups.Count)
        {
            return false;
        }

        for (int i = 0; i < Groups.Count; i++)
        {
            if (!Groups[i].Equals(other.Groups[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"country, iso, whole, ..." as reported with results.</summary>
    public string Describe()
    {
        var text = $"level={Level.ToName()}; territory={Territory.ToName()}; technologies={Technologies.ToName()}; by-technology={(ByTechnology ? "yes" : "no")}; unknown-authors={UnknownAuthors.ToName()}";
        if (Groups.Count > 0)
        {
            var names = new string[Groups.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = Groups[i].Name;
            }

            text += $"; groups={string.Join(",", names)}";
        }

        return text;
    }

    /// <summary>Throws when the options cannot be used.</summary>
    internal void Validate()
    {
        if (MaxDegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use null for all cores, or at least 1.");
        }

        if (!Enum.IsDefined(Level) || !Enum.IsDefined(Territory) || !Enum.IsDefined(Technologies) || !Enum.IsDefined(UnknownAuthors))
        {
            throw new ArgumentException("An option has an undefined enum value.", nameof(AggregationOptions));
        }

        ArgumentNullException.ThrowIfNull(Groups, nameof(Groups));
        if (Groups.Count == 0)
        {
            return;
        }

        if (Level != UnitLevel.Country)
        {
            throw new ArgumentException("Groups are country groups: aggregate at UnitLevel.Country, or remove the groups.", nameof(Groups));
        }

        if (Groups.Count > CubeEngine.MaxGroups)
        {
            throw new ArgumentException($"At most {CubeEngine.MaxGroups} groups are supported; {Groups.Count} were given.", nameof(Groups));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            if (group is null || string.IsNullOrWhiteSpace(group.Name) || group.Members is null)
            {
                throw new ArgumentException("Each group needs a name and a member list.", nameof(Groups));
            }

            if (!names.Add(group.Name))
            {
                throw new ArgumentException($"Two groups are named '{group.Name}': give each group a distinct name.", nameof(Groups));
            }
        }
    }
}
