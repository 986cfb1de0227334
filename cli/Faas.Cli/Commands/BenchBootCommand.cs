using System.CommandLine;
using System.Text.Json;
using Faas.Cli.Bench;
using Faas.Cli.Hosting;
using Faas.Vmm.Host;

namespace Faas.Cli.Commands;

/// <summary>faas bench boot: boot-to-ready time of a micro-VM over N runs.</summary>
public static class BenchBootCommand
{
    private const string Help = """
        Boot a micro-VM N times and report boot-to-ready time (start of the hypervisor until the guest agent says hello):
        min, p50, p90, p99 and max. Each VM is stopped before the next starts.

        Examples:
          faas bench boot --backend qemu --runs 5
          faas bench boot --runs 20 --json > boot.json
        """;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var backend = CommonOptions.Backend();
        var memory = CommonOptions.Memory();
        var json = CommonOptions.Json();
        var runs = new Option<int>("--runs", "-n") { Description = "Number of boots", DefaultValueFactory = _ => 10 };
        var bench = new Command("boot", Help) { backend, runs, memory, json };
        bench.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(backend), parse.GetValue(runs), parse.GetValue(memory), parse.GetValue(json), cancellationToken));
        return bench;
    }

    private static async Task<int> RunAsync(string? backend, int runs, int memory, bool json, CancellationToken cancellationToken)
    {
        if (runs < 1)
        {
            await Console.Error.WriteLineAsync("faas: --runs must be at least 1");
            return ExitCodes.PlatformError;
        }

        try
        {
            using var launcher = await VmLauncher.PrepareAsync(backend, cancellationToken);
            var host = new HostVirtualizationProbe().Detect();
            var bootToReady = new List<double>();
            var guestUptime = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                await using var vm = await launcher.Backend.BootAsync(launcher.Spec(memory, 1), cancellationToken);
                bootToReady.Add(vm.BootToReady.TotalMilliseconds);
                guestUptime.Add(vm.Agent.Hello.UptimeMilliseconds);
                await Console.Error.WriteLineAsync($"faas: run {run}/{runs}: ready in {vm.BootToReady.TotalMilliseconds:F0} ms (guest uptime {vm.Agent.Hello.UptimeMilliseconds} ms)");
            }

            var report = new BootBenchReport(
                launcher.Choice.Backend,
                launcher.Choice.Accelerator,
                $"{host.CpuModel}; /dev/kvm: {host.Kvm}",
                launcher.Guest.KernelKey,
                memory,
                bootToReady,
                guestUptime,
                LatencySummary.Of(bootToReady),
                LatencySummary.Of(guestUptime));
            Console.WriteLine(json ? JsonSerializer.Serialize(report, JsonOptions) : Format(report));
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (PlatformErrors.IsReportable(e))
        {
            await PlatformErrors.ReportAsync(e);
            return ExitCodes.PlatformError;
        }
    }

    private static string Format(BootBenchReport report)
    {
        static string Row(string name, LatencySummary s) =>
            $"{name,-24} {s.Min,8:F0} {s.P50,8:F0} {s.P90,8:F0} {s.P99,8:F0} {s.Max,8:F0}";

        return string.Join(Environment.NewLine,
            $"backend {report.Backend} ({report.Accelerator}), {report.BootToReady.Count} runs, {report.MemoryMiB} MiB, host: {report.Host}",
            $"{"ms",-24} {"min",8} {"p50",8} {"p90",8} {"p99",8} {"max",8}",
            Row("boot to ready", report.BootToReady),
            Row("guest uptime at ready", report.GuestUptimeAtReady));
    }
}
