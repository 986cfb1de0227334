using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Cli.Bench;
using Faas.Cli.Hosting;
using Faas.Vmm.Host;
using Faas.Worker.Http;
using Faas.Worker.Images;

namespace Faas.Cli.Commands;

/// <summary>faas bench coldstart: time to first response for a booted, a restored and a warm instance of one function.</summary>
public static class BenchColdstartCommand
{
    private const string Help = """
        Time to the first response of a function, measured by an HTTP client through the worker's invoke endpoint on loopback,
        for three kinds of instance: a fresh one booted (kernel, agent, image mounted, function started and ready; no snapshot),
        a fresh one restored from the function's snapshot, and a warm one (already running and idle). N runs of each:
        min, p50, p90, p99, max, and boot p50 / restore p50. The function is deployed first, which takes its snapshot
        (or finds it cached).

        Examples:
          faas bench coldstart --backend qemu --image 127.0.0.1:5000/samples/busybox-http --runs 5
          faas bench coldstart --image 127.0.0.1:5000/samples/python-http --path /init --json > coldstart.json
        """;

    private const string Tenant = "bench";
    private const string BootFunction = "coldstart-boot";
    private const string RestoreFunction = "coldstart";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var backend = CommonOptions.Backend();
        var memory = CommonOptions.Memory();
        var json = CommonOptions.Json();
        var image = new Option<string>("--image") { Description = "The function's image", Required = true };
        var runs = new Option<int>("--runs", "-n") { Description = "Runs of each kind", DefaultValueFactory = _ => 10 };
        var path = new Option<string>("--path") { Description = "The path to request", DefaultValueFactory = _ => "/" };
        var bench = new Command("coldstart", Help) { backend, image, runs, path, memory, json };
        bench.SetAction((parse, cancellationToken) => RunAsync(
            new ColdstartBenchSettings(parse.GetValue(backend), parse.GetValue(image)!, parse.GetValue(runs), parse.GetValue(path)!, parse.GetValue(memory), parse.GetValue(json)),
            cancellationToken));
        return bench;
    }

    private static async Task<int> RunAsync(ColdstartBenchSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Runs < 1 || !settings.Path.StartsWith('/'))
        {
            await Console.Error.WriteLineAsync("faas: --runs must be at least 1 and --path must start with /");
            return ExitCodes.PlatformError;
        }

        try
        {
            using var launcher = await VmLauncher.PrepareAsync(settings.Backend, cancellationToken);
            var host = new HostVirtualizationProbe().Detect();
            await using var manager = launcher.CreateInstanceManager();
            await using var worker = WorkerHost.Create(manager, new WorkerHostOptions { Urls = ["http://127.0.0.1:0"] });
            await worker.StartAsync(cancellationToken);
            using var client = new HttpClient { BaseAddress = WorkerHost.Addresses(worker)[0], Timeout = TimeSpan.FromMinutes(5) };

            await Console.Error.WriteLineAsync($"faas: deploying {settings.Image} (image, boot to ready, snapshot)");
            var deployMs = await DeployAsync(client, RestoreFunction, settings, snapshot: true, cancellationToken);
            await DeployAsync(client, BootFunction, settings, snapshot: false, cancellationToken);
            await Console.Error.WriteLineAsync($"faas: deployed in {deployMs:F0} ms");

            var boot = await ColdRunsAsync(client, BootFunction, "boot", settings, cancellationToken);
            var restore = await ColdRunsAsync(client, RestoreFunction, "restore", settings, cancellationToken);
            var warm = new List<double>();
            for (var run = 1; run <= settings.Runs; run++)
            {
                warm.Add(await TimeCallAsync(client, RestoreFunction, "warm", settings.Path, cancellationToken));
            }

            await StopInstancesAsync(client, RestoreFunction, cancellationToken);
            await StopInstancesAsync(client, BootFunction, cancellationToken);
            await worker.StopAsync(cancellationToken);

            var report = new ColdstartBenchReport(
                launcher.Choice.Backend,
                launcher.Choice.Accelerator,
                $"{host.CpuModel}; /dev/kvm: {host.Kvm}",
                settings.Image,
                settings.Path,
                settings.MemoryMiB,
                deployMs,
                boot,
                restore,
                warm,
                LatencySummary.Of(boot),
                LatencySummary.Of(restore),
                LatencySummary.Of(warm),
                LatencySummary.Of(boot).P50 / LatencySummary.Of(restore).P50);
            Console.WriteLine(settings.Json ? JsonSerializer.Serialize(report, JsonOptions) : Format(report));
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (PlatformErrors.IsReportable(e) || e is ImageException or HttpRequestException or ColdstartBenchException)
        {
            await PlatformErrors.ReportAsync(e);
            return ExitCodes.PlatformError;
        }
    }

    private static async Task<double> DeployAsync(HttpClient client, string function, ColdstartBenchSettings settings, bool snapshot, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var request = new DeployRequest { Image = settings.Image, MemoryMiB = settings.MemoryMiB, Snapshot = snapshot, MaxInstances = 1 };
        using var response = await client.PutAsJsonAsync($"/_faas/functions/{Tenant}/{function}", request, WorkerJsonContext.Default.DeployRequest, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ColdstartBenchException($"deploying {settings.Image} failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Each run stops the function's instances first, so that the call needs a new one.</summary>
    private static async Task<List<double>> ColdRunsAsync(HttpClient client, string function, string kind, ColdstartBenchSettings settings, CancellationToken cancellationToken)
    {
        var samples = new List<double>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            await StopInstancesAsync(client, function, cancellationToken);
            var milliseconds = await TimeCallAsync(client, function, kind, settings.Path, cancellationToken);
            samples.Add(milliseconds);
            await Console.Error.WriteLineAsync($"faas: {kind} {run}/{settings.Runs}: first response in {milliseconds:F0} ms");
        }

        return samples;
    }

    /// <summary>From sending the request until the whole response has arrived; the start kind the worker reports must be the expected one.</summary>
    private static async Task<double> TimeCallAsync(HttpClient client, string function, string kind, string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync($"/{Tenant}/{function}{path}", cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var start = response.Headers.TryGetValues(WorkerHeaders.Start, out var values) ? values.FirstOrDefault() : null;
        if (!response.IsSuccessStatusCode || start != kind)
        {
            throw new ColdstartBenchException(
                $"expected a {kind} start answering {path} with success, got {(int)response.StatusCode} from a {start ?? "?"} start: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return elapsed;
    }

    private static async Task StopInstancesAsync(HttpClient client, string function, CancellationToken cancellationToken)
    {
        using var response = await client.DeleteAsync($"/_faas/functions/{Tenant}/{function}/instances", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static string Format(ColdstartBenchReport report)
    {
        static string Row(string name, LatencySummary s) =>
            $"{name,-10} {s.Min,8:F1} {s.P50,8:F1} {s.P90,8:F1} {s.P99,8:F1} {s.Max,8:F1}";

        var emulated = report.Accelerator == "tcg" ? " — software emulation (TCG), not hardware-KVM figures" : "";
        return string.Join(
            Environment.NewLine,
            $"backend {report.Backend} ({report.Accelerator}){emulated}",
            $"host: {report.Host}",
            $"image {report.Image}, GET {report.Path}, {report.MemoryMiB} MiB, {report.Boot.Count} runs each; deploy took {report.DeployMs:F0} ms",
            $"time to first response, client-side through the worker's HTTP endpoint (ms):",
            $"{"start",-10} {"min",8} {"p50",8} {"p90",8} {"p99",8} {"max",8}",
            Row("boot", report.Boot),
            Row("restore", report.Restore),
            Row("warm", report.Warm),
            $"boot p50 / restore p50: {report.BootToRestoreP50:F1}x");
    }
}
