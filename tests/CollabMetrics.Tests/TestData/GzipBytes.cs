using System.IO.Compression;

namespace CollabMetrics.Tests.TestData;

/// <summary>Gzip-compressed copies of test data.</summary>
internal static class GzipBytes
{
    /// <summary><paramref name="data"/> as one gzip member.</summary>
    internal static byte[] Of(byte[] data, CompressionLevel level = CompressionLevel.Fastest)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
