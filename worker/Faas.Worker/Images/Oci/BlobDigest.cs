using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Faas.Worker.Images.Oci;

/// <summary>Content digests (<c>sha256:</c> + 64 lowercase hex digits), the only algorithm faas accepts.</summary>
internal static partial class BlobDigest
{
    public const string Sha256Prefix = "sha256:";

    public static bool IsValid(string? digest) => digest is not null && Pattern().IsMatch(digest);

    /// <summary>The hex part, safe to use as a file name once <see cref="IsValid"/> holds.</summary>
    public static string Hex(string digest) => IsValid(digest) ? digest[Sha256Prefix.Length..] : throw new ArgumentException($"'{digest}' is not a sha256 digest.", nameof(digest));

    public static string Of(ReadOnlySpan<byte> content) => Sha256Prefix + Convert.ToHexStringLower(SHA256.HashData(content));

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
