using System.Diagnostics;
using Faas.Vmm;
using Faas.Vmm.Boot;
using Faas.Vmm.Host;
using Faas.Vmm.Kvm;

namespace Faas.Cli.Bench;

/// <summary>
/// The built-in VMM with <see cref="TinyGuest.KvmCode"/>: create-to-first-exit (a whole new machine: VM, irqchip, PIT, memory,
/// vCPU and its thread, devices), restore-to-first-exit (into a VM shell made ahead of time), and N restored VMs alive at once.
/// </summary>
internal sealed class KvmVmBench(int runs, int memoryMiB, IProgress<string> progress)
{
    private const int WarmupRuns = 5;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly KvmSystem _kvm = KvmSystem.Shared;
    private readonly MachineConfig _config = new((ulong)memoryMiB << 20) { VirtioConsole = false };

    public async Task<VmBenchFigures> RunAsync(HostVirtualization host, IReadOnlyList<int> liveCounts, CancellationToken cancellationToken)
    {
        var snapshotDirectory = Directory.CreateTempSubdirectory("faas-bench-vm-");
        try
        {
            var create = await MeasureCreateAsync(snapshotDirectory.FullName, cancellationToken);
            progress.Report($"kvm: create to first exit p50 {LatencySummary.Of(create).P50:F3} ms");
            var restore = await MeasureRestoreAsync(snapshotDirectory.FullName, cancellationToken);
            progress.Report($"kvm: restore to first exit p50 {LatencySummary.Of(restore).P50:F3} ms");
            var live = new List<LiveVmFigures>();
            foreach (var count in liveCounts)
            {
                live.Add(await MeasureLiveAsync(snapshotDirectory.FullName, count, cancellationToken));
                progress.Report($"kvm: {count} live VMs, {live[^1].PssKiBPerVm:F0} KiB PSS each");
            }

            return new VmBenchFigures(
                "kvm",
                host.Kvm == KvmKind.Pvm ? "kvm_pvm" : "kvm",
                LatencySummary.Of(create),
                LatencySummary.Of(restore),
                live,
                [
                    $"guest: {TinyGuest.KvmCode.Length} bytes of real-mode code writing port 0x{TinyGuest.KvmPort:x}; {memoryMiB} MiB, 1 vCPU, in-kernel irqchip and PIT, COM1",
                    "create: VM, memory slot, irqchip, PIT, vCPU (thread included), CPUID, MSRs, registers, devices, until the first OUT exit",
                    "restore: state file read and checked, memory file mapped MAP_PRIVATE over a pre-made shell's memory slot, VM/vCPU/device state set, until the first OUT exit",
                    "live: VMs restored from the snapshot and idle in the guest's HLT (in-kernel); PSS from /proc/self/smaps_rollup",
                ]);
        }
        finally
        {
            snapshotDirectory.Delete(recursive: true);
        }
    }

    /// <summary>Creates machines one after the other; the first, paused at its first exit, becomes the snapshot the restores use.</summary>
    private async Task<List<double>> MeasureCreateAsync(string snapshotDirectory, CancellationToken cancellationToken)
    {
        var samples = new List<double>();
        for (var run = 0; run < runs + WarmupRuns; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            var machine = VmBuilder.BootCode(_kvm, _config, new CodeBootSource(TinyGuest.KvmCode, TinyGuest.KvmLoadAddress, CpuMode.RealMode));
            var probe = new FirstWriteProbe(() => machine.Vcpus[0].RequestStop());
            machine.IoBus.Insert(TinyGuest.KvmPort, 1, probe);
            machine.Start();
            var first = await probe.FirstWrite.WaitAsync(ExitTimeout, cancellationToken);
            if (run >= WarmupRuns)
            {
                samples.Add(Stopwatch.GetElapsedTime(start, first).TotalMilliseconds);
            }

            await machine.PauseAsync();
            if (run == 0)
            {
                machine.SaveSnapshot(snapshotDirectory);
            }

            machine.Dispose();
        }

        return samples;
    }

    private async Task<List<double>> MeasureRestoreAsync(string snapshotDirectory, CancellationToken cancellationToken)
    {
        using var pool = new VmShellPool(_kvm, ShellShape.Of(_config), 4);
        pool.Fill();
        var samples = new List<double>();
        for (var run = 0; run < runs + WarmupRuns; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var probe = new FirstWriteProbe();
            var start = Stopwatch.GetTimestamp();
            var machine = VmBuilder.Restore(_kvm, snapshotDirectory, pool: pool);
            machine.IoBus.Insert(TinyGuest.KvmPort, 1, probe);
            machine.Start();
            var first = await probe.FirstWrite.WaitAsync(ExitTimeout, cancellationToken);
            if (run >= WarmupRuns)
            {
                samples.Add(Stopwatch.GetElapsedTime(start, first).TotalMilliseconds);
            }

            await machine.PauseAsync();
            machine.Dispose();
            await pool.RefillInBackground();
        }

        return samples;
    }

    private async Task<LiveVmFigures> MeasureLiveAsync(string snapshotDirectory, int count, CancellationToken cancellationToken)
    {
        GC.Collect();
        var pssBefore = MemoryFigures.PssKiB();
        var kernelBefore = MemoryFigures.KernelKiB();
        var machines = new List<Machine>(count);
        var clock = Stopwatch.StartNew();
        try
        {
            var firstWrites = new List<Task<long>>(count);
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var machine = VmBuilder.Restore(_kvm, snapshotDirectory);
                machines.Add(machine);
                var probe = new FirstWriteProbe();
                machine.IoBus.Insert(TinyGuest.KvmPort, 1, probe);
                machine.Start();
                firstWrites.Add(probe.FirstWrite);
            }

            await Task.WhenAll(firstWrites).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(200, cancellationToken);
            var pss = MemoryFigures.PssKiB() - pssBefore;
            var kernel = MemoryFigures.KernelKiB() - kernelBefore;
            return new LiveVmFigures(count, firstWrites.Count(t => t.IsCompletedSuccessfully), seconds, (double)pss / count, (double)kernel / count);
        }
        finally
        {
            await Task.WhenAll(machines.Select(async machine =>
            {
                await machine.PauseAsync();
                await machine.DisposeInBackgroundAsync();
            }));
        }
    }
}
