using System.Buffers.Text;
using BenchmarkDotNet.Attributes;
using CollabMetrics.Geography;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;
using nietras.SeparatedValues;

namespace CollabMetrics.Benchmarks;

/// <summary>
/// The two candidate CSV parsers for the CollabMetrics CSV reader, on the same work: read the benchmark file into
/// columns (a publication index, the year, the author position and the country of each row; a new publication
/// where publication_id changes). CsvHelper's own low-level reader (<c>CsvReader.Create</c>, UTF-8 field spans) is
/// the baseline; Sep (MIT) reads UTF-16 field spans. Both unescape quoted fields. The library's own reader
/// (<see cref="CsvRecordCursor"/> on one thread) does more on the same file: every column of the format checked and
/// stored in columnar record batches (ids, DOIs, years, citations, authors, countries, institutions interned,
/// technology labels), rows grouped into publications, publication-level values checked to agree, ids checked
/// for contiguity and hashed for the duplicate checks.
/// </summary>
[MemoryDiagnoser]
[ThroughputColumns]
[ShortRun(warmupCount: 1, iterationCount: 3)]
public class CsvParserBenchmarks : IThroughputInput
{
    private string _path = null!;
    private Columns _columns = null!;

    [Params(1_000_000)]
    public int Publications { get; set; }

    public string InputFile(string benchmark, int publications) => IngestBenchmarks.CsvFile(publications);

    [GlobalSetup]
    public void Setup()
    {
        _path = IngestBenchmarks.CsvFile(Publications);
        _columns = new Columns(checked((int)(new FileInfo(_path).Length / 40)));
    }

    [Benchmark(Baseline = true, Description = "CsvHelper CsvReader (UTF-8 spans) -> columns")]
    public long CsvHelperReader()
    {
        var columns = _columns.Reset();
        var options = new CsvHelper.CsvReaderOptions { Separator = ',', HasHeader = false };
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = CsvHelper.CsvReader.Create(stream, options, leaveOpen: true);
        reader.Read();
        int id = -1, year = -1, position = -1, country = -1;
        for (int i = 0; i < reader.FieldCount; i++)
        {
            switch (reader.GetString(i))
            {
                case "publication_id": id = i; break;
                case "year": year = i; break;
                case "author_position": position = i; break;
                case "country": country = i; break;
            }
        }

        Span<byte> previous = stackalloc byte[256];
        int previousLength = -1;
        while (reader.Read())
        {
            var idSpan = reader.GetSpan(id);
            if (previousLength < 0 || !idSpan.SequenceEqual(previous[..previousLength]))
            {
                columns.Publications++;
                previousLength = Math.Min(idSpan.Length, previous.Length);
                idSpan[..previousLength].CopyTo(previous);
            }

            int y = Utf8Parser.TryParse(reader.GetSpan(year), out int parsedYear, out _) ? parsedYear : 0;
            int p = Utf8Parser.TryParse(reader.GetSpan(position), out int parsedPosition, out _) ? parsedPosition : 0;
            var c = reader.GetSpan(country);
            columns.Add(y, p, c.Length == 2 ? CountryId((char)c[0], (char)c[1]) : (ushort)0);
        }

        return columns.Publications;
    }

    [Benchmark(Description = "Sep (UTF-16 spans) -> columns")]
    public long SepReader()
    {
        var columns = _columns.Reset();
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true }).FromFile(_path);
        int id = reader.Header.IndexOf("publication_id");
        int year = reader.Header.IndexOf("year");
        int position = reader.Header.IndexOf("author_position");
        int country = reader.Header.IndexOf("country");
        Span<char> previous = stackalloc char[256];
        int previousLength = -1;
        foreach (var row in reader)
        {
            var idSpan = row[id].Span;
            if (previousLength < 0 || !idSpan.SequenceEqual(previous[..previousLength]))
            {
                columns.Publications++;
                previousLength = Math.Min(idSpan.Length, previous.Length);
                idSpan[..previousLength].CopyTo(previous);
            }

            int y = int.TryParse(row[year].Span, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int parsedYear) ? parsedYear : 0;
            int p = int.TryParse(row[position].Span, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int parsedPosition) ? parsedPosition : 0;
            var c = row[country].Span;
            columns.Add(y, p, c.Length == 2 ? CountryId(c[0], c[1]) : (ushort)0);
        }

        return columns.Publications;
    }

    [Benchmark(Description = "CollabMetrics CsvRecordCursor, 1 thread -> record batches")]
    public long CollabMetricsReader()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var options = ReadOptions.Default with { MaxDegreeOfParallelism = 1 };
        var context = new ReadContext(_path, options, new IngestReport(), stream, CancellationToken.None);
        using var cursor = new CsvRecordCursor(stream, context, CsvGrouping.Contiguous, new RecordNeeds(Institutions: true, AuthorKeys: false), workers: 1);
        long publications = 0;
        while (cursor.MoveNext())
        {
            publications++;
        }

        return publications;
    }

    private static ushort CountryId(char a, char b) =>
        Country.TryParseAlpha2([a, b], out var country) ? (ushort)country.Id : (ushort)0;

    /// <summary>The columns filled: per row the publication index, year, position and country id.</summary>
    private sealed class Columns(int capacity)
    {
        private int[] _publication = new int[capacity];
        private short[] _years = new short[capacity];
        private short[] _positions = new short[capacity];
        private ushort[] _countries = new ushort[capacity];
        private int _rows;

        public long Publications { get; set; }

        public Columns Reset()
        {
            _rows = 0;
            Publications = 0;
            return this;
        }

        public void Add(int year, int position, ushort country)
        {
            if (_rows == _years.Length)
            {
                int size = _rows * 2;
                Array.Resize(ref _publication, size);
                Array.Resize(ref _years, size);
                Array.Resize(ref _positions, size);
                Array.Resize(ref _countries, size);
            }

            _publication[_rows] = (int)Publications - 1;
            _years[_rows] = (short)year;
            _positions[_rows] = (short)position;
            _countries[_rows] = country;
            _rows++;
        }
    }
}
