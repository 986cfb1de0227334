using System.Globalization;
using Faas.Vmm.Qemu.Snapshots;
using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests.Snapshots;

/// <summary>VMs restored from one snapshot: they resume where it was taken, at once, and independently of each other.</summary>
[Collection(SnapshotTestGroup.Name)]
public sealed class RestoreTests(SnapshotFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Task<QemuMicroVm> RestoreAsync() => RestoreAsync(fixture.Snapshot);

    private async Task<QemuMicroVm> RestoreAsync(VmSnapshot snapshot) => (QemuMicroVm)await fixture.Backend.RestoreAsync(snapshot, Token);

    [Fact]
    public async Task Restored_VM_answers_an_exec_at_once_on_the_session_of_the_snapshot()
    {
        await using var vm = await RestoreAsync();

        var run = await GuestRun.ExecAsync(vm, "echo", "ok");

        Assert.Equal(0, run.Result.ExitCode);
        Assert.Equal("ok\n", run.Stdout);
        Assert.True(vm.IsRestored);
        Assert.Equal(fixture.Snapshot.Hello, vm.Agent.Hello);
        Assert.True(vm.Agent.NextChannel > fixture.Snapshot.NextChannel);
        Assert.InRange(vm.BootToReady, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
        Assert.True((await vm.Qmp.QueryStatusAsync(Token)).Running);
    }

    [Fact]
    public async Task Files_written_before_the_snapshot_are_there()
    {
        await using var vm = await RestoreAsync();

        var run = await GuestRun.ExecAsync(vm, "cat", "/tmp/marker");

        Assert.Equal($"{SnapshotFixture.MarkerText}\n", run.Stdout);
    }

    [Fact]
    public async Task A_process_started_before_the_snapshot_still_runs()
    {
        await using var vm = await RestoreAsync();
        var pid = fixture.SleeperPid.ToString(CultureInfo.InvariantCulture);

        var run = await GuestRun.ExecAsync(vm, "sh", "-c", $"tr '\\0' ' ' < /proc/{pid}/cmdline; grep State /proc/{pid}/status");

        Assert.Equal(0, run.Result.ExitCode);
        Assert.StartsWith("sleep 1000 ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("S (sleeping)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_disk_attached_at_boot_reads_the_same()
    {
        await using var vm = await RestoreAsync();

        var run = await GuestRun.ExecAsync(vm, "head", "-c", SnapshotFixture.DiskText.Length.ToString(CultureInfo.InvariantCulture), "/dev/vda");

        Assert.Equal(0, run.Result.ExitCode);
        Assert.Equal(SnapshotFixture.DiskText, run.Stdout);
    }

    [Fact]
    public async Task Two_clones_run_at_the_same_time_and_are_independent()
    {
        var clones = await Task.WhenAll(RestoreAsync(), RestoreAsync());
        await using var first = clones[0];
        await using var second = clones[1];

        var write = await GuestRun.ExecAsync(first, "sh", "-c", "echo first > /tmp/clone; echo 1 > /tmp/marker");
        var inFirst = await GuestRun.ExecAsync(first, "sh", "-c", "cat /tmp/clone /tmp/marker");
        var inSecond = await GuestRun.ExecAsync(second, "sh", "-c", "cat /tmp/marker; test -e /tmp/clone || echo absent");

        Assert.Equal(0, write.Result.ExitCode);
        Assert.NotEqual(first.ProcessId, second.ProcessId);
        Assert.Equal("first\n1\n", inFirst.Stdout);
        Assert.Equal($"{SnapshotFixture.MarkerText}\nabsent\n", inSecond.Stdout);
    }

    [Fact]
    public async Task Restores_leave_the_snapshot_files_unchanged()
    {
        await using (var vm = await RestoreAsync())
        {
            var run = await GuestRun.ExecAsync(vm, "sh", "-c", "dd if=/dev/zero of=/tmp/fill bs=1M count=8 2>/dev/null && sync && echo done");
            Assert.Equal("done\n", run.Stdout);
        }

        Assert.Equal(fixture.FilesWhenTaken, FileHashes.Of(fixture.Snapshot.Directory));
    }

    [Fact]
    public async Task Disposing_a_restored_VM_leaves_no_process_and_no_run_directory()
    {
        var vm = await RestoreAsync();
        Assert.True(ProcFs.IsAlive(vm.ProcessId));
        Assert.True(Directory.Exists(vm.RunDirectoryPath));

        await vm.DisposeAsync();

        Assert.False(ProcFs.IsAlive(vm.ProcessId));
        Assert.False(Directory.Exists(vm.RunDirectoryPath));
        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(fixture.RootPath, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Shutdown_reaches_the_restored_agent_and_QEMU_exits_by_itself()
    {
        await using var vm = await RestoreAsync();

        await vm.ShutdownAsync(TimeSpan.FromSeconds(20), Token);

        Assert.Equal(0, await vm.Exited);
        Assert.False(ProcFs.IsAlive(vm.ProcessId));
    }

    [Fact]
    public async Task A_restored_VM_cannot_be_snapshotted_and_keeps_running()
    {
        await using var vm = await RestoreAsync();
        var directory = Path.Combine(fixture.RootPath, "snapshot-of-a-clone");

        var error = await Assert.ThrowsAsync<VmException>(() => fixture.Backend.SnapshotAsync(vm, directory, Token));

        Assert.Contains("restored", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
        Assert.Equal("ok\n", (await GuestRun.ExecAsync(vm, "echo", "ok")).Stdout);
    }

    [Fact]
    public async Task Snapshot_stopped_the_original_VM_and_left_only_the_snapshot()
    {
        await fixture.OriginalExited.WaitAsync(TimeSpan.FromSeconds(5), Token);

        Assert.False(ProcFs.IsAlive(fixture.OriginalProcessId));
        Assert.Equal(
            [QemuSnapshotFiles.MemoryFileName, VmSnapshot.FileName, QemuSnapshotFiles.StateFileName],
            Directory.EnumerateFiles(fixture.Snapshot.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["disk.img"], Directory.EnumerateFiles(fixture.RootPath).Select(Path.GetFileName));
        Assert.DoesNotContain(Directory.EnumerateDirectories(fixture.RootPath), path => Path.GetFileName(path).StartsWith('.'));
        Assert.InRange(fixture.SnapshotDuration, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Snapshot_describes_itself_and_loads_back_equal()
    {
        var loaded = VmSnapshot.Load(fixture.Snapshot.Directory);

        Assert.Equal(fixture.Snapshot with { Spec = loaded.Spec }, loaded);
        Assert.Equal(fixture.Snapshot.Spec with { Disks = null }, loaded.Spec with { Disks = null });
        Assert.Equal(fixture.Snapshot.Spec.Disks, loaded.Spec.Disks);
        Assert.Equal("qemu", loaded.Backend);
        Assert.True(loaded.Spec.Snapshottable);
        Assert.Equal(256, loaded.Spec.MemoryMiB);
        Assert.True(loaded.NextChannel >= 3, "the boot used two channels before the snapshot");
        Assert.Equal(new FileInfo(Path.Combine(loaded.Directory, QemuSnapshotFiles.StateFileName)).Length, loaded.StateBytes);
        Assert.InRange(loaded.MemoryBytes, 1024 * 1024, 256L * 1024 * 1024);
        Assert.Equal(256L * 1024 * 1024, new FileInfo(Path.Combine(loaded.Directory, QemuSnapshotFiles.MemoryFileName)).Length);
    }
}
