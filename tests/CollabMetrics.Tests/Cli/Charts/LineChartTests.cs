using System.Buffers.Binary;
using CollabMetrics.Cli.Charts;

namespace CollabMetrics.Tests.Cli.Charts;

public sealed class LineChartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("collabmetrics-chart-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static IReadOnlyList<ChartSeries> Sample()
    {
        int[] years = [2015, 2016, 2017, 2018, 2019, 2020];
        return
        [
            new ChartSeries("US", years, [0.30, 0.29, 0.27, 0.25, 0.22, 0.20]),
            new ChartSeries("GB", years, [0.10, 0.11, double.NaN, 0.12, 0.13, 0.13]),
        ];
    }

    [Fact]
    public void Save_Png_WritesAPngOfTheChartSize()
    {
        var path = Path.Combine(_directory, "partners.png");

        LineChart.Save(path, "CN's partners", "partner_share", Sample(), note: "SYNTHETIC DATA");

        var bytes = File.ReadAllBytes(path);
        bytes.AsSpan(0, 8).ToArray().Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A);
        BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)).Should().Be(LineChart.Width);
        BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)).Should().Be(LineChart.Height);
    }

    [Fact]
    public void Save_Svg_ContainsTitleLegendYearsAndNote()
    {
        var path = Path.Combine(_directory, "partners.svg");

        LineChart.Save(path, "CN's partners", "partner_share", Sample(), note: "SYNTHETIC DATA");

        var svg = File.ReadAllText(path);
        svg.Should().Contain("<svg");
        foreach (var text in new[] { "partners", "US", "GB", "2015", "2020", "partner_share", "SYNTHETIC DATA", "Year" })
        {
            svg.Should().Contain(text);
        }
    }
}
