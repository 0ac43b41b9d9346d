namespace CollabMetrics.Interactive.Tests.Notebooks;

[Collection(nameof(SharedWorkingDirectory))]
public class NotebookRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("notebook-runner-").FullName;

    [Fact]
    public async Task RunAsync_CellsShareState_LastValueIsDisplayed()
    {
        string path = Write(("code", "#r \"nuget: CollabMetrics, 0.1.0\"\nvar n = CollabMetrics.Corpus.Empty.Count + 40;"), ("markdown", "# text"), ("code", "n + 2"));

        var outputs = await NotebookRunner.RunAsync(path);

        outputs.Should().HaveCount(2);
        outputs[1].Cell.Number.Should().Be(3);
        outputs[1].Values.Should().Contain(v => v.Value.Contains("42"));
    }

    [Fact]
    public async Task RunAsync_FailingCell_NamesNotebookAndCell()
    {
        string path = Write(("code", "var ok = 1;"), ("code", "int broken = \"text\";"));

        var act = () => NotebookRunner.RunAsync(path);

        (await act.Should().ThrowAsync<NotebookCellException>()).WithMessage("*test.ipynb, cell 2 failed*CS0029*");
    }

    [Fact]
    public async Task RunAsync_UnknownPackage_FailsWithAClearMessage()
    {
        string path = Write(("code", "#r \"nuget: Some.Other.Package, 1.0.0\""));

        var act = () => NotebookRunner.RunAsync(path);

        (await act.Should().ThrowAsync<NotebookCellException>()).WithMessage("*cell 1*'Some.Other.Package'*");
    }

    [Fact]
    public async Task RunAsync_WorkingFolder_IsTheNotebooksFolder()
    {
        File.WriteAllText(Path.Combine(_folder, "sample.txt"), "sample text");
        string path = Write(("code", "System.IO.File.ReadAllText(\"sample.txt\")"));

        var outputs = await NotebookRunner.RunAsync(path);

        outputs[0].Values.Should().Contain(v => v.Value.Contains("sample text"));
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private string Write(params (string Type, string Source)[] cells)
    {
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["cells"] = new System.Text.Json.Nodes.JsonArray([.. cells.Select(c => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
            {
                ["cell_type"] = c.Type,
                ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
                ["source"] = new System.Text.Json.Nodes.JsonArray([.. c.Source.Split('\n').Select(l => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(l + "\n")!)]),
            })]),
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        string path = Path.Combine(_folder, "test.ipynb");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }
}
