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
