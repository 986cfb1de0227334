using Faas.Vmm.Qemu.Snapshots;
using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests.Snapshots;

/// <summary>Taking snapshots: where they may go and which VMs may be snapshotted. Each test boots its own VM.</summary>
public sealed class SnapshotTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_directory_that_is_not_empty_is_refused_and_the_VM_keeps_running_then_an_empty_one_is_used()
    {
        using var root = new TemporaryRunRoot();
        var backend = new QemuBackend(root.Options());
        await using var vm = (QemuMicroVm)await backend.BootAsync(await TestGuest.BootSpecAsync() with { Snapshottable = true }, Token);
        var occupied = Path.Combine(root.Path, "occupied");
        Directory.CreateDirectory(occupied);
        await File.WriteAllTextAsync(Path.Combine(occupied, "something"), "keep me", Token);
        var empty = Path.Combine(root.Path, "empty");
        Directory.CreateDirectory(empty);

        var error = await Assert.ThrowsAsync<VmException>(() => backend.SnapshotAsync(vm, occupied, Token));
        var stillRunning = await GuestRun.ExecAsync(vm, "echo", "running");
        var snapshot = await backend.SnapshotAsync(vm, empty, Token);

        Assert.Contains("not empty", error.Message, StringComparison.Ordinal);
        Assert.Equal(["something"], Directory.EnumerateFiles(occupied).Select(Path.GetFileName));
        Assert.Equal("running\n", stillRunning.Stdout);
        Assert.Equal(empty, snapshot.Directory);
        Assert.True(File.Exists(Path.Combine(empty, QemuSnapshotFiles.StateFileName)));
        Assert.True(File.Exists(Path.Combine(empty, VmSnapshot.FileName)));
        await vm.Exited.WaitAsync(TimeSpan.FromSeconds(5), Token);
        Assert.False(ProcFs.IsAlive(vm.ProcessId));
    }

    [Fact]
    public async Task A_VM_with_a_writable_disk_is_refused_and_keeps_running()
    {
        using var root = new TemporaryRunRoot();
        var disk = Path.Combine(root.Path, "rw.img");
        await using (var file = File.Create(disk))
        {
            file.SetLength(1024 * 1024);
        }

        var backend = new QemuBackend(root.Options());
        var spec = await TestGuest.BootSpecAsync() with { Snapshottable = true, Disks = [new VmDisk(disk, ReadOnly: false)] };
        await using var vm = (QemuMicroVm)await backend.BootAsync(spec, Token);
        var directory = Path.Combine(root.Path, "snapshot");

        var error = await Assert.ThrowsAsync<VmException>(() => backend.SnapshotAsync(vm, directory, Token));

        Assert.Contains("writable disk", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
        Assert.Equal("ok\n", (await GuestRun.ExecAsync(vm, "echo", "ok")).Stdout);
    }
}
