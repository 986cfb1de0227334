using System.Globalization;
using System.Security.Cryptography;
using CliWrap;
using CliWrap.Buffered;
using Faas.Vmm.Boot;
using Faas.Vmm.Snapshots;
using Faas.Vmm.Tests.Support;

namespace Faas.Vmm.Tests.Snapshots;

public sealed class SnapshotRestoreTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("faas-vmm-snapshot-");

    [Fact]
    public async Task A_guest_snapshotted_mid_run_continues_exactly_where_it_stopped()
    {
        var kvm = HostKvm.Require();
        var (directory, last, saved) = await SnapshotCountingGuestAsync();

        using var restored = VmBuilder.Restore(kvm, directory);
        var reports = SyntheticGuests.RecordReports(restored);
        Assert.True(restored.Memory.TryReadUInt64(SyntheticGuests.CounterAddress, out var counter));
        Assert.Equal(saved, counter);

        restored.Start();
        for (var expected = last + 1; expected <= last + 20; expected++)
        {
            Assert.Equal(expected, (await reports.NextAsync(Timeout)).Value);
        }
    }

    [Fact]
    public async Task Restores_map_the_memory_file_privately_so_any_number_of_clones_run_and_the_file_never_changes()
    {
        var kvm = HostKvm.Require();
        var (directory, last, _) = await SnapshotCountingGuestAsync();
        var memoryFile = SnapshotFiles.MemoryPathIn(directory);
        var before = await HashAsync(memoryFile);

        var clones = Enumerable.Range(0, 3).Select(_ => VmBuilder.Restore(kvm, directory)).ToList();
        try
        {
            var reports = clones.Select(SyntheticGuests.RecordReports).ToList();
            clones.ForEach(clone => clone.Start());
            foreach (var recorder in reports)
            {
                await recorder.WaitForAsync(w => w.Value == last + 100, Timeout);
            }

            foreach (var clone in clones)
            {
                await clone.PauseAsync();
                Assert.True(clone.Memory.TryReadUInt64(SyntheticGuests.CounterAddress, out var counter));
                Assert.True(counter >= last + 100);
            }
        }
        finally
        {
            clones.ForEach(clone => clone.Dispose());
        }

        Assert.Equal(before, await HashAsync(memoryFile));
    }

    [Fact]
    public async Task A_snapshot_restores_in_another_process()
    {
        HostKvm.Require();
        var (directory, last, saved) = await SnapshotCountingGuestAsync();

        var result = await Cli.Wrap(DotnetHost())
            .WithArguments(["exec", typeof(TestProgram).Assembly.Location, RestoreProbe.Command, directory, "5"])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, $"the restore process failed ({result.ExitCode}):\n{result.StandardError}\n{result.StandardOutput}");
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => ulong.Parse(line, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([saved, last + 1, last + 2, last + 3, last + 4, last + 5], lines);
    }

    [Fact]
    public async Task A_corrupted_state_file_is_refused_with_the_reason()
    {
        var kvm = HostKvm.Require();
        var (directory, _, _) = await SnapshotCountingGuestAsync();
        var state = SnapshotFiles.StatePathIn(directory);
        var bytes = await File.ReadAllBytesAsync(state, TestContext.Current.CancellationToken);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(state, bytes, TestContext.Current.CancellationToken);

        var error = Assert.Throws<SnapshotFormatException>(() => VmBuilder.Restore(kvm, directory));
        Assert.Contains("CRC-64", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    /// <summary>
    /// Runs the counting guest, pauses it after some reports and snapshots it; returns the directory, the last count the host
    /// saw and the count in guest memory. The pause can land between the guest's store and its OUT, so the count in memory is the
    /// last one reported or the next; either way the next report after a restore is the one after the last seen.
    /// </summary>
    private async Task<(string Directory, ulong Last, ulong Saved)> SnapshotCountingGuestAsync()
    {
        var kvm = HostKvm.Require();
        var directory = Path.Combine(_directory.FullName, Guid.NewGuid().ToString("N"));
        using var machine = await SyntheticGuests.BootLongModeAsync(kvm, SyntheticGuests.Counter);
        var reports = SyntheticGuests.RecordReports(machine);
        machine.Start();
        await reports.WaitForAsync(w => w.Value >= 200, Timeout);
        await machine.PauseAsync();
        var last = reports.All[^1].Value;
        Assert.True(machine.Memory.TryReadUInt64(SyntheticGuests.CounterAddress, out var counter));
        Assert.InRange(counter, last, last + 1);

        var files = machine.SaveSnapshot(directory);
        Assert.True(files.StateBytes > 0);
        Assert.Equal((long)machine.Config.MemoryBytes, files.MemoryBytes);
        return (directory, last, counter);
    }

    private static async Task<string> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file));
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process
        : "dotnet";
}
