namespace Faas.Worker.Images.Rootfs;

/// <summary>The erofs UUID of an image, derived from its manifest digest so every worker builds the same bytes.</summary>
internal static class FilesystemUuid
{
    /// <summary>The first 128 bits of the digest, marked as an RFC 9562 version 8 (custom) UUID.</summary>
    public static string FromDigest(string digest)
    {
        var bytes = Convert.FromHexString(Oci.BlobDigest.Hex(digest).AsSpan(0, 32));
        bytes[6] = (byte)((bytes[6] & 0x0f) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3f) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
