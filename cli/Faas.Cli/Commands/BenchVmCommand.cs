using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Faas.Cli.Bench;
using Faas.Cli.Hosting;
using Faas.Vmm;
using Faas.Vmm.Host;
using Faas.Vmm.Kvm;
using Faas.Vmm.Qemu;

namespace Faas.Cli.Commands;

/// <summary>faas bench vm: the VMM itself, with a guest of a few bytes — create and restore to the first exit, VMs alive at once.</summary>
public static class BenchVmCommand
{
    private const string Both = "both";

    private const string Help = """
        Measure the hypervisors themselves with a guest of a few bytes of machine code: time from asking for a VM until the
        guest's first port write (create, and restore from a snapshot), min/p50/p99 over N runs; then N VMs alive at once and
        the memory each costs (PSS, host kernel memory). The built-in kvm backend and QEMU are measured in the same run. The
        output names what /dev/kvm is: figures from kvm_pvm (guest kernel mode emulated) or QEMU TCG are not hardware-KVM figures.

        Examples:
          faas bench vm
          faas bench vm --backend kvm --runs 200 --live 100,500
          faas bench vm --backend both --json > vm.json
        """;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var backend = new Option<string>("--backend")
        {
            Description = "kvm (the built-in VMM), qemu, or both",
            DefaultValueFactory = _ => Both,
        }.AcceptOnlyFromAmong(BackendSelector.Kvm, BackendSelector.Qemu, Both);
        var runs = new Option<int>("--runs", "-n") { Description = "Measurements per latency figure", DefaultValueFactory = _ => 50 };
        var live = new Option<string>("--live") { Description = "Comma-separated counts of VMs to keep alive at once (empty: none)", DefaultValueFactory = _ => "100,500" };
        var memory = new Option<int>("--memory") { Description = "Guest RAM in MiB", DefaultValueFactory = _ => 128 };
        var json = CommonOptions.Json();
        var bench = new Command("vm", Help) { backend, runs, live, memory, json };
        bench.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(backend)!, parse.GetValue(runs), parse.GetValue(live) ?? string.Empty, parse.GetValue(memory), parse.GetValue(json), cancellationToken));
        return bench;
    }

    private static async Task<int> RunAsync(string backend, int runs, string live, int memoryMiB, bool json, CancellationToken cancellationToken)
    {
        if (runs < 1 || memoryMiB < 1)
        {
            await Console.Error.WriteLineAsync("faas: --runs and --memory must be at least 1");
            return ExitCodes.PlatformError;
        }

        int[] liveCounts;
        try
        {
            liveCounts = [.. live.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture))];
        }
        catch (FormatException)
        {
            await Console.Error.WriteLineAsync($"faas: --live takes comma-separated numbers, not '{live}'");
            return ExitCodes.PlatformError;
        }

        try
        {
            var host = new HostVirtualizationProbe().Detect();
            var progress = new Progress<string>(line => Console.Error.WriteLine($"faas: {line}"));
            var load = MemoryFigures.LoadAverage();
            var figures = new List<VmBenchFigures>();
            if (backend is BackendSelector.Kvm or Both)
            {
                if (host.Kvm is KvmKind.Absent or KvmKind.Unusable)
                {
                    throw new VmException($"the built-in kvm backend needs /dev/kvm: {host.KvmDetail}");
                }

                figures.Add(await new KvmVmBench(runs, memoryMiB, progress).RunAsync(host, liveCounts, cancellationToken));
            }

            if (backend is BackendSelector.Qemu or Both)
            {
                var accelerator = BackendSelector.Choose(host, BackendSelector.Qemu).Accelerator == "kvm" ? QemuAccelerator.Kvm : QemuAccelerator.Tcg;
                figures.Add(await new QemuVmBench(runs, memoryMiB, accelerator, progress).RunAsync(liveCounts, cancellationToken));
            }

            var report = new VmBenchReport($"{host.CpuModel}; /dev/kvm: {host.Kvm} ({host.KvmDetail})", host.Kvm.ToString(), load, runs, memoryMiB, figures);
            Console.WriteLine(json ? JsonSerializer.Serialize(report, JsonOptions) : Format(report));
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (KvmException e)
        {
            await Console.Error.WriteLineAsync($"faas: {e.Message}");
            return ExitCodes.PlatformError;
        }
        catch (Exception e) when (PlatformErrors.IsReportable(e) || e is InvalidOperationException or TimeoutException)
        {
            await PlatformErrors.ReportAsync(e);
            return ExitCodes.PlatformError;
        }
    }

    private static string Format(VmBenchReport report)
    {
        static string Row(string name, LatencySummary? s) => s is null
            ? $"{name,-34} {"-",9} {"-",9} {"-",9}"
            : $"{name,-34} {s.Min,9:F3} {s.P50,9:F3} {s.P99,9:F3}";

        var lines = new List<string>
        {
            $"host: {report.Host}",
            $"load average at start {report.LoadAverageAtStart:F2}; {report.Runs} runs per figure; guest RAM {report.GuestMemoryMiB} MiB",
        };
        foreach (var figures in report.Backends)
        {
            lines.Add(string.Empty);
            lines.Add($"{figures.Backend} ({figures.Accelerator})");
            lines.Add($"{"ms",-34} {"min",9} {"p50",9} {"p99",9}");
            lines.Add(Row("create to first exit", figures.CreateToFirstExitMs));
            lines.Add(Row("restore to first exit", figures.RestoreToFirstExitMs));
            foreach (var live in figures.Live)
            {
                lines.Add($"{live.Running,5}/{live.Count} live: started in {live.SecondsToStartAll:F1} s, {live.PssKiBPerVm:F0} KiB PSS and {live.KernelKiBPerVm:F0} KiB kernel memory per VM");
            }

            lines.AddRange(figures.Notes.Select(note => $"  - {note}"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
