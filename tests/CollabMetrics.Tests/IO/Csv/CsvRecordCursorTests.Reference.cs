using System.Text;
using CollabMetrics.IO;
using CollabMetrics.IO.Csv;
using CollabMetrics.Model;
using CsCheck;

namespace CollabMetrics.Tests.IO.Csv;

/// <summary>
/// The chunked reader against <see cref="ReferenceCsvReader"/>, an independent reader of the documented format, on
/// random files built to stress what the fast paths assume (vector blocks, non-ASCII row flags, chunk cuts, byte
/// comparisons, the contiguity check, DOI normalization over bytes).
/// </summary>
public partial class CsvRecordCursorTests
{
    private static readonly string[] OptionalColumns =
    [
        "source", "doi", "author_id", "corresponding", "institution_id", "institution_name", "technologies",
        "citations", "document_type", "retracted", "paratext", "authors_truncated",
    ];

    /// <summary>Non-ASCII of every UTF-8 length: 2 (é), 3 (€, 中), 4 (😀, 𝄞) bytes.</summary>
    private static readonly string[] NonAscii = ["é", "€", "中", "😀", "𝄞", "ß"];

    private static readonly string[] DoiForms =
    [
        "10.1234/ABC.{0}", "https://doi.org/10.1234/abc.{0}", "HTTP://DX.DOI.ORG/10.1234/Abc.{0}", "doi:10.1234/abc.{0}",
        "DOI: 10.1234/abc.{0}", " 10.1234/abc.{0} ", "doi.org/10.1234/ÄBC.{0}", "\t10.1234/abc.{0}\v", "\u00a010.1234/abc.{0}",
        "\u001c10.1234/abc.{0}", "notadoi{0}", "https://doi.org/ 10.1234/abc.{0}", "\f\r\n10.1234/x{0}",
    ];

    /// <summary>
    /// How the contiguity check meets the input: not read again (the exact ids, as for standard input), read again
    /// with the real id hash, or read again with a 2-bit hash so that most ids collide and every hash hit is confirmed.
    /// </summary>
    public enum IdCheck
    {
        Exact,
        Hashed,
        Colliding,
    }

    [Theory]
    [InlineData(IdCheck.Exact, 150)]
    [InlineData(IdCheck.Hashed, 50)]
    [InlineData(IdCheck.Colliding, 80)]
    public void MoveNext_RandomFilesLenientAnyThreadsAndChunks_SameAsTheReferenceReader(IdCheck check, int iterations)
    {
        Gen.Int[0, int.MaxValue].Select(Gen.Int[64, 2048]).Sample((seed, blockSize) =>
        {
            var csv = HostileCsv(new Random(seed));
            var expected = ReferenceCsvReader.Read(csv, "t.csv");
            foreach (int workers in Threads)
            {
                var actual = ReadForReference(csv, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, workers, workers == 1 ? 1 << 20 : blockSize, check);

                actual.Error.Should().BeNull($"seed {seed}");
                SameLines(actual.Publications.Select(Describe), expected.Publications.Select(Describe), $"seed {seed}, {workers} threads, chunks of {blockSize} bytes");
                actual.Rejects.Should().Equal(expected.Rejects, $"seed {seed}, {workers} threads, chunks of {blockSize} bytes");
                actual.Report.Should().Be((expected.RecordsRead, expected.Warnings, expected.RepeatedHeaderRows), $"seed {seed}");
                actual.Skipped.Should().BeEquivalentTo(expected.Skipped, $"seed {seed}");
            }
        }, iter: iterations);
    }

    [Theory]
    [InlineData(IdCheck.Exact, 100)]
    [InlineData(IdCheck.Hashed, 40)]
    [InlineData(IdCheck.Colliding, 60)]
    public void MoveNext_RandomFilesStrictAnyThreadsAndChunks_FirstErrorAndPublicationsBeforeAsTheReferenceReader(IdCheck check, int iterations)
    {
        Gen.Int[0, int.MaxValue].Select(Gen.Int[64, 2048]).Sample((seed, blockSize) =>
        {
            var csv = HostileCsv(new Random(seed));
            var expected = ReferenceCsvReader.Read(csv, "t.csv");
            var first = expected.Rejects.Count > 0 ? expected.Rejects[0] : null;
            var before = first is null ? expected.Publications : expected.Publications.Where(p => p.Position.Record < first.Position.Record).ToList();
            foreach (int workers in Threads)
            {
                var actual = ReadForReference(csv, ReadOptions.Default, workers, blockSize, check);

                actual.Error.Should().Be(first, $"seed {seed}, {workers} threads, chunks of {blockSize} bytes");
                SameLines(actual.Publications.Select(Describe), before.Select(Describe), $"seed {seed}, {workers} threads, chunks of {blockSize} bytes");
            }
        }, iter: iterations);
    }

    [Theory]
    [InlineData("\"P1\"x", "P1x")]
    [InlineData("\"P\"\"1\"x\"y", "P\"1x\"y")]
    [InlineData("\"P1\"\u00e9", "P1\u00e9")]
    public void MoveNext_IdWithTextAfterItsClosingQuote_GroupsWithTheRowsOfThatValueAsTheReferenceReader(string malformed, string plain)
    {
        // The malformed row's id is what was quoted followed by what comes after the quote: the row after it, with that
        // id unquoted, belongs to the same (rejected) publication, and the publications around it are read.
        var csv = Encoding.UTF8.GetBytes(
            "publication_id,year,author_position,country\n"
            + "P0,2020,1,FR\n"
            + $"{malformed},2020,1,FR\n"
            + $"{plain},2020,2,DE\n"
            + "P2,2021,1,US\n");
        var expected = ReferenceCsvReader.Read(csv, "t.csv");

        expected.Publications.Select(p => p.Id).Should().Equal("P0", "P2");
        expected.Rejects.Should().ContainSingle().Which.Should().Be(new ReferenceCsvReader.Reject(new SourcePosition("t.csv", 3, 2), SkipReason.Malformed, null));
        foreach (int workers in Threads)
        {
            foreach (int blockSize in (int[])[16, 40, 1 << 20])
            {
                foreach (var check in (IdCheck[])[IdCheck.Exact, IdCheck.Hashed, IdCheck.Colliding])
                {
                    var actual = ReadForReference(csv, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, workers, blockSize, check);

                    SameLines(actual.Publications.Select(Describe), expected.Publications.Select(Describe), $"{workers} threads, chunks of {blockSize} bytes, {check}");
                    actual.Rejects.Should().Equal(expected.Rejects, $"{workers} threads, chunks of {blockSize} bytes, {check}");
                    actual.Report.Should().Be((expected.RecordsRead, expected.Warnings, expected.RepeatedHeaderRows));
                }
            }
        }
    }

    [Fact]
    public void MoveNext_RandomFilesReadForCountsOnly_AffiliationsOfTheReferenceReaderWithoutInstitutionsOrAuthorIds()
    {
        // What a streamed country-level table asks for: no institutions and no author keys. The parser then keeps no
        // institution texts, but a row with an institution and no country is still an affiliation (it counts in an
        // author's split), and every check (author ids agreeing, too-long fields, UTF-8) still runs on every column.
        var needs = new RecordNeeds(Institutions: false, AuthorKeys: false);
        Gen.Int[0, int.MaxValue].Select(Gen.Int[64, 2048]).Sample((seed, blockSize) =>
        {
            var csv = HostileCsv(new Random(seed));
            var expected = ReferenceCsvReader.Read(csv, "t.csv");
            foreach (int workers in Threads)
            {
                var actual = ReadForReference(csv, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, workers, workers == 1 ? 1 << 20 : blockSize, IdCheck.Hashed, needs);

                actual.Error.Should().BeNull($"seed {seed}");
                SameLines(actual.Publications.Select(p => Describe(WithoutKeys(p))), expected.Publications.Select(p => Describe(WithoutKeys(p))), $"seed {seed}, {workers} threads, chunks of {blockSize} bytes");
                actual.Rejects.Should().Equal(expected.Rejects, $"seed {seed}, {workers} threads, chunks of {blockSize} bytes");
                actual.Report.Should().Be((expected.RecordsRead, expected.Warnings, expected.RepeatedHeaderRows), $"seed {seed}");
                actual.Skipped.Should().BeEquivalentTo(expected.Skipped, $"seed {seed}");
            }
        }, iter: 120);

        static Publication WithoutKeys(Publication p) => p with
        {
            Authors = [.. p.Authors.Select(a => a with
            {
                Id = null,
                Affiliations = [.. a.Affiliations.Select(f => f with { InstitutionId = null, InstitutionName = null })],
            })],
        };
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    public void MoveNext_IdsAndPublicationValuesThatDifferInOneByteNearAVectorsWidth_SameAsTheReferenceReader(int width)
    {
        // A publication's rows are compared with its first row's id and its last checked publication-level fields by
        // vector loads: values of about a vector's width that differ only in their first or last byte, or by length.
        string Id(char last, int extra = 0) => "P" + new string('x', width - 2 + extra) + last;
        string Doi(char last) => "10.1/" + new string('d', width - 6) + last;
        var lines = new List<string> { "publication_id,year,author_position,country,doi,technologies,citations" };
        foreach (var (id, doi, tech) in new[]
        {
            (Id('a'), Doi('a'), "Robotics"), (Id('a'), Doi('a'), "Robotics"), (Id('b'), Doi('a'), "Robotics"),
            (Id('b'), Doi('b'), "Robotics"), (Id('b'), Doi('c'), "Robotics"), (Id('b', 1), Doi('c'), "Robotics"),
            (Id('b', 1), Doi('c'), "Robotict"), (Id('c'), Doi('c'), "Robotics"), (Id('c'), Doi('c'), "Robotics"),
            ("q" + Id('c')[1..], Doi('c'), "Robotics"), ("q" + Id('c')[1..], Doi('c'), "Robotics"),
        })
        {
            lines.Add($"{id},2020,{lines.Count},FR,{doi},{tech},3");
        }

        var csv = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        var expected = ReferenceCsvReader.Read(csv, "t.csv");
        expected.Rejects.Should().NotBeEmpty("the file has disagreeing rows");
        foreach (int workers in Threads)
        {
            foreach (int blockSize in new[] { 64, 200, 1 << 20 })
            {
                var actual = ReadForReference(csv, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, workers, blockSize, IdCheck.Hashed);

                SameLines(actual.Publications.Select(Describe), expected.Publications.Select(Describe), $"{workers} threads, chunks of {blockSize} bytes");
                actual.Rejects.Should().Equal(expected.Rejects, $"{workers} threads, chunks of {blockSize} bytes");
            }
        }
    }

    [Fact]
    public void MoveNext_ManyTechnologyValuesRepeatedInEveryPattern_SameLabelsAsTheReferenceReader()
    {
        // Labels are interned per batch: values repeat in every pattern (the last one again, one from long ago, hundreds
        // of distinct ones), split into several labels, with escapes, blanks and values that share their first and last bytes.
        var random = new Random(20240601);
        string[] forms = ["Robotics", "AI;Quantum", @"Semi\;conductors;A\\B", " ; ", "AI;;AI", "Solar", "Solar;", "x;Solar", "Quantum;AI"];
        var lines = new List<string> { "publication_id,year,author_position,country,technologies" };
        for (int p = 0; p < 1500; p++)
        {
            string technologies = random.Next(3) switch
            {
                0 => forms[random.Next(forms.Length)],
                1 => $"Label {random.Next(300)};Shared",
                _ => $"Long technology label number {random.Next(200)} of the test, with a common end",
            };
            string quoted = technologies.Contains(',', StringComparison.Ordinal) ? $"\"{technologies}\"" : technologies;
            for (int a = 1; a <= 1 + random.Next(3); a++)
            {
                lines.Add($"P{p},2020,{a},FR,{quoted}");
            }
        }

        var csv = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        var expected = ReferenceCsvReader.Read(csv, "t.csv");
        expected.Publications.Should().HaveCount(1500);
        foreach (int workers in Threads)
        {
            foreach (int blockSize in new[] { 64, 4096, 1 << 20 })
            {
                var actual = ReadForReference(csv, ReadOptions.Default with { ErrorMode = ErrorMode.Lenient }, workers, blockSize, IdCheck.Hashed);

                SameLines(actual.Publications.Select(Describe), expected.Publications.Select(Describe), $"{workers} threads, chunks of {blockSize} bytes");
            }
        }
    }

    /// <summary>Asserts two lists of lines are equal, showing only the first difference, long runs of one character shortened.</summary>
    internal static void SameLines(IEnumerable<string> actual, IEnumerable<string> expected, string because)
    {
        var a = actual.ToList();
        var e = expected.ToList();
        for (int i = 0; i < Math.Min(a.Count, e.Count); i++)
        {
            Short(a[i]).Should().Be(Short(e[i]), $"item {i} ({because})");
        }

        a.Skip(e.Count).Select(Short).Should().BeEmpty($"no more items than expected ({because})");
        e.Skip(a.Count).Select(Short).Should().BeEmpty($"no fewer items than expected ({because})");

        static string Short(string text) =>
            System.Text.RegularExpressions.Regex.Replace(text, @"(.)\1{9,}", m => $"{m.Groups[1].Value}<x{m.Length}>");
    }

    /// <summary>Every field of a publication as one line of text, so that a difference shows where it is.</summary>
    internal static string Describe(Publication p)
    {
        var text = new StringBuilder()
            .Append(p.Id).Append(" | ").Append(p.Source).Append(" | ").Append(p.Position).Append(" | doi ").Append(p.Doi ?? "-")
            .Append(" | year ").Append(p.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-")
            .Append(" | citations ").Append(p.Citations?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-")
            .Append(" | ").Append(p.DocumentType).Append(p.IsRetracted ? " retracted" : string.Empty).Append(p.IsParatext ? " paratext" : string.Empty)
            .Append(p.AuthorsTruncated ? " truncated" : string.Empty)
            .Append(" | fwci ").Append(p.Fwci?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "-")
            .Append(" | percentile ").Append(p.CitationPercentile?.ToString() ?? "-")
            .Append(" | labels [").Append(string.Join("][", p.Technologies)).Append(']');
        foreach (var author in p.Authors)
        {
            text.Append(" || author ").Append(author.Id ?? "-").Append(" '").Append(author.Name ?? "-").Append('\'').Append(author.IsCorresponding ? " corresponding" : string.Empty);
            foreach (var affiliation in author.Affiliations)
            {
                text.Append(" {").Append(affiliation.InstitutionId ?? "-").Append(" '").Append(affiliation.InstitutionName ?? "-").Append("' ")
                    .Append(affiliation.Country == CollabMetrics.Geography.Country.Unknown ? "--" : affiliation.Country.Code).Append(" '").Append(affiliation.Address ?? "-").Append("'}");
            }
        }

        return text.ToString();
    }

    private sealed record ReferenceOutcome(
        List<Publication> Publications, List<ReferenceCsvReader.Reject> Rejects, (long, long, long) Report, Dictionary<SkipReason, long> Skipped, ReferenceCsvReader.Reject? Error);

    private static ReferenceOutcome ReadForReference(byte[] csv, ReadOptions options, int workers, int blockSize, IdCheck check = IdCheck.Exact, RecordNeeds? needs = null)
    {
        var report = new IngestReport(1000);
        var sink = new RejectsList();
        var context = new ReadContext("t.csv", options with { Rejects = sink }, report, null, CancellationToken.None);
        var publications = new List<Publication>();
        ReferenceCsvReader.Reject? error = null;
        try
        {
            Func<Stream>? reopen = check == IdCheck.Exact ? null : () => new MemoryStream(csv);
            PublicationIdHash? hash = check == IdCheck.Colliding ? static id => CsvContiguityCheck.DefaultHash(id) & 3 : null;
            using var cursor = new CsvRecordCursor(new MemoryStream(csv), context, CsvGrouping.Contiguous, needs ?? RecordNeeds.All, workers, blockSize, reopen: reopen, idHash: hash);
            while (cursor.MoveNext())
            {
                publications.Add(cursor.Batch.ToPublication(cursor.Index));
            }
        }
        catch (IngestException ex)
        {
            error = new ReferenceCsvReader.Reject(ex.Position, ex.Reason, ex.Field);
        }

        var rejects = sink.Records.Where(r => r.Kind == IngestIssueKind.Skipped).Select(r => new ReferenceCsvReader.Reject(r.Position, r.Reason!.Value, r.Field)).ToList();
        return new ReferenceOutcome(publications, rejects, (report.RecordsRead, report.Warnings, report.RepeatedHeaderRows), new Dictionary<SkipReason, long>(report.Skipped), error);
    }

    /// <summary>
    /// A random CollabMetrics CSV: random column subset and order (an unknown column now and then), a BOM, LF and CRLF
    /// row ends, blank lines, quoted fields with commas, quotes and line breaks, non-ASCII at every offset around 16,
    /// 32 and 64 bytes, invalid UTF-8, empty and blank fields, long fields, DOIs in every accepted form, publications
    /// with rows in any author order, rows disagreeing, ids coming back, repeated headers, wrong field counts, bad
    /// quoting, and a last line without a line break or cut inside a quoted field.
    /// </summary>
    private static byte[] HostileCsv(Random random)
    {
        var columns = new List<string> { "publication_id", "year", "author_position", "country" };
        columns.AddRange(OptionalColumns.Where(_ => random.Next(3) > 0));
        if (random.Next(6) == 0)
        {
            columns.Add("notes");
        }

        columns = [.. columns.OrderBy(_ => random.Next())];
        var output = new List<byte>();
        if (random.Next(4) == 0)
        {
            output.AddRange("\uFEFF"u8.ToArray());
        }

        string headerLine = string.Join(',', columns.Select(c => random.Next(5) == 0 ? c.ToUpperInvariant() : c));
        output.AddRange(Encoding.UTF8.GetBytes(headerLine));
        EndLine();

        int publications = random.Next(1, 30);
        for (int p = 1; p <= publications; p++)
        {
            string id = random.Next(15) == 0 && p > 2 ? $"W{random.Next(1, p)}" : random.Next(6) == 0 ? $"W{Text(random, 2)}{p}" : $"W{p}";
            if (random.Next(40) == 0)
            {
                id = string.Empty;
            }

            var publication = new Dictionary<string, string>
            {
                ["year"] = random.Next(25) == 0 ? "20x0" : random.Next(20) == 0 ? " 2019" : (1990 + random.Next(35)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["source"] = random.Next(4) switch { 0 => "OpenAlex", 1 => "scopus", 2 => random.Next(8) == 0 ? "Bogus" : string.Empty, _ => random.Next(10) == 0 ? "2" : "CollabMetricsCsv" },
                ["doi"] = random.Next(3) == 0 ? string.Empty : string.Format(System.Globalization.CultureInfo.InvariantCulture, DoiForms[random.Next(DoiForms.Length)], p),
                ["technologies"] = random.Next(5) switch { 0 => "AI;Quantum", 1 => @"Semi\;conductors;A\\B", 2 => " ; ", 3 => Text(random, 3), _ => string.Empty },
                ["citations"] = random.Next(30) == 0 ? "-4" : random.Next(3) == 0 ? string.Empty : random.Next(500).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["document_type"] = random.Next(5) switch { 0 => "article", 1 => "Review", 2 => " book-chapter ", 3 => random.Next(6) == 0 ? "essay?" : string.Empty, _ => string.Empty },
                ["retracted"] = Flag(random),
                ["paratext"] = Flag(random),
                ["authors_truncated"] = Flag(random),
            };

            var rows = new List<Dictionary<string, string>>();
            int authors = random.Next(0, 5);
            if (authors == 0)
            {
                rows.Add(new Dictionary<string, string>(publication) { ["author_position"] = string.Empty });
            }

            for (int a = 1; a <= authors; a++)
            {
                string authorId = random.Next(5) == 0 ? string.Empty : $"A{random.Next(100)}";
                string corresponding = random.Next(3) switch { 0 => "true", 1 => "0", _ => string.Empty };
                int affiliations = random.Next(1, 3);
                for (int f = 0; f < affiliations; f++)
                {
                    var row = new Dictionary<string, string>(publication)
                    {
                        ["author_position"] = random.Next(40) == 0 ? "0" : a.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["author_id"] = random.Next(50) == 0 ? "A-other" : authorId,
                        ["corresponding"] = random.Next(50) == 0 ? "yes" : corresponding,
                        ["institution_id"] = random.Next(3) == 0 ? string.Empty : $"I{random.Next(40)}",
                        ["institution_name"] = Name(random),
                        ["country"] = random.Next(40) == 0 ? "ZZ" : random.Next(5) switch { 0 => string.Empty, 1 => " fr ", 2 => "DE", 3 => "us", _ => "CN" },
                    };

                    // A publication-level value left out of some rows, or disagreeing with the other rows.
                    string column = OptionalColumns[random.Next(OptionalColumns.Length)];
                    if (random.Next(4) == 0 && publication.ContainsKey(column))
                    {
                        row[column] = random.Next(12) == 0 ? "1" : string.Empty;
                    }

                    rows.Add(row);
                }
            }

            if (random.Next(4) == 0)
            {
                rows = [.. rows.OrderBy(_ => random.Next())];
            }

            foreach (var row in rows)
            {
                var fields = columns.Select(c => c == "publication_id" ? id : c == "notes" ? Text(random, 1) : row.GetValueOrDefault(c, string.Empty)).ToList();
                int defect = random.Next(120);
                if (defect == 0)
                {
                    fields.Add("extra");
                }
                else if (defect == 1 && fields.Count > 1)
                {
                    fields.RemoveAt(fields.Count - 1);
                }

                for (int c = 0; c < fields.Count; c++)
                {
                    if (c > 0)
                    {
                        output.Add((byte)',');
                    }

                    Write(fields[c], c == 0 && defect == 2 && fields.Count > 1 ? Quoting.Broken : random.Next(6) == 0 ? Quoting.Always : Quoting.Needed);
                    if (defect == 3 && c == fields.Count - 1)
                    {
                        output.AddRange(random.Next(2) == 0 ? [0xC3] : [0xFF, 0xFE]);
                    }
                }

                EndLine();
                if (random.Next(30) == 0)
                {
                    EndLine();
                }

                if (random.Next(150) == 0)
                {
                    output.AddRange(Encoding.UTF8.GetBytes(headerLine));
                    EndLine();
                }
            }
        }

        switch (random.Next(6))
        {
            case 0:
                while (output.Count > 0 && output[^1] is (byte)'\n' or (byte)'\r')
                {
                    output.RemoveAt(output.Count - 1);
                }

                break;
            case 1:
                output.AddRange(Encoding.UTF8.GetBytes($"W{publications + 1},2020,\"cut off"));
                break;
        }

        return [.. output];

        void EndLine() => output.AddRange(random.Next(3) == 0 ? "\r\n"u8.ToArray() : "\n"u8.ToArray());

        void Write(string value, Quoting quoting)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            if (quoting == Quoting.Broken)
            {
                output.AddRange(Encoding.UTF8.GetBytes("x\"y"));
                output.AddRange(bytes);
            }
            else if (quoting == Quoting.Always || value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                output.Add((byte)'"');
                output.AddRange(Encoding.UTF8.GetBytes(value.Replace("\"", "\"\"", StringComparison.Ordinal)));
                output.Add((byte)'"');
            }
            else
            {
                output.AddRange(bytes);
            }
        }
    }

    private enum Quoting
    {
        Needed,
        Always,
        Broken,
    }

    private static string Flag(Random random) => random.Next(6) switch { 0 => "true", 1 => "FALSE", 2 => " yes ", 3 => random.Next(8) == 0 ? "maybe" : string.Empty, _ => string.Empty };

    /// <summary>An institution name: empty, blank, plain, with CSV specials, long, or with non-ASCII at a random offset near a vector boundary.</summary>
    private static string Name(Random random) => random.Next(9) switch
    {
        0 => string.Empty,
        1 => random.Next(2) == 0 ? " " : "\t ",
        2 => "Univ, \"Big\"\nCampus",
        3 => "Lab\r\nAnnex, \"A\"",
        4 => new string('n', random.Next(200, 3000)) + Text(random, 1),
        5 => "Plain University",
        _ => new string('x', OffsetNearBoundary(random)) + Text(random, random.Next(1, 4)) + new string('y', random.Next(0, 40)),
    };

    private static int OffsetNearBoundary(Random random) => Math.Max(0, (16 << random.Next(0, 3)) * random.Next(1, 3) + random.Next(-4, 4) - 20);

    private static string Text(Random random, int pieces)
    {
        var text = new StringBuilder();
        for (int i = 0; i < pieces; i++)
        {
            text.Append(NonAscii[random.Next(NonAscii.Length)]);
        }

        return text.ToString();
    }
}
