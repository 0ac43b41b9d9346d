using CsCheck;
using CollabMetrics.Geography;
using CollabMetrics.Model;

namespace CollabMetrics.Tests;

public class CorpusBuilderTests
{
    private static readonly Gen<string?> Text = Gen.Select(Gen.Int[0, 5], Gen.String[Gen.Char["abcÉ漢 ,"], 1, 12], (kind, text) => kind switch
    {
        0 => null,
        1 => string.Empty,
        2 => " ",
        _ => (string?)text,
    });

    private static readonly Gen<List<Publication>> Publications =
        Gen.Select(Gen.Int[-5, 30].Select(i => i < 0 ? null : (string?)$"A{i}"), Text, Gen.Select(Text, Gen.OneOf<string?>(null, "I1", "I2"), Gen.OneOf("", "FR", "US", "CN"), Gen.Int[0, 3], (address, institution, code, repeat) =>
                Enumerable.Repeat(new Affiliation { Address = address, InstitutionId = institution, Country = code.Length == 0 ? Country.Unknown : Country.Parse(code) }, repeat).ToList()).Array[0, 3], (id, name, affiliations) =>
                new Author { Id = id, Name = name, Affiliations = [.. affiliations.SelectMany(a => a)] })
            .Array[0, 6]
            .Select(Gen.Int[0, 40], Gen.Int[-20, 40].Select(d => d < 0 ? null : (string?)$"10.1/{d}"), (authors, id, doi) => (authors, id, doi))
            .Array[1, 120]
            .Select(papers => papers.Select((p, i) => new Publication
            {
                Id = $"P{p.id}",
                Doi = p.doi,
                Year = 2000 + (i % 20),
                Authors = p.authors,
                Position = new SourcePosition("works.jsonl", i + 1, i + 1),
            }).ToList());

    [Fact]
    public void ExpectPublications_AnyEstimate_GivesTheSameCorpus()
    {
        // Too low, about right, far too high, or none: the tables are sized differently, the corpus is the same.
        Gen.Select(Publications, Gen.Int[1, 16], Gen.Long[0, 2_000]).Sample(
            (list, sample, expected) =>
            {
                var plain = Corpus.Build(list);
                var builder = new CorpusBuilder { SampleSize = sample };
                builder.ExpectPublications(expected);
                var sized = builder.AddRange(list).Build();

                sized.Count.Should().Be(plain.Count);
                sized.Publications.Should().BeEquivalentTo(plain.Publications, o => o.WithStrictOrdering());
                sized.Institutions.Should().Equal(plain.Institutions);
                (sized.Report.Accepted, sized.Report.DuplicateIds, sized.Report.DuplicateDois, sized.Report.MergeConflicts)
                    .Should().Be((plain.Report.Accepted, plain.Report.DuplicateIds, plain.Report.DuplicateDois, plain.Report.MergeConflicts));
            },
            iter: 200);
    }

    [Fact]
    public void Add_CoAuthorsSharingAnAddress_KeepEachAuthorsAddresses()
    {
        var x = new Affiliation { Address = "Dept X, Univ A", Country = Country.Parse("FR") };
        var y = new Affiliation { Address = "Dept Y, Univ A", Country = Country.Parse("FR") };
        var blank = new Affiliation { Address = " ", Country = Country.Parse("US") };
        var publications = new[]
        {
            new Publication { Id = "P1", Year = 2020, Authors = [new Author { Affiliations = [x] }, new Author { Affiliations = [y, x] }, new Author { Affiliations = [x, blank] }] },
            new Publication { Id = "P2", Year = 2020, Authors = [new Author { Affiliations = [y] }, new Author { Affiliations = [x] }] },
        };

        var corpus = Corpus.Build(publications);

        corpus[0].ToPublication().Authors.Select(a => string.Join("|", a.Affiliations.Select(f => f.Address))).Should().Equal("Dept X, Univ A", "Dept Y, Univ A|Dept X, Univ A", "Dept X, Univ A|");
        corpus[1].ToPublication().Authors.Select(a => string.Join("|", a.Affiliations.Select(f => f.Address))).Should().Equal("Dept Y, Univ A", "Dept X, Univ A");
        corpus.Storage.Tables.Addresses!.Count.Should().Be(2, "each distinct address is stored once; a blank one not at all");
    }

    [Fact]
    public void Build_SameAuthorIdWithDifferentNames_KeepsEachAuthorshipsIdAndName()
    {
        // Ids of a number's shape and not (leading zeros, case, a name key, more digits than 64 bits hold), each met
        // with several names: each authorship keeps its own, and the tables hold what a build without ids holds.
        var ids = Gen.OneOf<string?>(
            null, "https://openalex.org/A1", "https://openalex.org/A01", "https://openalex.org/A2", "https://openalex.org/a1",
            "RUSSELL, T", "123456789012345678901234", " ");
        var names = Gen.OneOf<string?>(null, string.Empty, " ", "Ada", "Ada L.", "Bo Ång");
        Gen.Select(ids, names).Array[1, 5].Array[1, 40].Sample(papers =>
        {
            var list = papers.Select((authors, i) => new Publication
            {
                Id = $"P{i}",
                Year = 2020,
                Authors = [.. authors.Select(a => new Author { Id = a.Item1, Name = a.Item2 })],
            }).ToList();

            var corpus = Corpus.Build(list);
            var withoutIds = Corpus.Build(list, CorpusOptions.Default with { KeepAuthorIds = false });

            corpus.Storage.Tables.AuthorNames!.ToArray().Should().Equal(withoutIds.Storage.Tables.AuthorNames!.ToArray());
            var keys = corpus.Storage.Tables.AuthorKeys.ToArray();
            keys.Should().OnlyHaveUniqueItems("each key is stored once");
            list.SelectMany(p => p.Authors).Select(a => a.Id).Where(id => !string.IsNullOrWhiteSpace(id)).Except(keys).Should().BeEmpty("every id is stored");
            for (int k = 0; k < list.Count; k++)
            {
                var authors = corpus[k].ToPublication().Authors;
                authors.Select(a => a.Name).Should().Equal(withoutIds[k].ToPublication().Authors.Select(a => a.Name));
                authors.Select(a => a.Name).Should().Equal(list[k].Authors.Select(a => string.IsNullOrWhiteSpace(a.Name) ? null : a.Name));
                authors.Select(a => a.Id).Should().Equal(list[k].Authors.Select(a => string.IsNullOrWhiteSpace(a.Id) ? null : a.Id));
            }
        }, iter: 300);
    }
}
