using CollabMetrics.Metrics;

namespace CollabMetrics.Tests.Metrics;

/// <summary>The focus-CN table of the METRICS.md test vector: counts stated there and every index value, exactly.</summary>
internal static class MetricsVector
{
    /// <summary>N = 11, N_int = 8, T = 14; CN: P 9, I 7, C_X 10.</summary>
    public static CollaborationCounts CountsFor(string partner) => partner switch
    {
        "US" => new(4, 9, 6, 7, 5, 10, 8, 14, 11, 8, 17.0 / 6),
        "PK" => new(4, 9, 4, 7, 4, 10, 6, 14, 11, 8, 41.0 / 12),
        "JP" => new(2, 9, 3, 7, 3, 10, 4, 14, 11, 8, 5.0 / 3),
        _ => throw new ArgumentOutOfRangeException(nameof(partner)),
    };

    /// <summary>Partner, index, exact value (the fractions of the METRICS.md table; Salton as the square-root expression).</summary>
    public static TheoryData<string, CollaborationIndex, double> FocusChina { get; } = Build();

    private static TheoryData<string, CollaborationIndex, double> Build()
    {
        var data = new TheoryData<string, CollaborationIndex, double>();
        void Row(string partner, params double[] values)
        {
            CollaborationIndex[] order =
            [
                CollaborationIndex.PartnerShare, CollaborationIndex.OutputShare, CollaborationIndex.LinkShare,
                CollaborationIndex.Salton, CollaborationIndex.Jaccard, CollaborationIndex.Dice,
                CollaborationIndex.Inclusion, CollaborationIndex.Equivalence, CollaborationIndex.AssociationStrength,
                CollaborationIndex.Ric, CollaborationIndex.LuukkonenRI, CollaborationIndex.ConfigurationAssociation,
                CollaborationIndex.NsfIci, CollaborationIndex.NatureIndexCS,
            ];
            for (int i = 0; i < order.Length; i++)
            {
                data.Add(partner, order[i], values[i]);
            }
        }

        // Columns in the order of the METRICS.md table.
        Row("US", 4.0 / 7, 4.0 / 9, 2.0 / 5, 4 / Math.Sqrt(54), 4.0 / 11, 8.0 / 15, 2.0 / 3, 8.0 / 27, 22.0 / 27, 2.0 / 5, 1.0 / 5, 7.0 / 5, 32.0 / 35, 17.0 / 6);
        Row("PK", 4.0 / 7, 4.0 / 9, 2.0 / 5, 2.0 / 3, 4.0 / 9, 8.0 / 13, 1, 4.0 / 9, 11.0 / 9, 4.0 / 5, 4.0 / 15, 28.0 / 15, 8.0 / 7, 41.0 / 12);
        Row("JP", 2.0 / 7, 2.0 / 9, 1.0 / 5, 2 / Math.Sqrt(27), 1.0 / 5, 1.0 / 3, 2.0 / 3, 4.0 / 27, 22.0 / 27, 2.0 / 5, 1.0 / 5, 7.0 / 5, 16.0 / 21, 5.0 / 3);
        return data;
    }
}
