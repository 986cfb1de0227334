using System.Text.Json.Nodes;
using Faas.Vmm.Qemu.Snapshots;
using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests.Snapshots;

/// <summary>Restores of snapshots that are missing, incomplete or damaged fail with a VmException that says so, and leave nothing behind.</summary>
[Collection(SnapshotTestGroup.Name)]
public sealed class BrokenSnapshotTests(SnapshotFixture fixture) : IDisposable
{
    private readonly TemporaryRunRoot _scratch = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Loading_a_directory_without_a_snapshot_says_what_is_missing()
    {
        var error = Assert.Throws<VmException>(() => VmSnapshot.Load(Path.Combine(_scratch.Path, "nothing-here")));

        Assert.Contains("snapshot.json is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loading_a_snapshot_whose_description_is_not_json_says_it_is_corrupt()
    {
        var copy = CopyOfSnapshot();
        await File.WriteAllTextAsync(Path.Combine(copy, VmSnapshot.FileName), "{ not json", Token);

        var error = Assert.Throws<VmException>(() => VmSnapshot.Load(copy));

        Assert.Contains("is corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_with_the_memory_file_missing_is_refused_before_QEMU_starts()
    {
        var copy = CopyOfSnapshot();
        File.Delete(Path.Combine(copy, QemuSnapshotFiles.MemoryFileName));

        var error = await Assert.ThrowsAsync<VmException>(() => RestoreAsync(copy));

        Assert.Contains("memory file", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_a_state_file_with_a_flipped_byte_fails_its_checksum()
    {
        var copy = CopyOfSnapshot();
        var state = Path.Combine(copy, QemuSnapshotFiles.StateFileName);
        var bytes = await File.ReadAllBytesAsync(state, Token);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(state, bytes, Token);

        var error = await Assert.ThrowsAsync<VmException>(() => RestoreAsync(copy));

        Assert.Contains("does not match its checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_a_truncated_state_file_says_so()
    {
        var copy = CopyOfSnapshot();
        await using (var state = File.OpenWrite(Path.Combine(copy, QemuSnapshotFiles.StateFileName)))
        {
            state.SetLength(state.Length / 2);
        }

        var error = await Assert.ThrowsAsync<VmException>(() => RestoreAsync(copy));

        Assert.Contains("its state file has", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_that_QEMU_refuses_is_reported_with_QEMUs_reason_and_leaves_no_process()
    {
        // A consistent description of garbage: only QEMU itself can tell.
        var copy = CopyOfSnapshot();
        var garbage = new byte[4096];
        Random.Shared.NextBytes(garbage);
        await File.WriteAllBytesAsync(Path.Combine(copy, QemuSnapshotFiles.StateFileName), garbage, Token);
        var description = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(copy, VmSnapshot.FileName), Token))!;
        description["stateBytes"] = garbage.Length;
        description["stateSha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(garbage));
        await File.WriteAllTextAsync(Path.Combine(copy, VmSnapshot.FileName), description.ToJsonString(), Token);
        var runs = new TemporaryRunRoot();
        using var cleanup = runs;

        var error = await Assert.ThrowsAsync<VmException>(() => new QemuBackend(runs.Options()).RestoreAsync(VmSnapshot.Load(copy), Token));

        Assert.StartsWith("QEMU exited with code 1 before the restored VM resumed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("--- QEMU stderr ---", error.ConsoleTail, StringComparison.Ordinal);
        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(runs.Path, TimeSpan.FromSeconds(5)));
        Assert.Empty(runs.Entries());
    }

    [Fact]
    public async Task A_snapshot_of_another_backend_is_refused()
    {
        var other = fixture.Snapshot with { Backend = "kvm" };

        var error = await Assert.ThrowsAsync<VmException>(() => fixture.Backend.RestoreAsync(other, Token));

        Assert.Contains("kvm backend", error.Message, StringComparison.Ordinal);
    }

    private Task<IMicroVm> RestoreAsync(string directory) => fixture.Backend.RestoreAsync(VmSnapshot.Load(directory), Token);

    /// <summary>A copy to damage: its own state file and description, and a link to the (never written) memory file.</summary>
    private string CopyOfSnapshot()
    {
        var copy = Path.Combine(_scratch.Path, "copy");
        Directory.CreateDirectory(copy);
        foreach (var name in new[] { VmSnapshot.FileName, QemuSnapshotFiles.StateFileName })
        {
            File.Copy(Path.Combine(fixture.Snapshot.Directory, name), Path.Combine(copy, name));
        }

        File.CreateSymbolicLink(Path.Combine(copy, QemuSnapshotFiles.MemoryFileName), Path.Combine(fixture.Snapshot.Directory, QemuSnapshotFiles.MemoryFileName));
        return copy;
    }
}
