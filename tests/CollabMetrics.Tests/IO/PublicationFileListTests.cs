using CollabMetrics.IO;
using CollabMetrics.Tests.TestData;

namespace CollabMetrics.Tests.IO;

public sealed class PublicationFileListTests : IDisposable
{
    private readonly FakeSnapshot _snapshot = FakeSnapshot.Create();

    public void Dispose() => _snapshot.Dispose();

    [Fact]
    public void Find_SnapshotFolder_EveryPartInPathOrderAndTheManifestSkipped()
    {
        File.WriteAllText(Path.Combine(_snapshot.Works, ".DS_Store"), "x");
        File.WriteAllText(Path.Combine(_snapshot.Works, "notes.docx"), "x");

        var list = PublicationFileList.Find([_snapshot.Works]);

        list.Files.Should().Equal(_snapshot.Parts);
        list.Skipped.Select(s => Path.GetFileName(s.Path)).Should().Equal(".DS_Store", "manifest", "notes.docx");
        list.Skipped.Single(s => s.Path.EndsWith("manifest", StringComparison.Ordinal)).Reason.Should().Contain("manifest");
        list.Skipped.Single(s => s.Path.EndsWith(".docx", StringComparison.Ordinal)).Reason.Should().Contain("'.docx'");
    }

    [Theory]
    [InlineData("**/*.gz", 7)]
    [InlineData("*/part_000.gz", 1)]
    [InlineData("updated_date=2024-01-15/*", 3)]
    [InlineData("updated_date=2024-0[23]-15/part_00?.gz", 4)]
    [InlineData("**/part_00[!0-5].gz", 1)]
    [InlineData("**", 7)]
    public void Find_Pattern_TheMatchingPartsInPathOrder(string relative, int expected)
    {
        var pattern = Path.Combine(_snapshot.Works, relative);

        var list = PublicationFileList.Find([pattern]);

        list.Files.Should().HaveCount(expected).And.BeInAscendingOrder(StringComparer.Ordinal);
        list.Files.Should().BeSubsetOf(_snapshot.Parts);
    }

    [Fact]
    public void Find_RelativePatternAndNamesGivenTwice_EachFileOnce()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(_snapshot.Works, "**", "*.gz"));

        var list = PublicationFileList.Find([_snapshot.Parts[2], relative, _snapshot.Works]);

        list.Files.Should().HaveCount(7);
        list.Files[0].Should().Be(_snapshot.Parts[2], "inputs are read in the order given, each file once");
        list.Files.Select(Path.GetFullPath).Should().BeEquivalentTo(_snapshot.Parts);
    }

    [Fact]
    public void Find_ExplicitFileWithAnyName_IsRead()
    {
        var manifest = Path.Combine(_snapshot.Works, "manifest");

        PublicationFileList.Find([manifest]).Files.Should().Equal(manifest);
    }

    [Fact]
    public void Find_NothingMatches_FileNotFoundNamingTheInput()
    {
        var missing = Path.Combine(_snapshot.Works, "nothing-here");
        var pattern = Path.Combine(_snapshot.Works, "**", "*.jsonl");
        var onlyManifest = Path.Combine(_snapshot.Root, "meta");
        Directory.CreateDirectory(onlyManifest);
        File.WriteAllText(Path.Combine(onlyManifest, "manifest"), "{}");
        var empty = Directory.CreateDirectory(Path.Combine(_snapshot.Root, "empty")).FullName;

        FluentActions.Invoking(() => PublicationFileList.Find([missing])).Should().Throw<FileNotFoundException>().WithMessage($"*'{missing}' does not exist*");
        FluentActions.Invoking(() => PublicationFileList.Find([pattern])).Should().Throw<FileNotFoundException>().WithMessage("*matches no file*");
        FluentActions.Invoking(() => PublicationFileList.Find([onlyManifest])).Should().Throw<FileNotFoundException>().WithMessage("*holds no publication file*manifest*");
        FluentActions.Invoking(() => PublicationFileList.Find([empty])).Should().Throw<FileNotFoundException>().WithMessage("*holds no file*");
        FluentActions.Invoking(() => PublicationFileList.Find([])).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("part_000.gz", null)]
    [InlineData("works.jsonl", null)]
    [InlineData("works.JSONL.GZ", null)]
    [InlineData("savedrecs.txt", null)]
    [InlineData("scopus.csv.gz", null)]
    [InlineData("manifest", "manifest")]
    [InlineData(".hidden.json", "hidden")]
    [InlineData("_SUCCESS", "no extension")]
    [InlineData("report.pdf", "'.pdf'")]
    public void NotPublicationFile_Names_ReadOrSkippedWithAReason(string name, string? reason)
    {
        var result = PublicationFileList.NotPublicationFile(Path.Combine("works", name));

        if (reason is null)
        {
            result.Should().BeNull();
        }
        else
        {
            result.Should().Contain(reason);
        }
    }
}
