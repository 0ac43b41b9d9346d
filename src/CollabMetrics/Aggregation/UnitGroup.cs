using CollabMetrics.Geography;

namespace CollabMetrics.Aggregation;

/// <summary>
/// A named set of countries aggregated as one virtual unit (such as "US and allies"): each publication counts
/// once for the group, never once per member.
/// </summary>
/// <remarks>
/// <para>
/// With S_k the distinct units of publication k, the group G has P_G = number of k with S_k meeting G, and a
/// unit X has C_XG = number of k with X in S_k and S_k meeting G \ {X}. F, E, SCP and MCP of a group are the sums
/// of its members' values (a paper's fractions never overlap). Groups are not part of N, N_int or T, nor of any
/// real unit's counts. Members are mapped through the territory policy (under
/// <see cref="TerritoryPolicy.GreaterChina"/> a member TW is CN). Groups apply at the country level only.
/// </para>
/// <para>Equality compares the name and the members in order.</para>
/// </remarks>
/// <param name="Name">The name, which is the group unit's code; unique among the groups of one aggregation.</param>
/// <param name="Members">The member countries; the group keeps a copy.</param>
/// <example>
/// <code>
/// var allies = new UnitGroup("US and allies", [Country.UnitedStates, .. UnitGroups.FiveEyes.Members]);
/// var options = new AggregationOptions { Groups = [allies, UnitGroups.Brics] };
/// </code>
/// </example>
public sealed record UnitGroup(string Name, IReadOnlyList<Country> Members)
{
    private readonly string _name = CheckName(Name);
    private readonly IReadOnlyList<Country> _members = Copy(Members);

    /// <summary>The name, which is the group unit's code; unique among the groups of one aggregation.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public string Name
    {
        get => _name;
        init => _name = CheckName(value);
    }

    /// <summary>The member countries: a read-only copy of the list given, so a later change of that list changes no group.</summary>
    /// <exception cref="ArgumentException">A member is <see cref="Country.Unknown"/>.</exception>
    public IReadOnlyList<Country> Members
    {
        get => _members;
        init => _members = Copy(value);
    }

    /// <summary>Whether both groups have the same name and the same members in the same order.</summary>
    public bool Equals(UnitGroup? other)
    {
        if (other is null || !string.Equals(Name, other.Name, StringComparison.Ordinal) || Members.Count != other.Members.Count)
        {
            return false;
        }

        for (int i = 0; i < Members.Count; i++)
        {
            if (Members[i] != other.Members[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Name), Members.Count);

    /// <summary>"Name (AU, CA, ...)".</summary>
    public override string ToString() => $"{Name} ({string.Join(", ", Members)})";

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(Name));
        return name;
    }

    private static System.Collections.ObjectModel.ReadOnlyCollection<Country> Copy(IReadOnlyList<Country> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var copy = new Country[members.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = members[i];
            if (!copy[i].IsKnown)
            {
                throw new ArgumentException("A group member is Country.Unknown: name known countries only.", nameof(members));
            }
        }

        return Array.AsReadOnly(copy);
    }
}

/// <summary>
/// Ready-made country groups for <see cref="AggregationOptions.Groups"/>. Memberships change: replace them with your
/// own <see cref="UnitGroup"/> when you need another date or definition.
/// </summary>
public static class UnitGroups
{
    /// <summary>Five Eyes: Australia, Canada, New Zealand, the United Kingdom and the United States.</summary>
    public static UnitGroup FiveEyes { get; } = Create("Five Eyes", "AU", "CA", "GB", "NZ", "US");

    /// <summary>
    /// The 27 member states of the European Union since 1 February 2020 (after the United Kingdom left): AT, BE,
    /// BG, CY, CZ, DE, DK, EE, ES, FI, FR, GR, HR, HU, IE, IT, LT, LU, LV, MT, NL, PL, PT, RO, SE, SI, SK.
    /// </summary>
    public static UnitGroup EU27 { get; } = Create(
        "EU27", "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
        "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    /// <summary>The Quadrilateral Security Dialogue: Australia, India, Japan and the United States.</summary>
    public static UnitGroup Quad { get; } = Create("Quad", "AU", "IN", "JP", "US");

    /// <summary>The Group of Seven: Canada, France, Germany, Italy, Japan, the United Kingdom and the United States (the EU, a non-enumerated member, is not included).</summary>
    public static UnitGroup G7 { get; } = Create("G7", "CA", "DE", "FR", "GB", "IT", "JP", "US");

    /// <summary>
    /// BRICS after the 2024 enlargement (members on 1 January 2024): Brazil, Russia, India, China, South Africa,
    /// Egypt, Ethiopia, Iran and the United Arab Emirates. Saudi Arabia (invited, membership not confirmed) and
    /// Indonesia (joined January 2025) are not included.
    /// </summary>
    public static UnitGroup Brics { get; } = Create("BRICS", "AE", "BR", "CN", "EG", "ET", "IN", "IR", "RU", "ZA");

    /// <summary>Every ready-made group: <see cref="FiveEyes"/>, <see cref="EU27"/>, <see cref="Quad"/>, <see cref="G7"/>, <see cref="Brics"/>.</summary>
    public static IReadOnlyList<UnitGroup> All { get; } = [FiveEyes, EU27, Quad, G7, Brics];

    private static UnitGroup Create(string name, params string[] codes)
    {
        var members = new Country[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            members[i] = Country.FromKnownCode(codes[i]);
        }

        return new UnitGroup(name, members);
    }
}
