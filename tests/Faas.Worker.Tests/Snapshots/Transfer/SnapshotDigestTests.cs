using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Faas.Worker.Snapshots.Transfer;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Snapshots.Transfer;

/// <summary>The digest of a snapshot's files: its definition, determinism, and what it leaves out.</summary>
public sealed class SnapshotDigestTests : IDisposable
{
    private readonly TemporaryDirectory _root = new("faas-digest-");

    [Fact]
    public void The_digest_hashes_each_file_path_a_zero_byte_its_length_and_content_in_ordinal_order()
    {
        var directory = Tree(("vm/memory", [1, 2, 3]), ("B", [9]), ("function.json", "{}"u8.ToArray()));
        using var expected = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, content) in new (string, byte[])[] { ("B", [9]), ("function.json", "{}"u8.ToArray()), ("vm/memory", [1, 2, 3]) })
        {
            expected.AppendData(Encoding.UTF8.GetBytes(path));
            expected.AppendData([0]);
            var length = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, content.Length);
            expected.AppendData(length);
            expected.AppendData(content);
        }

        Assert.Equal("sha256:" + Convert.ToHexStringLower(expected.GetHashAndReset()), SnapshotDigest.Compute(directory));
    }

    [Fact]
    public void The_digest_is_deterministic_and_changes_with_one_byte_or_one_name()
    {
        var directory = HandmadeSnapshot.Write(_root.Path, HandmadeSnapshot.Key('a'));
        var digest = SnapshotDigest.Compute(directory);

        Assert.Equal(digest, SnapshotDigest.Compute(directory));
        Assert.True(SnapshotDigest.IsWellFormed(digest), digest);

        using (var memory = new FileStream(Path.Combine(directory, "vm", "memory"), FileMode.Open, FileAccess.Write))
        {
            memory.Position = 20L * 1024 * 1024;
            memory.WriteByte(1);
        }

        var changed = SnapshotDigest.Compute(directory);
        Assert.NotEqual(digest, changed);

        File.Move(Path.Combine(directory, "vm", "state"), Path.Combine(directory, "vm", "statf"));
        Assert.NotEqual(changed, SnapshotDigest.Compute(directory));
    }

    [Fact]
    public void The_digest_cache_and_symbolic_links_are_not_part_of_the_snapshot()
    {
        var directory = Tree(("vm/memory", [1, 2, 3]));
        var digest = SnapshotDigest.Compute(directory);

        File.WriteAllText(Path.Combine(directory, SnapshotFiles.DigestCacheFileName), "sha256:whatever");
        File.CreateSymbolicLink(Path.Combine(directory, "vm", "passwd"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(directory, "etc"), "/etc");

        Assert.Equal(digest, SnapshotDigest.Compute(directory));
        Assert.Equal(["vm/memory"], SnapshotFiles.List(directory).Select(file => file.Path));
    }

    public void Dispose() => _root.Dispose();

    private string Tree(params (string Path, byte[] Content)[] files)
    {
        var directory = _root.Combine(Guid.NewGuid().ToString("N"));
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, content);
        }

        return directory;
    }
}
