using CollabMetrics.Aggregation;

namespace CollabMetrics.Metrics;

/// <summary>
/// One partner of a focus unit in one slice: the counts behind the indices and every index value. Undefined
/// values are <see cref="double.NaN"/> (empty in CSV, null in JSON).
/// </summary>
/// <example>
/// <code>
/// PartnerRow? row = table.Find(2020, "US");
/// Console.WriteLine($"{row?.Partner.Label}: rank {row?.Rank}, partner share {row?.PartnerShare:F3}");
/// </code>
/// </example>
public sealed record PartnerRow
{
    /// <summary>The slice: its years (one, a window, or all) and technology (null for all).</summary>
    public required SliceKey Slice { get; init; }

    /// <summary>The focus unit (a country, an institution or a group).</summary>
    public required Unit Focus { get; init; }

    /// <summary>The partner unit.</summary>
    public required Unit Partner { get; init; }

    /// <summary>
    /// The partner's rank within the slice by the table's ranking index (1 = strongest; see
    /// <see cref="PartnerTable.RankedBy"/>), among the partners with co-publications in the slice; null when the
    /// partner has none in the slice (its row is there so that series see the zero).
    /// </summary>
    public int? Rank { get; init; }

    /// <summary>The counts of the slice behind every index.</summary>
    public required CollaborationCounts Counts { get; init; }

    /// <summary>The slice label of output (<c>2019</c>, <c>2015-2019</c> or <c>all</c>), derived from <see cref="Slice"/>.</summary>
    public string Year => Slice.YearsLabel;

    /// <summary>C_XY: publications with both the focus and the partner.</summary>
    public double Copublications => Counts.Copublications;

    /// <summary>P_X: publications of the focus.</summary>
    public double FocusPublications => Counts.FocusPublications;

    /// <summary>I_X: international publications of the focus.</summary>
    public double FocusInternationalPublications => Counts.FocusInternational;

    /// <summary>P_Y: publications of the partner.</summary>
    public double PartnerPublications => Counts.PartnerPublications;

    /// <summary>I_Y: international publications of the partner.</summary>
    public double PartnerInternationalPublications => Counts.PartnerInternational;

    /// <summary>C_X: the focus's link total.</summary>
    public double FocusLinks => Counts.FocusLinks;

    /// <summary>C_Y: the partner's link total.</summary>
    public double PartnerLinks => Counts.PartnerLinks;

    /// <summary>T: links of the slice.</summary>
    public double Links => Counts.Links;

    /// <summary>N: publications of the slice with at least one unit.</summary>
    public double Publications => Counts.Publications;

    /// <summary>N_int: international publications of the slice.</summary>
    public double InternationalPublications => Counts.InternationalPublications;

    /// <summary>C_XY / I_X.</summary>
    public double PartnerShare => Counts.Value(CollaborationIndex.PartnerShare);

    /// <summary>C_XY / P_X.</summary>
    public double OutputShare => Counts.Value(CollaborationIndex.OutputShare);

    /// <summary>C_XY / C_X.</summary>
    public double LinkShare => Counts.Value(CollaborationIndex.LinkShare);

    /// <summary>C_XY / sqrt(P_X P_Y).</summary>
    public double Salton => Counts.Value(CollaborationIndex.Salton);

    /// <summary>C_XY / (P_X + P_Y - C_XY).</summary>
    public double Jaccard => Counts.Value(CollaborationIndex.Jaccard);

    /// <summary>2 C_XY / (P_X + P_Y).</summary>
    public double Dice => Counts.Value(CollaborationIndex.Dice);

    /// <summary>C_XY / min(P_X, P_Y).</summary>
    public double Inclusion => Counts.Value(CollaborationIndex.Inclusion);

    /// <summary>C_XY² / (P_X P_Y).</summary>
    public double Equivalence => Counts.Value(CollaborationIndex.Equivalence);

    /// <summary>N C_XY / (P_X P_Y).</summary>
    public double AssociationStrength => Counts.Value(CollaborationIndex.AssociationStrength);

    /// <summary>2T C_XY / (C_X C_Y).</summary>
    public double ConfigurationAssociation => Counts.Value(CollaborationIndex.ConfigurationAssociation);

    /// <summary>(C_XY / C_X) / ((C_Y - C_XY) / (T - C_X)).</summary>
    public double Ric => Counts.Value(CollaborationIndex.Ric);

    /// <summary>(C_XY / C_X) / (C_Y / (T - C_X)).</summary>
    public double LuukkonenRI => Counts.Value(CollaborationIndex.LuukkonenRI);

    /// <summary>(C_XY / I_X) / (I_Y / N_int).</summary>
    public double NsfIci => Counts.Value(CollaborationIndex.NsfIci);

    /// <summary>The sum over co-publications of the focus's and the partner's fractional counts.</summary>
    public double NatureIndexCS => Counts.Value(CollaborationIndex.NatureIndexCS);

    /// <summary>The value of <paramref name="index"/> (NaN when undefined).</summary>
    public double Value(CollaborationIndex index) => Counts.Value(index);
}
