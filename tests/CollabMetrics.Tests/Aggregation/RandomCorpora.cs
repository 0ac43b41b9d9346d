using CollabMetrics.Aggregation;
using CollabMetrics.Geography;
using CollabMetrics.Model;
using CsCheck;

namespace CollabMetrics.Tests.Aggregation;

/// <summary>CsCheck generators of small random corpora and aggregation options.</summary>
internal static class RandomCorpora
{
    private static readonly string[] s_codes = ["CN", "US", "GB", "DE", "JP", "HK", "TW", "FR"];
    private static readonly string[] s_technologies = ["A", "B", "C"];

    public static readonly Gen<Affiliation> Affiliation =
        Gen.Select(Gen.Int[-1, s_codes.Length - 1], Gen.Int[-1, 6], (country, institution) => new Affiliation
        {
            Country = country < 0 ? Country.Unknown : Country.Parse(s_codes[country]),
            InstitutionId = institution < 0 ? null : $"I{institution}",
            InstitutionName = institution < 0 ? null : $"Institution {institution}",
        });

    public static readonly Gen<Author> Author =
        Gen.Select(Affiliation.Array[0, 3], Gen.Int[0, 3], (affiliations, corresponding) => new Author
        {
            Affiliations = affiliations,
            IsCorresponding = corresponding == 0,
        });

    public static readonly Gen<Publication> Publication =
        Gen.Select(Author.Array[0, 6], Gen.Int[2016, 2021], Gen.Int[0, 7], (authors, year, technologies) => new Publication
        {
            Id = "W",
            Year = year == 2016 ? null : year,
            Authors = authors,
            Technologies = [.. s_technologies.Where((_, i) => (technologies & (1 << i)) != 0)],
        });

    /// <summary>Up to 40 publications with distinct ids.</summary>
    public static readonly Gen<Publication[]> Publications =
        Publication.Array[0, 40].Select(WithIds);

    /// <summary>Publications whose authors each have one affiliation, all in different countries.</summary>
    public static readonly Gen<Publication[]> SingleAffiliationPublications =
        Gen.Select(Gen.Int[0, 255], Gen.Int[2018, 2020], (countries, year) => new Publication
        {
            Id = "W",
            Year = year,
            Authors = [.. s_codes.Where((_, i) => (countries & (1 << i)) != 0).Select(c => new Author { Affiliations = [new Affiliation { Country = Country.Parse(c) }] })],
        }).Array[0, 30].Select(WithIds);

    public static readonly Gen<AggregationOptions> Options =
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, 2], Gen.Int[0, 1], Gen.Int[0, 1], Gen.Int[0, 1], Gen.Bool, (level, territory, technologies, unknown, groups, byTechnology) =>
            new AggregationOptions
            {
                Level = (UnitLevel)level,
                Territory = (TerritoryPolicy)territory,
                Technologies = (TechnologyAssignment)technologies,
                UnknownAuthors = (UnknownAuthorPolicy)unknown,
                ByTechnology = byTechnology,
                Groups = groups == 1 && level == 0 ? [UnitGroups.FiveEyes, UnitGroups.Brics, new UnitGroup("East Asia", [Country.China, Country.Parse("JP"), Country.HongKong])] : [],
            });

    /// <summary>A seeded corpus of <paramref name="count"/> publications (for tests that need many chunks).</summary>
    public static Publication[] Seeded(int count, int seed)
    {
        var random = new Random(seed);
        var publications = new Publication[count];
        for (int k = 0; k < count; k++)
        {
            var authors = new Author[random.Next(0, 7)];
            for (int a = 0; a < authors.Length; a++)
            {
                var affiliations = new Affiliation[random.Next(0, 3)];
                for (int f = 0; f < affiliations.Length; f++)
                {
                    int country = random.Next(-1, s_codes.Length);
                    affiliations[f] = new Affiliation
                    {
                        Country = country < 0 ? Country.Unknown : Country.Parse(s_codes[country]),
                        InstitutionId = $"I{random.Next(0, 20)}",
                    };
                }

                authors[a] = new Author { Affiliations = affiliations, IsCorresponding = random.Next(4) == 0 };
            }

            int technologies = random.Next(0, 8);
            publications[k] = new Publication
            {
                Id = $"W{k}",
                Year = 2010 + random.Next(0, 12),
                Authors = authors,
                Technologies = [.. s_technologies.Where((_, i) => (technologies & (1 << i)) != 0)],
            };
        }

        return publications;
    }

    private static Publication[] WithIds(Publication[] publications)
    {
        for (int i = 0; i < publications.Length; i++)
        {
            publications[i] = publications[i] with { Id = $"W{i}" };
        }

        return publications;
    }
}
