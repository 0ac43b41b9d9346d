namespace CollabMetrics.Synthetic;

/// <summary>The 74 technology labels of the synthetic corpus and their popularity and growth profiles.</summary>
internal static class SyntheticTechnologies
{
    /// <summary>Labels in the style of critical-technology trackers, grouped by field.</summary>
    internal static readonly string[] Names =
    [
        // Advanced materials and manufacturing
        "Nanoscale materials and manufacturing",
        "Coatings",
        "Smart materials",
        "Advanced composite materials",
        "Novel metamaterials",
        "High-specification machining processes",
        "Advanced explosives and energetic materials",
        "Critical minerals extraction and processing",
        "Advanced magnets and superconductors",
        "Advanced protection",
        "Continuous flow chemical synthesis",
        "Additive manufacturing (including 3D printing)",

        // Artificial intelligence, computing and communications
        "Advanced radiofrequency communications (including 5G and 6G)",
        "Advanced optical communications",
        "Artificial intelligence (AI) algorithms and hardware accelerators",
        "Distributed ledgers",
        "Advanced data analytics",
        "Machine learning (including neural networks and deep learning)",
        "Protective cybersecurity technologies",
        "High performance computing",
        "Advanced integrated circuit design and fabrication",
        "Natural language processing (including speech and text recognition and analysis)",
        "Advanced semiconductor device manufacture",
        "Cloud and edge computing",
        "Computer vision",
        "Adversarial AI",
        "Mesh and infrastructure-independent networks",

        // Energy and environment
        "Hydrogen and ammonia for power",
        "Supercapacitors",
        "Electric batteries",
        "Photovoltaics",
        "Nuclear waste management and recycling",
        "Directed energy technologies",
        "Biofuels",
        "Nuclear energy",
        "Nuclear fusion",
        "Wind power",
        "Carbon capture, utilisation and storage",
        "Grid integration and energy storage",

        // Quantum
        "Quantum computing",
        "Post-quantum cryptography",
        "Quantum communications (including quantum key distribution)",
        "Quantum sensors",
        "Quantum materials",

        // Biotechnology, gene technology and vaccines
        "Synthetic biology",
        "Biological manufacturing",
        "Vaccines and medical countermeasures",
        "Genetic engineering",
        "Genome and genetic sequencing and analysis",
        "Novel antibiotics and antivirals",
        "Nuclear medicine and radiotherapy",
        "Neuroprosthetics and brain-computer interfaces",

        // Sensing, timing and navigation
        "Photonic sensors",
        "Atomic clocks",
        "Gravitational force sensors",
        "Magnetic field sensors",
        "Multispectral and hyperspectral imaging sensors",
        "Radar",
        "Satellite positioning and navigation",
        "Sonar and acoustic sensors",
        "Inertial navigation systems",

        // Defence, space, robotics and transportation
        "Advanced aircraft engines (including hypersonics)",
        "Drones, swarming and collaborative robots",
        "Small satellites",
        "Autonomous systems operation technology",
        "Advanced robotics",
        "Space launch systems",
        "Autonomous underwater vehicles",
        "Electronic warfare",
        "Hypersonic detection and tracking",
        "Space-based sensing and surveillance",
        "Advanced undersea wireless communication",

        // Health and water
        "Microfluidics and lab-on-a-chip devices",
        "Advanced water purification and desalination",
    ];

    /// <summary>Technologies whose output grows fastest (per year, log scale): AI, batteries, quantum.</summary>
    private static readonly (string Name, double Growth)[] s_fastGrowing =
    [
        ("Machine learning (including neural networks and deep learning)", 0.22),
        ("Artificial intelligence (AI) algorithms and hardware accelerators", 0.18),
        ("Computer vision", 0.16),
        ("Natural language processing (including speech and text recognition and analysis)", 0.16),
        ("Adversarial AI", 0.25),
        ("Electric batteries", 0.14),
        ("Quantum computing", 0.15),
        ("Post-quantum cryptography", 0.18),
        ("Distributed ledgers", 0.20),
        ("Hydrogen and ammonia for power", 0.12),
        ("Cloud and edge computing", 0.14),
    ];

    /// <summary>Relative popularity of technology <paramref name="t"/> at the middle of the period: a scrambled Zipf-like profile.</summary>
    internal static double BaseWeight(int t)
    {
        int rank = (t * 37) % Names.Length;
        return 1.0 / Math.Pow(1 + rank, 0.7);
    }

    /// <summary>Yearly growth (log scale) of technology <paramref name="t"/>, relative to the others.</summary>
    internal static double Growth(int t)
    {
        foreach (var (name, growth) in s_fastGrowing)
        {
            if (string.Equals(name, Names[t], StringComparison.Ordinal))
            {
                return growth;
            }
        }

        return -0.03 + (0.08 * ((t * 29) % Names.Length) / (Names.Length - 1));
    }
}
