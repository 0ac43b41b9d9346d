using CollabMetrics.IO;
using CollabMetrics.IO.Scopus;
using CollabMetrics.IO.WebOfScience;
using CollabMetrics.Model;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO;

/// <summary>
/// The same paper read from Web of Science and from Scopus resolves to the same countries. The real fixtures share
/// no DOI, so each pair is one real record and its hand-written counterpart (Fixtures/cross-source/README.md).
/// </summary>
public class CrossSourceTests
{
    private static List<Publication> Read(PublicationReader reader, string path)
    {
        using var stream = File.OpenRead(path);
        return [.. reader.Read(stream, Path.GetFileName(path))];
    }

    [Fact]
    public void RealWosRecord1_AndItsScopusCounterpart_HaveTheSameCountriesPerAuthor()
    {
        var wos = Read(new WebOfScienceReader(), Fixtures.WosPlain500)[0];
        var scopus = Read(new ScopusReader(), Path.Combine(Fixtures.Root, "cross-source", "scopus-from-wos-record-1.csv")).Single();

        scopus.Doi.Should().Be(wos.Doi);
        scopus.Year.Should().Be(wos.Year);
        scopus.Countries.Should().Equal(wos.Countries);
        scopus.Countries.Select(c => c.Code).Should().Equal("CN", "US");
        scopus.Authors.Select(a => a.Affiliations.Select(x => x.Country)).Should().BeEquivalentTo(
            wos.Authors.Select(a => a.Affiliations.Select(x => x.Country)), o => o.WithStrictOrdering());
        scopus.Authors.Select(a => a.IsCorresponding).Should().Equal(wos.Authors.Select(a => a.IsCorresponding));
    }

    [Fact]
    public void RealScopusRecord8_AndItsWosCounterpart_HaveTheSameCountriesPerAuthor()
    {
        var scopus = Read(new ScopusReader(), Fixtures.Scopus58)[7];
        var wos = Read(new WebOfScienceReader(), Path.Combine(Fixtures.Root, "cross-source", "wos-from-scopus-record-8.txt")).Single();

        wos.Doi.Should().Be(scopus.Doi);
        wos.Countries.Should().Equal(scopus.Countries);
        wos.Countries.Select(c => c.Code).Should().Equal("CN", "PK", "US");
        wos.Authors.Select(a => a.Affiliations.Select(x => x.Country)).Should().BeEquivalentTo(
            scopus.Authors.Select(a => a.Affiliations.Select(x => x.Country)), o => o.WithStrictOrdering());
        wos.Authors.Select(a => a.IsCorresponding).Should().Equal(scopus.Authors.Select(a => a.IsCorresponding));
    }
}
