using System.Globalization;
using System.Text;
using System.Text.Json;
using CollabMetrics.Aggregation;
using CollabMetrics.Metrics;
using CsCheck;

namespace CollabMetrics.Tests;

/// <summary>
/// CSV and JSON of result tables are the same text, byte for byte, as formatting each cell on its own: texts quoted
/// as RFC 4180 requires, integers and round-trip ("R") numbers in the invariant culture, missing and undefined
/// values empty (CSV) or null (JSON), whatever the cells, the number of rows and the destination.
/// </summary>
public class TabularTextTests
{
    private static readonly double[] s_specialNumbers =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, -double.Epsilon,
        2.2250738585072014E-308, double.MaxValue, double.MinValue, 1e15, 1e15 - 1, 1e15 + 2, 999999999999999.9, 1e14,
        9007199254740992, 9007199254740993, 1e16, 1e21, 1e22, 0.1, 1.0 / 3, -1, -1e15, 123456789012345.6, 1e-5, 5e-324,
    ];

    private static readonly Gen<double> s_number = Gen.Frequency(
        (2, Gen.Int[0, s_specialNumbers.Length - 1].Select(i => s_specialNumbers[i])),
        (3, Gen.Long[-(1L << 54), 1L << 54].Select(v => (double)v)),
        (2, Gen.Int[0, 40].Select(v => (double)v)),
        (2, Gen.Double),
        (1, Gen.Double.Unit),
        (1, Gen.Int[1, 1000].Select(v => 1.0 / v)),
        (1, Gen.Long.Select(BitConverter.Int64BitsToDouble)));

    private static readonly Gen<string> s_code = Gen.Frequency(
        (6, Gen.String[Gen.Char["ab,\"\r\n é漢"], 1, 12]),
        (3, Gen.String[Gen.Char.AlphaNumeric, 1, 6]),
        (1, Gen.Int[1, 3000].Select(n => new string('"', n % 7) + new string('x', n) + ",")));

    private static readonly Gen<string?> s_text = Gen.Frequency((1, Gen.Const<string?>((string?)null)), (1, Gen.Const<string?>(string.Empty)), (6, s_code.Select(s => (string?)s)));

    private static readonly Gen<long?> s_integer = Gen.Frequency(
        (1, Gen.Const<long?>((long?)null)),
        (1, Gen.Int[0, 3].Select(i => ((long?[])[long.MinValue, long.MaxValue, 0, -1])[i])),
        (4, Gen.Long.Select(v => (long?)v)),
        (4, Gen.Int[-100, 100].Select(v => (long?)v)));

    private static readonly Gen<SliceKey> s_slice = Gen.Select(Gen.Int[0, 3], Gen.Int[1990, 2030], Gen.Int[0, 3], (kind, year, technology) =>
    {
        string? label = technology == 0 ? null : ((string[])["T", "Quantum, \"computing\"", "AI"])[technology - 1];
        return kind switch
        {
            0 => SliceKey.ForAllYears(label),
            1 => SliceKey.ForWindow(year, year + 4, label),
            _ => SliceKey.ForYear(year, label),
        };
    });

    private static readonly Gen<PairRow> s_pairRow = Gen.Select(s_slice, s_code, s_code, s_number, s_number, (slice, a, b, copublications, weight) =>
        new PairRow { Slice = slice, UnitA = Unit.Institution(a), UnitB = Unit.Institution(b), Copublications = copublications, Weight = weight });

    /// <summary>Rows in runs of one slice, as tables list them.</summary>
    private static readonly Gen<PairRow[]> s_pairRows = Gen.Select(s_pairRow.Array[0, 60], Gen.Int[1, 8], (rows, run) =>
    {
        for (int i = 0; i < rows.Length; i++)
        {
            if (i % run != 0)
            {
                rows[i] = rows[i] with { Slice = rows[i - 1].Slice };
            }
        }

        return rows;
    });

    [Fact]
    public void ToCsv_RandomCellsOfEveryKind_SameTextAsEachCellFormattedAlone()
    {
        var cell = Gen.Select(s_text, s_integer, s_number, (text, integer, number) => new Cell(text, integer, number));
        var tables = Gen.Int[0, 2].Array[1, 7].SelectMany(kinds => cell.Array[kinds.Length].Array[0, 50].Select(rows => new CellTable([.. kinds.Select(k => (ColumnKind)k)], rows)));
        tables.Sample(table =>
        {

            var text = new StringWriter(CultureInfo.InvariantCulture);
            table.ToCsv(text);

            table.ToCsv().Should().Be(table.ReferenceCsv());
            text.ToString().Should().Be(table.ReferenceCsv());
        }, iter: 300);
    }

    [Fact]
    public void ToCsv_RandomNumber_RoundTripText()
    {
        s_number.Sample(value =>
        {
            var table = new CellTable([ColumnKind.Number], [[new Cell(null, null, value)]]);

            string cell = table.ToCsv().Split('\n')[1];

            cell.Should().Be(double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty);
            if (double.IsFinite(value))
            {
                BitConverter.DoubleToInt64Bits(double.Parse(cell, CultureInfo.InvariantCulture)).Should().Be(BitConverter.DoubleToInt64Bits(value));
            }
        }, iter: 5000);
    }

    [Fact]
    public async Task PairTable_RandomRowsEveryOutput_SameAsEachCellFormattedAlone()
    {
        await Gen.Select(s_pairRows, Gen.Bool, Gen.Bool).SampleAsync(async (rows, byTechnology, institutions) =>
        {
            var context = Context(byTechnology, institutions ? UnitLevel.Institution : UnitLevel.Country);
            var table = new PairTable(rows, context);
            string csv = ReferenceCsv(rows, context), json = ReferenceJson(rows, context);

            table.Should().Equal(rows);
            table.ToCsv().Should().Be(csv);
            table.ToJson().Should().Be(json);
            (await CsvAsync(table)).Should().Be(csv);
            using var stream = new MemoryStream();
            table.ToCsv(stream);
            Encoding.UTF8.GetString(stream.ToArray()).Should().Be(csv);
            var textJson = new StringWriter(CultureInfo.InvariantCulture);
            table.ToJson(textJson);
            textJson.ToString().Should().Be(json);
        }, iter: 200);
    }

    [Fact]
    public async Task PairTable_ManyRowsAndLongCodes_SameTextAcrossTheWritersBlocks()
    {
        // Far more text than one block of the writers (64K characters), and single cells longer than a block.
        await s_pairRow.Array[20_000].SampleAsync(async rows =>
        {
            rows[7] = rows[7] with { UnitA = Unit.Institution(new string('"', 40_000) + ",") };
            rows[12_345] = rows[12_345] with { UnitB = Unit.Institution(new string('y', 200_000)) };
            var context = Context(byTechnology: true, UnitLevel.Institution);
            var table = new PairTable(rows, context);
            string csv = ReferenceCsv(rows, context);

            table.ToCsv().Should().Be(csv);
            (await CsvAsync(table)).Should().Be(csv);
            table.ToJson().Should().Be(ReferenceJson(rows, context));
        }, iter: 2);
    }

    [Fact]
    public void PairTable_NoRows_HeaderAlone()
    {
        var context = Context(byTechnology: true, UnitLevel.Country);
        var table = new PairTable([], context);

        table.ToCsv().Should().Be("year,technology,country_a,country_b,copublications,weight\n");
        table.ToJson().Should().Be(ReferenceJson([], context));
        table.Should().BeEmpty();
    }

    private static ResultContext Context(bool byTechnology, UnitLevel level) =>
        new(AggregationOptions.Default with { Level = level }, LinkWeighting.CountrySet, null, CubeDiagnostics.Empty) { ByTechnology = byTechnology };

    private static async Task<string> CsvAsync(PairTable table)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        await table.ToCsvAsync(text);
        using var stream = new MemoryStream();
        await table.ToCsvAsync(stream);
        Encoding.UTF8.GetString(stream.ToArray()).Should().Be(text.ToString());
        return text.ToString();
    }

    /// <summary>The CSV of pair rows, each cell formatted on its own.</summary>
    private static string ReferenceCsv(PairRow[] rows, ResultContext context)
    {
        string name = context.Level == UnitLevel.Institution ? "institution" : "country";
        var csv = new StringBuilder(context.ByTechnology ? "year,technology," : "year,").Append(CultureInfo.InvariantCulture, $"{name}_a,{name}_b,copublications,weight\n");
        foreach (var row in rows)
        {
            csv.Append(Quote(row.Slice.YearsLabel)).Append(',');
            if (context.ByTechnology)
            {
                csv.Append(row.Slice.Technology is { } technology ? Quote(technology) : string.Empty).Append(',');
            }

            csv.Append(Quote(row.UnitA.Code)).Append(',').Append(Quote(row.UnitB.Code)).Append(',')
                .Append(Number(row.Copublications)).Append(',').Append(Number(row.Weight)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The JSON of pair rows, each value written on its own.</summary>
    private static string ReferenceJson(PairRow[] rows, ResultContext context)
    {
        string name = context.Level == UnitLevel.Institution ? "institution" : "country";
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WritePropertyName("context");
            context.WriteJson(json);
            json.WriteStartArray("rows");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("year", row.Slice.YearsLabel);
                if (context.ByTechnology)
                {
                    json.WriteString("technology", row.Slice.Technology);
                }

                json.WriteString(name + "_a", row.UnitA.Code);
                json.WriteString(name + "_b", row.UnitB.Code);
                JsonNumber(json, "copublications", row.Copublications);
                JsonNumber(json, "weight", row.Weight);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void JsonNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private readonly record struct Cell(string? Text, long? Integer, double Number);

    /// <summary>A table of given cells, of any kinds, through the tabular contract alone.</summary>
    private sealed class CellTable(ColumnKind[] kinds, Cell[][] rows) : ITabularResult
    {
        public IReadOnlyList<TableColumn> Columns { get; } = [.. kinds.Select((kind, i) => new TableColumn(i % 3 == 1 ? $"c{i},\"q\"" : $"c{i}", kind))];

        public int RowCount => rows.Length;

        public IReadOnlyList<KeyValuePair<string, string>> Metadata => [];

        public void WriteRow(int row, ITableSink sink)
        {
            sink.BeginRow();
            for (int c = 0; c < kinds.Length; c++)
            {
                var cell = rows[row][c];
                switch (kinds[c])
                {
                    case ColumnKind.Text:
                        sink.WriteText(cell.Text);
                        break;
                    case ColumnKind.Integer:
                        sink.WriteInteger(cell.Integer);
                        break;
                    default:
                        sink.WriteNumber(cell.Number);
                        break;
                }
            }

            sink.EndRow();
        }

        public string ReferenceCsv()
        {
            var csv = new StringBuilder(string.Join(',', Columns.Select(c => Quote(c.Name)))).Append('\n');
            foreach (var cells in rows)
            {
                for (int c = 0; c < kinds.Length; c++)
                {
                    csv.Append(c == 0 ? string.Empty : ",").Append(kinds[c] switch
                    {
                        ColumnKind.Text => cells[c].Text is { } text ? Quote(text) : string.Empty,
                        ColumnKind.Integer => cells[c].Integer?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                        _ => Number(cells[c].Number),
                    });
                }

                csv.Append('\n');
            }

            return csv.ToString();
        }
    }
}
