using System.Diagnostics;
using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests.Snapshots;

/// <summary>
/// One snapshot of a real 256 MiB guest, shared by the restore tests. Before the snapshot the guest wrote a file in /tmp
/// and started a background process, and it has a read-only disk whose first bytes are known.
/// </summary>
public sealed class SnapshotFixture : IAsyncLifetime
{
    public const string MarkerText = "written before the snapshot";
    public const string DiskText = "faas snapshot disk";

    private readonly TemporaryRunRoot _root = new();

    public string RootPath => _root.Path;

    public QemuBackend Backend { get; private set; } = null!;

    public VmSnapshot Snapshot { get; private set; } = null!;

    /// <summary>The pid, in the guest, of the process started before the snapshot.</summary>
    public int SleeperPid { get; private set; }

    /// <summary>The QEMU process of the VM that was snapshotted.</summary>
    public int OriginalProcessId { get; private set; }

    public Task<int?> OriginalExited { get; private set; } = null!;

    public TimeSpan SnapshotDuration { get; private set; }

    public IReadOnlyDictionary<string, (string Sha256, DateTime Modified)> FilesWhenTaken { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var disk = Path.Combine(_root.Path, "disk.img");
        await using (var file = File.Create(disk))
        {
            file.SetLength(1024 * 1024);
            await file.WriteAsync(System.Text.Encoding.ASCII.GetBytes(DiskText));
        }

        Backend = new QemuBackend(_root.Options());
        var spec = await TestGuest.BootSpecAsync() with { MemoryMiB = 256, Snapshottable = true, Disks = [new VmDisk(disk)] };
        var vm = (QemuMicroVm)await Backend.BootAsync(spec);
        await using (vm)
        {
            var marker = await GuestRun.ExecAsync(vm, "sh", "-c", $"echo '{MarkerText}' > /tmp/marker");
            Assert.Equal(0, marker.Result.ExitCode);
            var sleeper = await GuestRun.ExecAsync(vm, "sh", "-c", "sleep 1000 >/dev/null 2>&1 & echo $!");
            SleeperPid = int.Parse(sleeper.Stdout, System.Globalization.CultureInfo.InvariantCulture);
            OriginalProcessId = vm.ProcessId;
            OriginalExited = vm.Exited;

            var stopwatch = Stopwatch.StartNew();
            Snapshot = await Backend.SnapshotAsync(vm, Path.Combine(_root.Path, "snapshot"));
            SnapshotDuration = stopwatch.Elapsed;
        }

        FilesWhenTaken = FileHashes.Of(Snapshot.Directory);
    }

    public ValueTask DisposeAsync()
    {
        _root.Dispose();
        return ValueTask.CompletedTask;
    }
}
