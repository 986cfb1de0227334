using System.Text.Json;
using Faas.Guest.Protocol.Messages;
using Faas.Vmm;
using Faas.Worker.Snapshots;

namespace Faas.Worker.Tests.Support;

/// <summary>A complete snapshot written by hand into a cache root (no VM behind it): enough to list, hash, serve and fetch.</summary>
public static class HandmadeSnapshot
{
    public const long MemoryBytes = 64L * 1024 * 1024;

    /// <summary>Offsets of the memory file that hold data; the rest is holes.</summary>
    public static readonly long[] DataOffsets = [0, 5 * 4096, 20L * 1024 * 1024 + 123, MemoryBytes - 4096];

    /// <summary>Writes snapshots/KEY/ with vm/memory (sparse), vm/state, vm/snapshot.json and function.json; returns its directory.</summary>
    public static string Write(string cacheRoot, string key, byte seed = 1)
    {
        var directory = Path.Combine(cacheRoot, "snapshots", key);
        var vm = Path.Combine(directory, "vm");
        Directory.CreateDirectory(vm);
        using (var memory = new FileStream(Path.Combine(vm, "memory"), FileMode.CreateNew, FileAccess.Write))
        {
            memory.SetLength(MemoryBytes);
            foreach (var offset in DataOffsets)
            {
                memory.Position = offset;
                memory.Write(Enumerable.Range(0, 4096).Select(i => (byte)((i * 7) + seed)).ToArray());
            }
        }

        File.WriteAllBytes(Path.Combine(vm, "state"), [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i + seed))]);
        new VmSnapshot(vm, "qemu", new VmBootSpec("/peer/vmlinux", "/peer/initrd", 64, 1, Disks: [new VmDisk("/peer/rootfs.erofs")], Snapshottable: true), new HelloMessage("1", "6.1", 5), 3, 10_000, MemoryBytes).Save();
        var record = new SnapshotRecord(SnapshotRecord.CurrentFormat, key, 2, DateTimeOffset.UtcNow, "sha256:" + new string('e', 64), "tests/handmade");
        File.WriteAllText(Path.Combine(directory, SnapshotStore.RecordFileName), JsonSerializer.Serialize(record, SnapshotJsonContext.Default.SnapshotRecord));
        return directory;
    }

    public static string Key(char digit) => new(digit, 64);
}
