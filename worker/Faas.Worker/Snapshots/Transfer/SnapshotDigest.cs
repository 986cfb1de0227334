using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Faas.Worker.Snapshots.Transfer;

/// <summary>
/// The digest of a snapshot's files: <c>sha256:HEX</c> of SHA-256 over, for every file in ordinal order of its relative path, the
/// path in UTF-8, a 0 byte, the length as 8 bytes little-endian, and the content.
/// </summary>
public sealed class SnapshotDigest : IDisposable
{
    public const string Prefix = "sha256:";

    private const int BufferBytes = 1 << 20;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The digest of the snapshot in <paramref name="directory"/>.</summary>
    /// <exception cref="IOException">A file cannot be read, or changed while it was read.</exception>
    public static string Compute(string directory)
    {
        using var digest = new SnapshotDigest();
        var buffer = new byte[BufferBytes];
        foreach (var file in SnapshotFiles.List(directory))
        {
            digest.BeginFile(file.Path, file.Size);
            using var stream = new FileStream(Path.Combine(directory, file.Path), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            long read = 0;
            int count;
            while ((count = stream.Read(buffer)) > 0)
            {
                digest.Append(buffer.AsSpan(0, count));
                read += count;
            }

            if (read != file.Size)
            {
                throw new IOException($"'{file.Path}' changed while its digest was computed ({read} bytes read, {file.Size} listed)");
            }
        }

        return digest.Finish();
    }

    /// <summary>Whether the text has the digest's form.</summary>
    public static bool IsWellFormed(string? digest) =>
        digest is { Length: 71 } && digest.StartsWith(Prefix, StringComparison.Ordinal) && !digest.AsSpan(Prefix.Length).ContainsAnyExcept(LowerHex);

    /// <summary>Starts the next file; its content follows through <see cref="Append"/>.</summary>
    public void BeginFile(string relativePath, long length)
    {
        _hash.AppendData(Encoding.UTF8.GetBytes(relativePath));
        Span<byte> header = stackalloc byte[9];
        header[0] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(header[1..], length);
        _hash.AppendData(header);
    }

    public void Append(ReadOnlySpan<byte> content) => _hash.AppendData(content);

    public string Finish() => Prefix + Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
