using System.Text;
using CollabMetrics.Model;
using CsCheck;

namespace CollabMetrics.Tests.Model;

public class DoiTests
{
    /// <summary>Pieces of text: white space, resolver prefixes in any case, DOI starts and other characters.</summary>
    private static readonly string[] Pieces =
    [
        " ", "\t", "\r\n", "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/",
        "doi:", "DOI:", "HTTPS://DOI.ORG/", "Http://Dx.Doi.Org/", "dOi.OrG/", "10.", "10.5555/", "1", "0", ".", "/", "d",
        "h", "D", "H", "x", "ABC", "syn-000000001", "\u00e9",
    ];

    /// <summary>Text made of up to six pieces.</summary>
    private static readonly Gen<string> DoiLike =
        Gen.Int[0, Pieces.Length - 1].Array[0, 6].Select(parts => string.Concat(Array.ConvertAll(parts, i => Pieces[i])));

    [Fact]
    public void NormalizeUtf8_RandomText_AgreesWithNormalize()
    {
        DoiLike.Sample(text =>
        {
            var buffer = new byte[2];
            int length = Doi.NormalizeUtf8(Encoding.UTF8.GetBytes(text), ref buffer);

            string? expected = Doi.Normalize(text);
            string? actual = length < 0 ? null : Encoding.UTF8.GetString(buffer, 0, length);
            actual.Should().Be(expected, $"the text was '{text}'");
        }, iter: 2000);
    }

    [Theory]
    [InlineData("10.5555/SYN-1", "10.5555/syn-1")]
    [InlineData("  10.5555/Abc  ", "10.5555/abc")]
    [InlineData("DOI: 10.5555/Abc", "10.5555/abc")]
    [InlineData("HTTPS://DX.DOI.ORG/10.5555/x", "10.5555/x")]
    [InlineData("Doi.Org/10.1/Y", "10.1/y")]
    [InlineData("hdl:10.5555/x", null)]
    [InlineData("d10.5555/x", null)]
    [InlineData("https://doi.org/", null)]
    [InlineData("", null)]
    public void NormalizeUtf8_AsciiText_GivesTheNormalizedDoi(string text, string? expected)
    {
        var buffer = Array.Empty<byte>();

        int length = Doi.NormalizeUtf8(Encoding.UTF8.GetBytes(text), ref buffer);

        (length < 0 ? null : Encoding.UTF8.GetString(buffer, 0, length)).Should().Be(expected);
    }
}
