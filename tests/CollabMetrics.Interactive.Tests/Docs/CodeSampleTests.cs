namespace CollabMetrics.Interactive.Tests.Docs;

/// <summary>Every C# sample of README.md and docs/ compiles against this build.</summary>
public class CodeSampleTests
{
    public static TheoryData<string> Files() => [.. CodeSamples.MarkdownFiles()];

    [Theory]
    [MemberData(nameof(Files))]
    public void Compile_EverySampleOfTheFile_NoErrors(string file)
    {
        var samples = CodeSamples.Extract(file, File.ReadAllText(RepositoryPaths.Combine(file)));

        var errors = samples.SelectMany(CodeSamples.Compile).ToList();

        errors.Should().BeEmpty($"every ```csharp block of {file} must compile (mark a deliberate fragment ```csharp ignore)");
    }

    [Fact]
    public void Extract_MarkedBlocks_IgnoredOnesLeftOut()
    {
        const string markdown = "# T\n```csharp\nvar a = 1;\n```\ntext\n```csharp ignore\nnot code\n```\n```sh\nls\n```\n```cs\nvar b = 2;\n```\n";

        var samples = CodeSamples.Extract("x.md", markdown);

        samples.Select(s => (s.Line, s.Code)).Should().Equal((2, "var a = 1;\n"), (12, "var b = 2;\n"));
    }

    [Fact]
    public void Compile_BrokenSample_ErrorNamesFileAndLine()
    {
        var sample = new CodeSample("docs/x.md", 10, "var n = corpus.Count;\nint s = \"text\";\n");

        var errors = CodeSamples.Compile(sample);

        // The fence is on line 10, the broken statement on the second line of the block: line 12.
        errors.Should().ContainSingle().Which.Should().StartWith("docs/x.md:12: CS0029");
    }

    [Fact]
    public void Compile_SampleWithUsingsAndItsOwnCorpus_Compiles()
    {
        var sample = new CodeSample("docs/x.md", 1, "using System.Text;\nusing CollabMetrics;\nvar corpus = Corpus.Empty;\nvar sb = new StringBuilder().Append(corpus.Count);\nawait Task.Yield();\n");

        CodeSamples.Compile(sample).Should().BeEmpty();
    }

    [Fact]
    public void Compile_SampleWithoutItsUsings_ErrorsAsInAUsersProject()
    {
        // The ambient corpus is in scope, but PartnerTable and CollaborationIndex need using CollabMetrics.Metrics.
        var sample = new CodeSample("docs/x.md", 1, "PartnerTable t = corpus.Countries().Focus(\"CN\").Partners().Rank(CollaborationIndex.Salton);\n");
        var withUsing = sample with { Code = "using CollabMetrics.Metrics;\n" + sample.Code };

        CodeSamples.Compile(sample).Should().Contain(e => e.Contains("CS0246", StringComparison.Ordinal));
        CodeSamples.Compile(withUsing).Should().BeEmpty();
    }
}
