using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>An analysis focused on one unit (a country, an institution or a group): choose its partners next.</summary>
/// <example>
/// <code>
/// PartnerTable table = corpus.Countries().Focus("CN").Partners("US", "PK", "JP").ByYear().Rank(CollaborationIndex.Salton);
/// </code>
/// </example>
public sealed class FocusAnalysis
{
    internal FocusAnalysis(CollaborationAnalysis analysis, Unit focus)
    {
        Analysis = analysis;
        Focus = focus;
    }

    /// <summary>The analysis.</summary>
    public CollaborationAnalysis Analysis { get; }

    /// <summary>The focus unit.</summary>
    public Unit Focus { get; }

    /// <summary>
    /// Every unit of the analysis's level that co-publishes with the focus in at least one slice (groups, the unknown
    /// unit and, for a group focus, the group's own members are left out: name them to include them).
    /// </summary>
    public PartnerQuery Partners() => new(Analysis, SliceSelection.Default, Focus, null);

    /// <summary>The given partners (codes, names or group names), listed in every slice even without co-publications.</summary>
    /// <param name="partners">The partners.</param>
    /// <exception cref="ArgumentException">A partner is unknown or is the focus itself.</exception>
    public PartnerQuery Partners(params string[] partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        if (partners.Length == 0)
        {
            throw new ArgumentException("Name at least one partner, or call Partners() for all.", nameof(partners));
        }

        return new(Analysis, SliceSelection.Default, Focus, Check(Array.ConvertAll(partners, p => Analysis.Resolve(p, nameof(partners)))));
    }

    /// <summary>Groups of countries as partners (each publication counted once per group), added to the analysis when needed.</summary>
    /// <param name="groups">The groups.</param>
    public PartnerQuery Partners(params UnitGroup[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Length == 0)
        {
            throw new ArgumentException("Name at least one group, or call Partners() for all.", nameof(groups));
        }

        var analysis = Analysis;
        foreach (var group in groups)
        {
            analysis = analysis.WithGroup(group);
        }

        return new(analysis, SliceSelection.Default, Focus, Check(Array.ConvertAll(groups, g => Unit.Group(g.Name))));
    }

    /// <summary>One partner (see <see cref="Partners(string[])"/>).</summary>
    /// <param name="partner">The partner's code or name.</param>
    public PartnerQuery Partner(string partner)
    {
        var unit = Analysis.Resolve(partner, nameof(partner));
        return new(Analysis, SliceSelection.Default, Focus, Check([unit]));
    }

    /// <summary>The focus's code.</summary>
    public override string ToString() => Focus.Code;

    private Unit[] Check(Unit[] partners)
    {
        foreach (var partner in partners)
        {
            if (partner == Focus)
            {
                throw new ArgumentException($"'{partner.Code}' is the focus itself: the diagonal is never part of a partner table.", nameof(partners));
            }
        }

        return partners;
    }
}
