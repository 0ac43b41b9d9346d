using CollabMetrics.Aggregation;
using CollabMetrics.IO;
using CollabMetrics.Model;
using CollabMetrics.Tests.Aggregation;
using CollabMetrics.Tests.TestData;
using CsCheck;

namespace CollabMetrics.Tests;

/// <summary>Records of one publication (same DOI, or same source and id) merge by a rule that does not depend on input order.</summary>
public class CorpusMergeTests
{
    private static string ScopusFromWosRecord1 => Path.Combine(Fixtures.Root, "cross-source", "scopus-from-wos-record-1.csv");

    private static string WosFromScopusRecord8 => Path.Combine(Fixtures.Root, "cross-source", "wos-from-scopus-record-8.txt");

    [Fact]
    public void Build_SameDoiFromTwoSources_UnionOfCountriesPerAuthorPositionInEitherOrder()
    {
        var openAlex = Record("W1", PublicationSource.OpenAlex, "10.1/x", 2020, [["US"], ["CN"]], "a.json", 3);
        var wos = Record("WOS:1", PublicationSource.WebOfScience, "10.1/X", 2020, [["US", "GB"], ["CN"], ["DE"]], "b.txt", 7);

        foreach (var input in new[] { new[] { openAlex, wos }, [wos, openAlex] })
        {
            var corpus = Corpus.Build(input);

            corpus.Count.Should().Be(1);
            var merged = corpus.Publications.Single();
            merged.Id.Should().Be("W1", "OpenAlex comes first in the source priority");
            merged.Position.Should().Be(new SourcePosition("a.json", 0, 3));
            merged.Authors.Select(a => string.Join(",", a.Affiliations.Select(f => f.Country.Code))).Should().Equal("US,GB", "CN", "DE");
            corpus.Report.DuplicateDois.Should().Be(1);
            corpus.Report.Accepted.Should().Be(1);
            corpus.Report.MergeConflicts.Should().Be(1);
            var conflict = corpus.Report.Issues.Single(i => i.Kind == IngestIssueKind.MergeConflict);
            conflict.Position.Should().Be(wos.Position);
            conflict.Message.Should().Contain("b.txt, record 7").And.Contain("a.json, record 3").And.Contain("3 authors vs 2");
        }
    }

    [Fact]
    public void Build_RepresentativeWithoutYearOrAffiliation_TakesThemFromTheNextRecord()
    {
        var openAlex = Record("W1", PublicationSource.OpenAlex, "10.1/x", null, [[], ["CN"]], "a.json", 1) with { Technologies = ["AI"] };
        var scopus = Record("2-s2.0-1", PublicationSource.Scopus, "10.1/x", 2019, [["FR"], ["CN", "JP"]], "c.csv", 2) with { Technologies = ["Quantum"] };

        var merged = Corpus.Build([scopus, openAlex]).Publications.Single();

        merged.Year.Should().Be(2019);
        merged.Technologies.Should().BeEquivalentTo(["AI", "Quantum"]);
        merged.Authors[0].Affiliations.Select(f => f.Country.Code).Should().Equal("FR");
        merged.Authors[1].Affiliations.Select(f => f.Country.Code).Should().Equal("CN", "JP");
        merged.Authors[0].IsCorresponding.Should().BeTrue();
    }

    [Fact]
    public void Build_SameIdDifferentContent_ChoosesTheSameRecordInEitherOrder()
    {
        var a = TestCorpora.FromCountries("W1", 2020, [["US"]]);
        var b = TestCorpora.FromCountries("W1", 2021, [["US"]]);

        var ab = Corpus.Build([a, b]);
        var ba = Corpus.Build([b, a]);

        ab[0].Year.Should().Be(ba[0].Year);
        ab.Report.DuplicateIds.Should().Be(1);
        ab.Report.MergeConflicts.Should().Be(1);
        ba.Report.MergeConflicts.Should().Be(1);
    }

    [Fact]
    public void Add_RecordSharingAnIdWithOneAndADoiWithAnother_JoinsThemIntoOne()
    {
        var first = TestCorpora.FromCountries("W1", 2020, [["US"]]);
        var second = TestCorpora.FromCountries("W2", 2020, [["CN"]]) with { Doi = "10.1/y" };
        var bridge = TestCorpora.FromCountries("W1", 2020, [["US"]]) with { Doi = "10.1/y" };
        var builder = new CorpusBuilder();

        builder.Add(first).Should().BeTrue();
        builder.Add(second).Should().BeTrue();
        builder.Add(bridge).Should().BeFalse();
        builder.Count.Should().Be(1);
        var corpus = builder.Build();

        corpus.Count.Should().Be(1);
        corpus[0].Countries.Select(c => c.Code).Should().Equal("CN", "US");
        var report = corpus.Report;
        (report.Accepted + report.DuplicateIds + report.DuplicateDois).Should().Be(3, "every record is accepted or merged");
    }

    [Fact]
    public void Build_MergeByDoiOff_KeepsBothRecords()
    {
        var a = Record("W1", PublicationSource.OpenAlex, "10.1/x", 2020, [["US"]], "a", 1);
        var b = Record("WOS:1", PublicationSource.WebOfScience, "10.1/x", 2020, [["CN"]], "b", 1);

        var corpus = Corpus.Build([a, b], CorpusOptions.Default with { MergeByDoi = false });

        corpus.Count.Should().Be(2);
        corpus.Report.DuplicateDois.Should().Be(0);
    }

    [Fact]
    public void Build_DoisNotKept_StillMergesByDoi()
    {
        var a = Record("W1", PublicationSource.OpenAlex, "10.1/x", 2020, [["US"]], "a", 1);
        var b = Record("WOS:1", PublicationSource.WebOfScience, "10.1/x", 2020, [["CN"]], "b", 1);

        var corpus = Corpus.Build([a, b], CorpusOptions.Default with { KeepDois = false });

        corpus.Count.Should().Be(1);
        corpus[0].Doi.Should().BeNull();
        corpus[0].Countries.Select(c => c.Code).Should().Equal("CN", "US");
    }

    [Fact]
    public void FromFiles_WosAndScopusFixturesInBothOrders_GiveIdenticalCountriesAndPairs()
    {
        foreach (var (first, second) in new[] { (Fixtures.WosPlain500, ScopusFromWosRecord1), (Fixtures.Scopus58, WosFromScopusRecord8) })
        {
            var forward = Corpus.FromFiles([first, second]);
            var backward = Corpus.FromFiles([second, first]);

            forward.Report.DuplicateDois.Should().Be(1);
            backward.Report.DuplicateDois.Should().Be(1);
            CountriesByPublication(forward).Should().Equal(CountriesByPublication(backward));
            CubeAssert.Close(CollaborationCube.Build(forward), CollaborationCube.Build(backward));
        }
    }

    [Fact]
    public void FromFiles_ConflictingWosAndScopusRecordsInBothOrders_MergeAlikeAndReportBothFiles()
    {
        // The Scopus counterpart of WoS record 1, with its Beijing address moved to Germany: the two sources now disagree.
        var text = File.ReadAllText(ScopusFromWosRecord1).Replace("Beijing, China", "Berlin, Germany", StringComparison.Ordinal);
        using var changed = TempFile.WithText(".csv", text);

        var forward = Corpus.FromFiles([Fixtures.WosPlain500, changed.Path]);
        var backward = Corpus.FromFiles([changed.Path, Fixtures.WosPlain500]);

        var merged = forward.Records.Single(r => r.Doi == "10.1002/polb.24346");
        merged.Countries.Select(c => c.Code).Should().Equal("CN", "DE", "US");
        merged.Source.Should().Be(PublicationSource.WebOfScience);
        CountriesByPublication(forward).Should().Equal(CountriesByPublication(backward));
        CubeAssert.Close(CollaborationCube.Build(forward), CollaborationCube.Build(backward));
        foreach (var corpus in new[] { forward, backward })
        {
            corpus.Report.MergeConflicts.Should().Be(1);
            var conflict = corpus.Report.Issues.Single(i => i.Kind == IngestIssueKind.MergeConflict);
            conflict.Message.Should().Contain(Fixtures.WosPlain500).And.Contain(changed.Path).And.Contain("author 2 countries");
        }
    }

    [Fact]
    public void Build_ShuffledRecordsWithDuplicates_GiveTheSameCubeAndPublications()
    {
        Gen.Select(DuplicatedCorpora, RandomCorpora.Options, Gen.Int).Sample((records, options, seed) =>
        {
            var shuffled = (Publication[])records.Clone();
            new Random(seed).Shuffle(shuffled);

            var original = Corpus.Build(records);
            var reordered = Corpus.Build(shuffled);

            CubeAssert.Close(CollaborationCube.Build(reordered, options), CollaborationCube.Build(original, options));
            Canonical(reordered).Should().Equal(Canonical(original));
            reordered.Report.Accepted.Should().Be(original.Report.Accepted);
            (reordered.Report.DuplicateIds + reordered.Report.DuplicateDois).Should().Be(original.Report.DuplicateIds + original.Report.DuplicateDois);
            reordered.Report.MergeConflicts.Should().Be(original.Report.MergeConflicts);
            (original.Report.Accepted + original.Report.DuplicateIds + original.Report.DuplicateDois).Should().Be(records.Length);
        }, iter: 150);
    }

    [Fact]
    public void Build_RandomRecordsWithDuplicates_EqualTheIndependentMergeOfTheRule()
    {
        Gen.Select(DuplicatedCorpora, RandomCorpora.Options).Sample((records, options) =>
        {
            var corpus = Corpus.Build(records);
            var expected = ReferenceMerge.Merge(records);

            Canonical(corpus).Should().Equal(expected.Select(Canonical).Order(StringComparer.Ordinal));
            CubeAssert.Close(CollaborationCube.Build(corpus, options), ReferenceAggregator.Build(expected, options));
        }, iter: 150);
    }

    /// <summary>Random records drawn from a few DOIs and ids, so that many share one, from three sources, each with its own position.</summary>
    private static readonly Gen<Publication[]> DuplicatedCorpora =
        Gen.Select(RandomCorpora.Publication, Gen.Int[0, 6], Gen.Int[0, 4], Gen.Int[0, 2], Gen.Int[1, 3], (p, doi, id, source, file) =>
            p with
            {
                Doi = doi >= 5 ? null : $"10.5/D{doi}",
                Id = $"P{id}",
                Source = (PublicationSource)(source + 1),
                Position = new SourcePosition($"f{file}", 0, 0),
                Authors = [.. p.Authors.Select((a, u) => a with { Name = u % 2 == 0 ? $"Name{u}, A" : null })],
            }).Array[0, 30].Select(records =>
        {
            for (int i = 0; i < records.Length; i++)
            {
                records[i] = records[i] with { Position = records[i].Position with { Record = i + 1 } };
            }

            return records;
        });

    private static Publication Record(string id, PublicationSource source, string doi, int? year, string[][] authors, string file, long record) =>
        TestCorpora.FromCountries(id, year, authors) with { Source = source, Doi = doi, Position = new SourcePosition(file, 0, record) };

    private static List<string> CountriesByPublication(Corpus corpus) =>
        [.. corpus.Records.Select(r => $"{r.Doi ?? r.Id}: {string.Join(",", r.Countries)}").Order(StringComparer.Ordinal)];

    private static List<string> Canonical(Corpus corpus) => [.. corpus.Publications.Select(Canonical).Order(StringComparer.Ordinal)];

    /// <summary>A publication as text: every field the corpus keeps, technologies in label order, affiliations with nothing known left out.</summary>
    private static string Canonical(Publication p) =>
        $"{p.Source}|{p.Id}|{p.Doi}|{p.Year}|{p.Citations}|{p.Position}|{string.Join(";", p.Technologies.Order(StringComparer.Ordinal))}|"
        + string.Join(" / ", p.Authors.Select(a =>
            $"{(a.IsCorresponding ? "*" : "")}{a.Id}:{a.Name}:"
            + string.Join(",", a.Affiliations
                .Where(f => f.Country.IsKnown || !string.IsNullOrWhiteSpace(f.InstitutionId) || !string.IsNullOrWhiteSpace(f.InstitutionName) || !string.IsNullOrWhiteSpace(f.Address))
                .Select(f => $"{f.InstitutionId}/{f.InstitutionName}/{f.Country}/{f.Address}"))));

    /// <summary>The merge rule of docs/formats.md written again over publications, with LINQ, for comparison.</summary>
    private static class ReferenceMerge
    {
        private static readonly PublicationSource[] Priority =
        [
            PublicationSource.OpenAlex, PublicationSource.WebOfScience, PublicationSource.Scopus,
            PublicationSource.CollabMetricsCsv, PublicationSource.Synthetic, PublicationSource.Unknown,
        ];

        public static List<Publication> Merge(Publication[] records)
        {
            // Connected components of "same (source, id)" or "same DOI".
            var component = Enumerable.Range(0, records.Length).ToArray();
            int Root(int i) => component[i] == i ? i : component[i] = Root(component[i]);
            for (int i = 0; i < records.Length; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    bool sameId = records[i].Source == records[j].Source && records[i].Id == records[j].Id;
                    bool sameDoi = Doi.Normalize(records[i].Doi) is { } d && d == Doi.Normalize(records[j].Doi);
                    if (sameId || sameDoi)
                    {
                        component[Root(i)] = Root(j);
                    }
                }
            }

            return [.. Enumerable.Range(0, records.Length).GroupBy(Root).Select(g => MergeGroup([.. g.Select(i => records[i])]))];
        }

        private static Publication MergeGroup(List<Publication> group)
        {
            var ordered = group
                .OrderBy(p => Array.IndexOf(Priority, p.Source))
                .ThenBy(p => p.Id, StringComparer.Ordinal)
                .ThenBy(p => p.Position.File, StringComparer.Ordinal)
                .ThenBy(p => p.Position.Line)
                .ThenBy(p => p.Position.Record)
                .ToList();
            var first = ordered[0];
            int authorCount = ordered.Max(p => p.Authors.Count);
            var authors = new List<Author>();
            for (int u = 0; u < authorCount; u++)
            {
                var at = ordered.Where(p => u < p.Authors.Count).Select(p => p.Authors[u]).ToList();
                var lead = at[0];
                var affiliations = lead.Affiliations.ToList();
                var countries = affiliations.Where(f => f.Country.IsKnown).Select(f => f.Country).ToHashSet();
                var added = new List<Affiliation>();
                foreach (var other in at.Skip(1))
                {
                    var before = countries.ToHashSet();
                    foreach (var f in other.Affiliations.Where(f => f.Country.IsKnown && !before.Contains(f.Country)))
                    {
                        added.Add(f);
                        countries.Add(f.Country);
                    }
                }

                bool leadEmpty = affiliations.Count == 0 || (affiliations.Count == 1 && IsAnonymous(affiliations[0]));
                affiliations = leadEmpty && added.Count > 0 ? added : [.. affiliations, .. added];
                authors.Add(new Author
                {
                    Id = at.Select(a => a.Id).FirstOrDefault(id => !string.IsNullOrWhiteSpace(id)),
                    Name = at.Select(a => a.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)),
                    IsCorresponding = at.Any(a => a.IsCorresponding),
                    Affiliations = affiliations,
                });
            }

            return first with
            {
                Year = ordered.Select(p => p.Year).FirstOrDefault(y => y is > 0 and <= short.MaxValue),
                Citations = ordered.Select(p => p.Citations).FirstOrDefault(c => c is >= 0),
                Doi = ordered.Select(p => Doi.Normalize(p.Doi)).FirstOrDefault(d => d is not null),
                Technologies = [.. ordered.SelectMany(p => p.Technologies).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal)],
                Authors = authors,
            };
        }

        private static bool IsAnonymous(Affiliation f) =>
            !f.Country.IsKnown && string.IsNullOrWhiteSpace(f.InstitutionId) && string.IsNullOrWhiteSpace(f.InstitutionName) && string.IsNullOrWhiteSpace(f.Address);
    }
}
