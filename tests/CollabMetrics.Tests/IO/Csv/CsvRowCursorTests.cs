using System.Text;
using CollabMetrics.IO.Csv;
using CsCheck;

namespace CollabMetrics.Tests.IO.Csv;

public class CsvRowCursorTests
{
    [Fact]
    public void NextRow_QuotedEscapedAndMalformedFields_OffsetsValuesAndFlags()
    {
        var cursor = Cursor("a,\"b,c\",\"d\"\"e\",f\"g\r\n\n,last");

        cursor.NextRow().Should().BeTrue();
        cursor.FieldCount.Should().Be(4);
        Text(cursor.Value(0)).Should().Be("a");
        Text(cursor.Value(1)).Should().Be("b,c");
        cursor.Flags(1).Should().Be(CsvRowCursor.Quoted);
        Text(cursor.Value(2)).Should().Be("d\"\"e");
        cursor.NeedsUnescape(2).Should().BeTrue();
        Text(cursor.Value(in cursor.At(3))).Should().Be("f\"g");
        cursor.At(3).Flags.Should().Be(CsvRowCursor.MalformedField);
        cursor.Malformed.Should().BeTrue();
        cursor.FieldStart(1).Should().Be(2);
        cursor.FieldEnd(1).Should().Be(7);

        cursor.NextRow().Should().BeTrue();
        cursor.FieldCount.Should().Be(2);
        Text(cursor.Value(0)).Should().BeEmpty();
        Text(cursor.Value(1)).Should().Be("last");
        cursor.Malformed.Should().BeFalse();
        cursor.NextRow().Should().BeFalse();
    }

    [Fact]
    public void NextRow_RowOfMoreFieldsThanTheFirstArray_EveryFieldKept()
    {
        string row = string.Join(",", Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var cursor = Cursor(row + "\n");

        cursor.NextRow().Should().BeTrue();

        cursor.FieldCount.Should().Be(100);
        Enumerable.Range(0, 100).Select(i => Text(cursor.Value(i))).Should().Equal(row.Split(','));
    }

    [Fact]
    public void NextRow_AsciiRows_NeverMayBeNonAscii()
    {
        var cursor = Cursor("W1,2020,1,FR\nW2,\"x,y\",2,DE\r\nW3,2021,1,US");

        while (cursor.NextRow())
        {
            cursor.MayBeNonAscii.Should().BeFalse();
        }
    }

    [Fact]
    public void NextRow_RandomRows_EveryRowWithANonAsciiByteMayBeNonAscii()
    {
        var bytes = Gen.OneOf(Gen.Const((byte)','), Gen.Const((byte)'\n'), Gen.Const((byte)'"'), Gen.Byte[0x20, 0x7E], Gen.Byte[0x80, 0xFF]);
        bytes.Array[0, 300].Sample(text =>
        {
            var buffer = new byte[text.Length + CsvRowCursor.Padding];
            text.CopyTo(buffer, 0);
            var cursor = new CsvRowCursor();
            cursor.Reset(buffer, 0, text.Length);
            while (cursor.NextRow())
            {
                bool nonAscii = cursor.RawRow.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
                if (nonAscii)
                {
                    cursor.MayBeNonAscii.Should().BeTrue();
                }
            }
        });
    }

    [Fact]
    public void NextRow_RandomText_RowsFieldsFlagsAndLinesAsAByteByByteSplit()
    {
        // Rows start anywhere inside a vector block (the cursor reuses the masks of the block the last row ended in),
        // and the bytes after the text are noise: separators there must not count.
        var bytes = Gen.OneOf(Gen.Const((byte)','), Gen.Const((byte)'\n'), Gen.Const((byte)'\r'), Gen.Const((byte)'"'), Gen.Byte[0x61, 0x63], Gen.Byte[0x80, 0xFF]);
        Gen.Select(bytes.Array[0, 400], bytes.Array[CsvRowCursor.Padding], Gen.Int[0, 3]).Sample((text, noise, skip) =>
        {
            var buffer = new byte[text.Length + CsvRowCursor.Padding];
            text.CopyTo(buffer, 0);
            noise.CopyTo(buffer, text.Length);
            int start = Math.Min(skip, text.Length);
            var expected = SplitByteByByte(text, start);
            var cursor = new CsvRowCursor();
            cursor.Reset(buffer, start, text.Length);
            foreach (var row in expected)
            {
                cursor.NextRow().Should().BeTrue();
                cursor.RowStart.Should().Be(row.Start);
                cursor.RowEnd.Should().Be(row.End);
                cursor.LineOffset.Should().Be(row.LineOffset);
                cursor.Lines.Should().Be(row.Lines);
                cursor.Position.Should().Be(row.Next);
                cursor.Malformed.Should().Be(row.Malformed);
                cursor.Unterminated.Should().Be(row.Unterminated);
                Enumerable.Range(0, cursor.FieldCount).Select(f => (cursor.FieldStart(f), cursor.FieldEnd(f), cursor.Flags(f)))
                    .Should().Equal(row.Fields);
                if (cursor.RawRow.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
                {
                    cursor.MayBeNonAscii.Should().BeTrue();
                }
            }

            cursor.NextRow().Should().BeFalse();
        }, iter: 3000);
    }

    [Fact]
    public void NextRow_RowsOfLongPlainFieldsThenQuotedOnes_AsAByteByByteSplit()
    {
        // Rows whose first vector blocks have no quote and a later one has: the row goes on byte by byte from that
        // block, with the fields of the blocks before kept. Quoted fields hold separators, line breaks (LF, CRLF, CR)
        // and doubled quotes, or text after their closing quote; rows end in LF, CRLF or CR, or at the end of the text.
        var letters = Gen.Char['a', 'c'].Array[0, 40].Select(c => new string(c));
        var inside = Gen.OneOf(Gen.Const(","), Gen.Const("\n"), Gen.Const("\r\n"), Gen.Const("\r"), Gen.Const("\"\""), Gen.Const("x"));
        var quoted = Gen.Select(inside.Array[0, 6], Gen.Int[0, 5]).Select((parts, tail) => "\"" + string.Concat(parts) + "\"" + (tail == 0 ? "y" : string.Empty));
        var field = Gen.Frequency((6, letters), (1, quoted));
        var row = Gen.Select(letters.Array[0, 12], field.Array[0, 6]).Select((plain, rest) => string.Join(",", plain.Concat(rest)));
        var rows = Gen.Select(row.Array[1, 6], Gen.OneOf(Gen.Const("\n"), Gen.Const("\r\n"), Gen.Const("\r")), Gen.Bool)
            .Select((lines, newline, lastBreak) => string.Join(newline, lines) + (lastBreak ? newline : string.Empty));
        rows.Sample(text =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var buffer = new byte[bytes.Length + CsvRowCursor.Padding];
            bytes.CopyTo(buffer, 0);
            buffer.AsSpan(bytes.Length).Fill((byte)'"');
            var cursor = new CsvRowCursor();
            cursor.Reset(buffer, 0, bytes.Length);
            foreach (var expected in SplitByteByByte(bytes, 0))
            {
                cursor.NextRow().Should().BeTrue();
                (cursor.RowStart, cursor.RowEnd, cursor.Position, cursor.Lines, cursor.Malformed, cursor.Unterminated)
                    .Should().Be((expected.Start, expected.End, expected.Next, expected.Lines, expected.Malformed, expected.Unterminated));
                Enumerable.Range(0, cursor.FieldCount).Select(f => (cursor.FieldStart(f), cursor.FieldEnd(f), cursor.Flags(f)))
                    .Should().Equal(expected.Fields);
            }

            cursor.NextRow().Should().BeFalse();
        }, iter: 2000);
    }

    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(200)]
    public void NextRow_RowOfEmptyFieldsOnly_EveryFieldKept(int commas)
    {
        // A vector block of nothing but separators ends a field at every byte.
        var cursor = Cursor(new string(',', commas) + "\n" + new string(',', commas));

        for (int row = 0; row < 2; row++)
        {
            cursor.NextRow().Should().BeTrue();
            cursor.FieldCount.Should().Be(commas + 1);
            Enumerable.Range(0, commas + 1).Select(f => (cursor.FieldEnd(f) - cursor.FieldStart(f), cursor.Flags(f)))
                .Should().AllBeEquivalentTo((0, (byte)0));
        }

        cursor.NextRow().Should().BeFalse();
    }

    [Fact]
    public void PaddedEquals_RandomRangesOfAPaddedBuffer_AsSequenceEqual()
    {
        // Two ranges of the text, of any length up to past a vector's width, mostly equal or nearly so.
        Gen.Select(Gen.Int[1, 300], Gen.Int[0, 0x7FFFFFFF]).Sample((textLength, seed) =>
        {
            var random = new Random(seed);
            var buffer = new byte[textLength + CsvRowCursor.Padding];
            random.NextBytes(buffer);
            int length = random.Next(0, Math.Min(textLength, 80) + 1);
            int a = random.Next(0, textLength - length + 1);
            int b = random.Next(0, textLength - length + 1);
            if (length > 0 && random.Next(3) > 0)
            {
                // The same bytes, but perhaps one, anywhere in the range.
                Array.Copy(buffer, a, buffer, b, length);
                if (random.Next(2) == 0)
                {
                    buffer[b + random.Next(length)] ^= (byte)(1 << random.Next(8));
                }
            }

            CsvRowCursor.PaddedEquals(buffer, a, b, length).Should().Be(buffer.AsSpan(a, length).SequenceEqual(buffer.AsSpan(b, length)), $"ranges at {a} and {b} of {length} bytes");
        }, iter: 5000);
    }

    [Fact]
    public void PaddedEquals_EveryLengthAcrossTheVectorWidths_FindsADifferenceAtEitherEnd()
    {
        // Lengths around one and two 256-bit vectors (32, 64) and the slow path past them; a range's last byte is the
        // one a wrong mask would miss.
        for (int length = 0; length <= 70; length++)
        {
            var buffer = new byte[200 + CsvRowCursor.Padding];
            for (int i = 0; i < 200; i++)
            {
                buffer[i] = (byte)('a' + (i % 23));
            }

            int a = 3;
            int b = 3 + (23 * 4);
            CsvRowCursor.PaddedEquals(buffer, a, b, length).Should().BeTrue($"the same {length} bytes");
            buffer[b + length] ^= 1;
            CsvRowCursor.PaddedEquals(buffer, a, b, length).Should().BeTrue($"the byte after {length} bytes does not count");
            if (length == 0)
            {
                continue;
            }

            buffer[b + length - 1] ^= 1;
            CsvRowCursor.PaddedEquals(buffer, a, b, length).Should().BeFalse($"the last of {length} bytes differs");
            buffer[b + length - 1] ^= 1;
            buffer[b] ^= 1;
            CsvRowCursor.PaddedEquals(buffer, a, b, length).Should().BeFalse($"the first of {length} bytes differs");
        }
    }

    private sealed record ExpectedRow(int Start, int End, long LineOffset, long Lines, int Next, bool Malformed, bool Unterminated, List<(int, int, byte)> Fields);

    /// <summary>The rows of <paramref name="text"/> from <paramref name="start"/>, one byte at a time, as the format defines them.</summary>
    private static List<ExpectedRow> SplitByteByByte(byte[] text, int start)
    {
        var rows = new List<ExpectedRow>();
        int pos = start;
        long lines = 0;
        while (true)
        {
            while (pos < text.Length && text[pos] is (byte)'\n' or (byte)'\r')
            {
                pos += text[pos] == (byte)'\r' && pos + 1 < text.Length && text[pos + 1] == (byte)'\n' ? 2 : 1;
                lines++;
            }

            if (pos >= text.Length)
            {
                return rows;
            }

            int rowStart = pos;
            long lineOffset = lines;
            var fields = new List<(int, int, byte)>();
            int fieldStart = pos;
            byte flags = 0;
            int closeQuote = -1;
            bool inQuotes = false;
            int rowEnd = -1;
            int next = text.Length;
            bool lineBreak = false;
            for (int i = pos; i < text.Length; i++)
            {
                byte b = text[i];
                if (inQuotes)
                {
                    if (b == (byte)'"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == (byte)'"')
                        {
                            flags |= CsvRowCursor.Escaped;
                            i++;
                        }
                        else
                        {
                            inQuotes = false;
                            closeQuote = i;
                        }
                    }
                    else if (b is (byte)'\n' or (byte)'\r')
                    {
                        if (b == (byte)'\r' && i + 1 < text.Length && text[i + 1] == (byte)'\n')
                        {
                            i++;
                        }

                        lines++;
                    }

                    continue;
                }

                if (b == (byte)'"')
                {
                    flags |= i == fieldStart ? CsvRowCursor.Quoted : CsvRowCursor.MalformedField;
                    inQuotes = i == fieldStart;
                }
                else if (b == (byte)',' || b is (byte)'\n' or (byte)'\r')
                {
                    fields.Add((fieldStart, i, Close(flags, closeQuote, i)));
                    fieldStart = i + 1;
                    flags = 0;
                    closeQuote = -1;
                    if (b != (byte)',')
                    {
                        rowEnd = i;
                        next = b == (byte)'\r' && i + 1 < text.Length && text[i + 1] == (byte)'\n' ? i + 2 : i + 1;
                        lineBreak = true;
                        break;
                    }
                }
            }

            if (!lineBreak)
            {
                fields.Add((fieldStart, text.Length, Close(inQuotes ? (byte)(flags | CsvRowCursor.MalformedField) : flags, closeQuote, text.Length)));
                rowEnd = text.Length;
            }
            else
            {
                lines++;
            }

            bool malformed = fields.Exists(f => (f.Item3 & CsvRowCursor.MalformedField) != 0);
            rows.Add(new ExpectedRow(rowStart, rowEnd, lineOffset, lines, next, malformed, !lineBreak && inQuotes, fields));
            pos = next;
        }

        static byte Close(byte flags, int closeQuote, int end) =>
            (flags & CsvRowCursor.Quoted) != 0 && closeQuote != end - 1 ? (byte)(flags | CsvRowCursor.MalformedField) : flags;
    }

    private static CsvRowCursor Cursor(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var buffer = new byte[bytes.Length + CsvRowCursor.Padding];
        bytes.CopyTo(buffer, 0);
        var cursor = new CsvRowCursor();
        cursor.Reset(buffer, 0, bytes.Length);
        return cursor;
    }

    private static string Text(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);
}
