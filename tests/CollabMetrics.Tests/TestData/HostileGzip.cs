using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace CollabMetrics.Tests.TestData;

/// <summary>
/// Writes gzip files that are small on disk and huge once decompressed (a prefix, a block repeated many times, a
/// suffix), fast: the block is compressed once and its deflate bytes repeated, and the trailer's CRC-32 and
/// length are computed over the whole content, so the files are valid gzip.
/// </summary>
internal static class HostileGzip
{
    /// <summary>Writes <paramref name="prefix"/>, then <paramref name="block"/> <paramref name="repeat"/> times, then <paramref name="suffix"/>.</summary>
    public static TempFile Create(string prefix, string block, long repeat, string suffix)
    {
        var file = TempFile.Named(".data");
        var crc = new Crc32();
        long size = 0;
        using (var output = File.Create(file.Path))
        {
            output.Write([0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF]);
            void Segment(byte[] data, bool final, long times)
            {
                var deflated = Deflate(data, final);
                for (long i = 0; i < times; i++)
                {
                    output.Write(deflated);
                    crc.Append(data);
                    size += data.Length;
                }
            }

            Segment(Encoding.UTF8.GetBytes(prefix), final: false, 1);
            Segment(Encoding.UTF8.GetBytes(block), final: false, repeat);
            Segment(Encoding.UTF8.GetBytes(suffix), final: true, 1);
            Span<byte> trailer = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.GetCurrentHashAsUInt32());
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)size);
            output.Write(trailer);
        }

        return file;
    }

    /// <summary>A block of <paramref name="bytes"/> made of <paramref name="pattern"/> repeated (whole patterns only).</summary>
    public static string Block(string pattern, int bytes) => string.Concat(Enumerable.Repeat(pattern, Math.Max(1, bytes / pattern.Length)));

    /// <summary>Raw deflate of <paramref name="data"/>, ended by a sync flush (byte-aligned, not final) or as the final block.</summary>
    private static byte[] Deflate(byte[] data, bool final)
    {
        var buffer = new MemoryStream();
        var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true);
        deflate.Write(data);
        if (final)
        {
            deflate.Dispose();
            return buffer.ToArray();
        }

        deflate.Flush();
        var bytes = buffer.ToArray();
        deflate.Dispose();
        return bytes;
    }
}
