using System.Globalization;
using System.Text;
using Faas.LoadTest.Recording;

namespace Faas.LoadTest.Reports;

/// <summary>A report as a markdown section for docs/benchmarks.md: how it was measured, then one table per backend.</summary>
public static class MarkdownReportWriter
{
    /// <param name="report">The report.</param>
    /// <param name="svgLink">The chart's path relative to the markdown file, or null for no chart.</param>
    public static string Write(LoadTestReport report, string? svgLink = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var date = report.StartedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var backends = string.Join(", ", report.Backends.Select(run => run.Label));
        text.AppendLine(CultureInfo.InvariantCulture, $"### Load test `{report.Scenario}` ({backends}, {date})");
        text.AppendLine();
        if (report.Description.Length > 0)
        {
            text.AppendLine(report.Description);
            text.AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{report.Command}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load: {Load(report.Settings)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Engine: {report.EngineDetail}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Machine(report)}");
        var load = report.LoadAverage;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- Load average (1 min) during the run: {Number(load.Min)}–{Number(load.Max)}, mean {Number(load.Mean)} over {load.Samples} samples; with {report.Machine.Cores} cores, anything above {report.Machine.Cores} means other processes on the machine competed with the VMs.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Backends: {report.BackendNote}.");
        text.AppendLine();
        text.AppendLine("Latency in ms from each call's intended start to the end of its response, successful calls only; throughput = successful calls per second over the pass.");
        text.AppendLine();

        foreach (var run in report.Backends)
        {
            WriteRun(text, run, report.Settings, report.Backends.Count > 1);
        }

        if (svgLink is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"![{report.Scenario}: latency percentiles by start kind]({svgLink})");
            text.AppendLine();
        }

        return text.ToString();
    }

    private static void WriteRun(StringBuilder text, BackendRun run, ScenarioSettings settings, bool titled)
    {
        if (titled)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"#### {run.Label}");
            text.AppendLine();
        }

        if (run.Error is { } error)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Not measured on {run.Label}: {error}");
            text.AppendLine();
            return;
        }

        text.AppendLine("| target | start | calls | errors | p50 | p90 | p99 | max | per s |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var pass in run.Passes)
        {
            foreach (var kind in pass.Figures.Starts.Append(pass.Figures.All))
            {
                var start = kind.Start == StartKinds.All ? "**all**" : kind.Start;
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {pass.Target} | {start} | {kind.Calls} | {kind.Errors} | {Ms(kind.P50Ms)} | {Ms(kind.P90Ms)} | {Ms(kind.P99Ms)} | {Ms(kind.MaxMs)} | {Number(kind.ThroughputPerSecond)} |");
            }
        }

        text.AppendLine();
        if (settings.Streams.Count > 1)
        {
            WriteStreams(text, run, settings);
        }

        foreach (var pass in run.Passes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {Capitalized(pass.Target)}: {PassDetail(pass)}");
        }

        if (run.GatewayOverhead.Count > 0)
        {
            var ratios = run.GatewayOverhead.Select(o =>
                $"{o.Start} p50 {Ms(o.GatewayP50Ms)} vs {Ms(o.WorkerP50Ms)} ms (**{Number(o.P50Ratio)}×**), p99 {Ms(o.GatewayP99Ms)} vs {Ms(o.WorkerP99Ms)} ms ({Number(o.P99Ratio)}×)");
            text.AppendLine(CultureInfo.InvariantCulture, $"- Gateway / worker: {string.Join("; ", ratios)}.");
        }

        if (run.SoftwareEmulation)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {run.Label}: QEMU with TCG software emulation; these are not hardware-KVM figures.");
        }

        text.AppendLine();
    }

    /// <summary>Per tenant and function, for scenarios with several streams.</summary>
    private static void WriteStreams(StringBuilder text, BackendRun run, ScenarioSettings settings)
    {
        text.AppendLine("| target | tenant: function | start | calls | errors | p50 | p90 | p99 | max | per s |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var pass in run.Passes)
        {
            foreach (var stream in pass.Figures.Streams)
            {
                var name = stream.Stream < settings.Streams.Count
                    ? $"{settings.Streams[stream.Stream].Tenant}: {settings.Streams[stream.Stream].Function}"
                    : $"stream {stream.Stream}";
                foreach (var kind in stream.Starts.Append(stream.All))
                {
                    var start = kind.Start == StartKinds.All ? "**all**" : kind.Start;
                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"| {pass.Target} | {name} | {start} | {kind.Calls} | {kind.Errors} | {Ms(kind.P50Ms)} | {Ms(kind.P90Ms)} | {Ms(kind.P99Ms)} | {Ms(kind.MaxMs)} | {Number(kind.ThroughputPerSecond)} |");
                }
            }
        }

        text.AppendLine();
    }

    private static string PassDetail(PassReport pass)
    {
        var parts = new List<string>
        {
            $"{pass.DeployedFunctions} function(s) deployed in {Number(pass.DeploySeconds)} s before the load",
            $"pass window {Number(pass.Figures.WindowSeconds)} s",
        };
        if (pass.Figures.SendLag is { } lag)
        {
            parts.Add($"calls sent {Ms(lag.P99Ms)} ms after their intended start at p99 (max {Ms(lag.MaxMs)})");
        }

        var errors = pass.Figures.All.ErrorsByStatus;
        parts.Add(errors.Count == 0 ? "no errors" : $"errors: {string.Join(", ", errors.Select(e => $"{e.Status} ×{e.Count}"))}");
        var instances = pass.Instances;
        var memory = instances.PssMeanMiB is { } mean
            ? $"PSS per VM {Number(mean)} MiB mean (min {Number(instances.PssMinMiB ?? 0)}, max {Number(instances.PssMaxMiB ?? 0)}), {Number(instances.PssTotalMiB ?? 0)} MiB in all"
            : $"memory not measured{(instances.Note is { } note ? $" ({note})" : "")}";
        var listed = pass.Target == "worker"
            ? $"{instances.Instances} instance(s) listed by the gateway (those the worker starts for its own callers are not)"
            : $"{instances.Instances} instance(s) listed";
        parts.Add($"at the end {listed}, {instances.VmProcesses} QEMU process(es), {memory}");
        return string.Join("; ", parts) + ".";
    }

    private static string Load(ScenarioSettings settings)
    {
        var streams = settings.Streams.Select(stream =>
        {
            var image = stream.Image[(stream.Image.LastIndexOf('/') + 1)..];
            var functions = stream.Functions > 1 ? $"{stream.Functions} copies of {stream.Function} (one per call)" : stream.Function;
            var rate = settings.Executor == "burst" ? $"{stream.Calls} calls at once" : $"{Number(stream.Rate)}/s, {stream.Calls} calls";
            var warmup = stream.WarmupCalls > 0 ? $" after {stream.WarmupCalls} warm-up calls" : "";
            return $"tenant {stream.Tenant}: {functions} ({image}, GET {stream.Path}, {stream.Memory}, min {stream.MinInstances} / max {stream.MaxInstances} instances, keepAlive {stream.KeepAlive}): {rate}{warmup}";
        });
        var shape = settings.Executor == "burst"
            ? "burst (all calls at the same instant)"
            : $"constant arrival rate for {settings.Duration}{(settings.Warmup is "0ms" or "0s" ? "" : $" after a {settings.Warmup} warm-up")}";
        return $"{shape}, {settings.Calls} measured calls, at most {settings.Concurrency} in flight, timeout {settings.Timeout}; {string.Join("; ", streams)}";
    }

    private static string Machine(LoadTestReport report)
    {
        var machine = report.Machine;
        var emulation = report.Backends.Any(run => run.SoftwareEmulation)
            ? machine.Kvm == "Pvm"
                ? "; Linux guests run under QEMU **TCG** software emulation because `/dev/kvm` is kvm_pvm (no VMX/SVM) — not hardware-KVM figures"
                : "; Linux guests run under QEMU **TCG** software emulation — not hardware-KVM figures"
            : "";
        return $"{machine.Cores} cores ({machine.CpuModel}), {Number(machine.MemoryGiB)} GiB{emulation}";
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Milliseconds with the precision that matters at their size: 1234, 56.7, 8.91.</summary>
    public static string Ms(double? milliseconds) => milliseconds switch
    {
        null => "–",
        >= 100 => milliseconds.Value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => milliseconds.Value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => milliseconds.Value.ToString("0.00", CultureInfo.InvariantCulture),
    };

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
