using System.IO.Compression;
using ZstdSharp;

namespace Faas.Worker.Images.Unpacking;

/// <summary>Recognizes a layer's compression (gzip, zstd or none) from its first bytes and decompresses it.</summary>
internal static class LayerCompression
{
    private static readonly byte[] GzipMagic = [0x1f, 0x8b];
    private static readonly byte[] ZstdMagic = [0x28, 0xb5, 0x2f, 0xfd];

    /// <summary>The uncompressed tar stream; <paramref name="blob"/> stays open.</summary>
    public static Stream OpenTar(Stream blob, out string format)
    {
        var head = new byte[ZstdMagic.Length];
        var length = 0;
        while (length < head.Length && blob.Read(head.AsSpan(length)) is var read and > 0)
        {
            length += read;
        }

        var prefixed = new PrefixedStream(head[..length], blob);
        if (head.AsSpan(0, length).StartsWith(GzipMagic))
        {
            format = "gzip";
            return new GZipStream(prefixed, CompressionMode.Decompress, leaveOpen: true);
        }

        if (head.AsSpan(0, length).StartsWith(ZstdMagic))
        {
            format = "zstd";
            return new DecompressionStream(prefixed, leaveOpen: true);
        }

        format = "tar";
        return prefixed;
    }
}
