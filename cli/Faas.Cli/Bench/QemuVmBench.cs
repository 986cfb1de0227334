using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Faas.Vmm.Qemu;
using Faas.Vmm.Qemu.Qmp;

namespace Faas.Cli.Bench;

/// <summary>
/// QEMU microvm with <see cref="TinyGuest.QemuFirmware"/> as its firmware: process start to the guest's first serial byte for a
/// boot and for a restore of a migration file (the guest was snapshotted while writing), and N QEMUs alive at once.
/// </summary>
internal sealed class QemuVmBench(int runs, int memoryMiB, QemuAccelerator accelerator, IProgress<string> progress)
{
    private const int WarmupRuns = 2;
    private const string Binary = "qemu-system-x86_64";
    private static readonly TimeSpan ByteTimeout = TimeSpan.FromSeconds(30);

    public async Task<VmBenchFigures> RunAsync(IReadOnlyList<int> liveCounts, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("faas-bench-qemu-");
        try
        {
            var looping = Path.Combine(directory.FullName, "loop.bin");
            var halting = Path.Combine(directory.FullName, "halt.bin");
            await File.WriteAllBytesAsync(looping, TinyGuest.QemuFirmware(), cancellationToken);
            await File.WriteAllBytesAsync(halting, TinyGuest.QemuFirmware(thenHalt: true), cancellationToken);

            var create = await MeasureAsync(() => Arguments(looping), cancellationToken);
            progress.Report($"qemu: start to first exit p50 {LatencySummary.Of(create).P50:F1} ms");
            var state = Path.Combine(directory.FullName, "state");
            await SnapshotAsync(looping, state, directory.FullName, cancellationToken);
            var restore = await MeasureAsync(() => [.. Arguments(looping), "-incoming", $"exec:cat {state}"], cancellationToken);
            progress.Report($"qemu: restore to first exit p50 {LatencySummary.Of(restore).P50:F1} ms");

            var notes = new List<string>
            {
                $"guest: firmware (-bios) writing 'A' to COM1; microvm, {memoryMiB} MiB, -accel {AcceleratorName}",
                "create: from starting the QEMU process until the first byte on its serial output",
                "restore: QEMU started with -incoming from a migration file of the running guest, until the first byte after it resumes",
                "live: QEMUs whose guest wrote once and idles in HLT; PSS summed over the QEMU processes",
            };
            var live = new List<LiveVmFigures>();
            foreach (var count in liveCounts)
            {
                live.Add(await MeasureLiveAsync(halting, count, notes, cancellationToken));
                progress.Report($"qemu: {live[^1].Running} live VMs, {live[^1].PssKiBPerVm:F0} KiB PSS each");
            }

            return new VmBenchFigures("qemu", AcceleratorName, LatencySummary.Of(create), LatencySummary.Of(restore), live, notes);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private string AcceleratorName => accelerator == QemuAccelerator.Kvm ? "kvm" : "tcg";

    private List<string> Arguments(string firmware) =>
    [
        "-M", "microvm,acpi=off", "-accel", AcceleratorName, "-m", memoryMiB.ToString(CultureInfo.InvariantCulture),
        "-bios", firmware, "-display", "none", "-nodefaults", "-no-user-config", "-serial", "stdio",
    ];

    private async Task<List<double>> MeasureAsync(Func<List<string>> arguments, CancellationToken cancellationToken)
    {
        var samples = new List<double>();
        for (var run = 0; run < runs + WarmupRuns; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var qemu = QemuGuestProcess.Start(Binary, arguments());
            var first = await qemu.FirstByte.WaitAsync(ByteTimeout, cancellationToken);
            if (run >= WarmupRuns)
            {
                samples.Add(Stopwatch.GetElapsedTime(qemu.Started, first).TotalMilliseconds);
            }
        }

        return samples;
    }

    /// <summary>Migrates the running looping guest to <paramref name="state"/> over QMP.</summary>
    private async Task SnapshotAsync(string firmware, string state, string directory, CancellationToken cancellationToken)
    {
        var socketPath = Path.Combine(directory, "qmp.sock");
        await using var qemu = QemuGuestProcess.Start(Binary, [.. Arguments(firmware), "-qmp", $"unix:{socketPath},server=on,wait=off"]);
        await qemu.FirstByte.WaitAsync(ByteTimeout, cancellationToken);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
        await using var qmp = await QmpClient.ConnectAsync(new NetworkStream(socket, ownsSocket: true), cancellationToken);
        using var arguments = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["uri"] = $"exec:cat > {state}" }));
        await qmp.ExecuteAsync("migrate", arguments.RootElement, cancellationToken);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var info = await qmp.ExecuteAsync("query-migrate", cancellationToken: cancellationToken);
            var status = info.TryGetProperty("status", out var value) ? value.GetString() : null;
            if (status == "completed")
            {
                return;
            }

            if (status is "failed" or "cancelled" || deadline.Elapsed > ByteTimeout)
            {
                throw new InvalidOperationException($"migrating the QEMU benchmark guest ended {status ?? "without a status"}");
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    private async Task<LiveVmFigures> MeasureLiveAsync(string firmware, int count, List<string> notes, CancellationToken cancellationToken)
    {
        var kernelBefore = MemoryFigures.KernelKiB();
        var available = MemoryFigures.AvailableKiB();
        var processes = new List<QemuGuestProcess>(count);
        var clock = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var qemu = QemuGuestProcess.Start(Binary, Arguments(firmware));
                processes.Add(qemu);
                await qemu.FirstByte.WaitAsync(ByteTimeout, cancellationToken);
                if (i == 9 && WouldExhaustMemory(processes, count, available))
                {
                    notes.Add($"live {count}: stopped at {processes.Count} QEMUs: {count} would take more than a third of the host's available memory");
                    break;
                }
            }

            var seconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(200, cancellationToken);
            var pss = processes.Sum(p => MemoryFigures.PssKiB(p.ProcessId.ToString(CultureInfo.InvariantCulture)));
            var kernel = MemoryFigures.KernelKiB() - kernelBefore;
            return new LiveVmFigures(count, processes.Count, seconds, (double)pss / processes.Count, (double)kernel / processes.Count);
        }
        finally
        {
            await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask()));
        }
    }

    private static bool WouldExhaustMemory(List<QemuGuestProcess> started, int count, long availableKiB)
    {
        var perProcess = started.Average(p => MemoryFigures.PssKiB(p.ProcessId.ToString(CultureInfo.InvariantCulture)));
        return perProcess * count > availableKiB / 3.0;
    }
}
