using System.Diagnostics.CodeAnalysis;

namespace CollabMetrics.Metrics;

/// <summary>
/// An index of collaboration between a focus unit X and a partner unit Y, computed from whole counts of one slice.
/// See docs/metrics.md for every formula, its range and when it is undefined.
/// </summary>
/// <remarks>
/// Names for the command line and for files are snake_case (<c>partner_share</c>, <c>nature_index_cs</c>): see
/// <see cref="CollaborationIndices.ToName"/> and <see cref="CollaborationIndices.Parse"/>.
/// </remarks>
public enum CollaborationIndex
{
    /// <summary>C_XY / I_X: the share of X's international publications that include Y.</summary>
    PartnerShare = 0,

    /// <summary>C_XY / P_X: the share of all of X's publications that include Y.</summary>
    OutputShare = 1,

    /// <summary>C_XY / C_X: the share of X's links that go to Y; sums to 1 over the partners.</summary>
    LinkShare = 2,

    /// <summary>Salton's cosine, C_XY / sqrt(P_X P_Y), in [0, 1].</summary>
    Salton = 3,

    /// <summary>Jaccard, C_XY / (P_X + P_Y - C_XY), in [0, 1].</summary>
    Jaccard = 4,

    /// <summary>Dice, 2 C_XY / (P_X + P_Y), in [0, 1].</summary>
    Dice = 5,

    /// <summary>Inclusion, C_XY / min(P_X, P_Y), in [0, 1].</summary>
    Inclusion = 6,

    /// <summary>Equivalence, C_XY² / (P_X P_Y), in [0, 1].</summary>
    Equivalence = 7,

    /// <summary>Association strength (probabilistic affinity), N C_XY / (P_X P_Y); 1 is what independence predicts.</summary>
    AssociationStrength = 8,

    /// <summary>Configuration association (VOSviewer/CWTS), 2T C_XY / (C_X C_Y): observed over expected links.</summary>
    ConfigurationAssociation = 9,

    /// <summary>Relative intensity of collaboration (Fuchs, Sivertsen and Rousseau 2021), (C_XY / C_X) / ((C_Y - C_XY) / (T - C_X)); asymmetric.</summary>
    Ric = 10,

    /// <summary>Luukkonen's relative intensity (1992), (C_XY / C_X) / (C_Y / (T - C_X)); asymmetric, kept for comparison.</summary>
    LuukkonenRI = 11,

    /// <summary>The NSF index of collaboration, (C_XY / I_X) / (I_Y / N_int); above 1 is more than expected.</summary>
    NsfIci = 12,

    /// <summary>Nature Index collaboration score: the sum over co-publications of X's and Y's fractional counts.</summary>
    NatureIndexCS = 13,
}

/// <summary>Names, parsing and properties of <see cref="CollaborationIndex"/> values.</summary>
/// <example>
/// <code>
/// CollaborationIndex index = CollaborationIndices.Parse("association_strength");
/// string name = CollaborationIndex.NsfIci.ToName();   // "nsf_ici"
/// </code>
/// </example>
public static class CollaborationIndices
{
    private static readonly string[] Names =
    [
        "partner_share", "output_share", "link_share", "salton", "jaccard", "dice", "inclusion", "equivalence",
        "association_strength", "configuration_association", "ric", "luukkonen_ri", "nsf_ici", "nature_index_cs",
    ];

    /// <summary>Every index, in declaration order (the column order of partner tables).</summary>
    public static IReadOnlyList<CollaborationIndex> All { get; } =
    [
        CollaborationIndex.PartnerShare, CollaborationIndex.OutputShare, CollaborationIndex.LinkShare,
        CollaborationIndex.Salton, CollaborationIndex.Jaccard, CollaborationIndex.Dice, CollaborationIndex.Inclusion,
        CollaborationIndex.Equivalence, CollaborationIndex.AssociationStrength,
        CollaborationIndex.ConfigurationAssociation, CollaborationIndex.Ric, CollaborationIndex.LuukkonenRI,
        CollaborationIndex.NsfIci, CollaborationIndex.NatureIndexCS,
    ];

    /// <summary>Every snake_case name, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> AllNames { get; } = Array.AsReadOnly(Names);

    /// <summary>The snake_case name used by the command line and as a column name, such as <c>partner_share</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined index.</exception>
    public static string ToName(this CollaborationIndex index)
    {
        if ((uint)index >= (uint)Names.Length)
        {
            ThrowUndefined(index);
        }

        return Names[(int)index];
    }

    /// <summary>
    /// Parses an index name: the snake_case name (<c>luukkonen_ri</c>) or the enum name (<c>LuukkonenRI</c>),
    /// ignoring case, underscores, hyphens and spaces.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="FormatException">The name is not an index name; the message lists the valid names.</exception>
    public static CollaborationIndex Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!TryParse(name, out var index))
        {
            ThrowUnknownName(name);
        }

        return index;
    }

    /// <summary>Tries to parse an index name (see <see cref="Parse"/>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out CollaborationIndex index)
    {
        index = default;
        if (name is null)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[64];
        int length = 0;
        foreach (char c in name)
        {
            if (c is '_' or '-' or ' ')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return false;
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        ReadOnlySpan<char> wanted = buffer[..length];
        for (int i = 0; i < Names.Length; i++)
        {
            if (wanted.SequenceEqual(Names[i].Replace("_", string.Empty, StringComparison.Ordinal)))
            {
                index = (CollaborationIndex)i;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the index has the same value for (X, Y) and (Y, X). PartnerShare, OutputShare, LinkShare, RIC,
    /// LuukkonenRI and NsfIci depend on the direction; the others do not.
    /// </summary>
    public static bool IsSymmetric(this CollaborationIndex index) => index switch
    {
        CollaborationIndex.Salton or CollaborationIndex.Jaccard or CollaborationIndex.Dice
            or CollaborationIndex.Inclusion or CollaborationIndex.Equivalence
            or CollaborationIndex.AssociationStrength or CollaborationIndex.ConfigurationAssociation
            or CollaborationIndex.NatureIndexCS => true,
        CollaborationIndex.PartnerShare or CollaborationIndex.OutputShare or CollaborationIndex.LinkShare
            or CollaborationIndex.Ric or CollaborationIndex.LuukkonenRI or CollaborationIndex.NsfIci => false,
        _ => ThrowUndefined<bool>(index),
    };

    /// <summary>
    /// Whether every defined value lies in [0, 1]: PartnerShare, OutputShare, LinkShare, Salton, Jaccard, Dice,
    /// Inclusion and Equivalence. The others are ratios to an expectation (1 = neutral) or a score.
    /// </summary>
    public static bool IsBounded(this CollaborationIndex index) => index switch
    {
        CollaborationIndex.PartnerShare or CollaborationIndex.OutputShare or CollaborationIndex.LinkShare
            or CollaborationIndex.Salton or CollaborationIndex.Jaccard or CollaborationIndex.Dice
            or CollaborationIndex.Inclusion or CollaborationIndex.Equivalence => true,
        CollaborationIndex.AssociationStrength or CollaborationIndex.ConfigurationAssociation
            or CollaborationIndex.Ric or CollaborationIndex.LuukkonenRI or CollaborationIndex.NsfIci
            or CollaborationIndex.NatureIndexCS => false,
        _ => ThrowUndefined<bool>(index),
    };

    [DoesNotReturn]
    private static void ThrowUnknownName(string name) =>
        throw new FormatException($"'{name}' is not a collaboration index. Use one of: {string.Join(", ", Names)}.");

    [DoesNotReturn]
    private static void ThrowUndefined(CollaborationIndex index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, "Not a defined collaboration index; see CollaborationIndices.All.");

    [DoesNotReturn]
    private static T ThrowUndefined<T>(CollaborationIndex index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, "Not a defined collaboration index; see CollaborationIndices.All.");
}
