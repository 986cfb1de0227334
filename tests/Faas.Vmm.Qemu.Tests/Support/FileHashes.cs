using System.Security.Cryptography;

namespace Faas.Vmm.Qemu.Tests.Support;

/// <summary>SHA-256 and modification time of every file in a directory, to show that nothing wrote to it.</summary>
internal static class FileHashes
{
    public static IReadOnlyDictionary<string, (string Sha256, DateTime Modified)> Of(string directory) =>
        Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).ToDictionary(
            path => Path.GetFileName(path),
            path =>
            {
                using var file = File.OpenRead(path);
                return (Convert.ToHexStringLower(SHA256.HashData(file)), File.GetLastWriteTimeUtc(path));
            });
}
