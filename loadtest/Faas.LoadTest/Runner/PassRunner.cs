using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Faas.LoadTest.Engine;
using Faas.LoadTest.HostInfo;
using Faas.LoadTest.K6;
using Faas.LoadTest.Platform;
using Faas.LoadTest.Recording;
using Faas.LoadTest.Reports;
using Faas.LoadTest.Scenarios;

namespace Faas.LoadTest.Runner;

/// <summary>
/// One pass of a scenario: deploys its functions under names of their own (so nothing is warm from an earlier pass), creates its
/// tenants, runs the load, counts instances and measures VM memory right after, then removes the functions again.
/// </summary>
internal sealed class PassRunner
{
    private readonly GatewayApi _api;
    private readonly PlatformTarget _platform;
    private readonly Scenario _scenario;
    private readonly SelectedEngine _engine;
    private readonly string _scriptPath;
    private readonly ScenarioOverrides _overrides;
    private readonly Action<string> _progress;

    public PassRunner(
        GatewayApi api, PlatformTarget platform, Scenario scenario, SelectedEngine engine, string scriptPath, ScenarioOverrides overrides, Action<string> progress)
    {
        _api = api;
        _platform = platform;
        _scenario = scenario;
        _engine = engine;
        _scriptPath = scriptPath;
        _overrides = overrides;
        _progress = progress;
    }

    public async Task<PassReport> RunAsync(PassTarget target, CancellationToken cancellationToken)
    {
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var deployed = new List<(string ApiKey, string Name)>();
        var label = target == PassTarget.Gateway ? "gateway" : "worker";
        try
        {
            var clock = Stopwatch.StartNew();
            var streams = await PrepareAsync(runId, target, deployed, cancellationToken).ConfigureAwait(false);
            var deploySeconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
            var baseUrl = target == PassTarget.Gateway ? _platform.Gateway : _platform.Worker!;
            var warmup = _scenario.Streams.Sum(stream => stream.WarmupCalls);
            _progress($"{label} pass: {_scenario.MeasuredCalls} measured calls{(warmup > 0 ? $" after {warmup} warm-up calls" : "")} through {baseUrl} ({_engine.Name} engine)");
            var recorder = await RunLoadAsync(new TargetsFile(runId, false, streams), cancellationToken).ConfigureAwait(false);
            var figures = recorder.Summarize();
            var instances = await CountInstancesAsync(deployed, cancellationToken).ConfigureAwait(false);
            var memory = _platform.ProcessId is { } pid ? VmMemoryProbe.Measure(pid) : null;
            var note = memory is null ? "the platform's process is not on this host" : memory.Count == 0 ? "no QEMU process under the platform's process" : null;
            _progress($"{label} pass: {figures.All.Ok}/{figures.All.Calls} calls succeeded; {instances} instances, {memory?.Count ?? 0} VM processes");
            return new PassReport(label, baseUrl.ToString(), deployed.Count, deploySeconds, figures, InstanceFigures.Of(instances, memory, note));
        }
        finally
        {
            await RemoveAsync(deployed).ConfigureAwait(false);
        }
    }

    private async Task<List<StreamTargets>> PrepareAsync(string runId, PassTarget target, List<(string ApiKey, string Name)> deployed, CancellationToken cancellationToken)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal) { [StreamPlan.DefaultTenant] = _platform.ApiKey };
        var streams = new List<StreamTargets>();
        foreach (var stream in _scenario.Streams)
        {
            var tenant = stream.TenantName(runId);
            if (!keys.TryGetValue(tenant, out var key))
            {
                _progress($"creating tenant {tenant}");
                key = (await _api.CreateTenantAsync(_platform.ApiKey, tenant, cancellationToken).ConfigureAwait(false)).ApiKey;
                keys[tenant] = key;
            }

            var names = stream.FunctionNames(runId);
            var urls = new List<string>();
            for (var i = 0; i < names.Count; i++)
            {
                if (i == 0 || (i + 1) % 10 == 0 || i == names.Count - 1)
                {
                    _progress($"deploying {names[i]} ({i + 1}/{names.Count}, {stream.Function.Image})");
                }

                var function = stream.Function;
                var version = await _api.DeployAsync(
                    key,
                    new DeployBody(names[i], function.Image, function.MinInstances, function.MaxInstances, function.MaxConcurrency, function.KeepAlive, function.Memory),
                    cancellationToken).ConfigureAwait(false);
                deployed.Add((key, names[i]));
                urls.Add(target == PassTarget.Gateway
                    ? $"{_platform.Gateway.ToString().TrimEnd('/')}/function/{names[i]}{function.Path}"
                    : await WorkerUrlAsync(key, names[i], version, function.Path, cancellationToken).ConfigureAwait(false));
            }

            streams.Add(target == PassTarget.Gateway
                ? new StreamTargets(tenant, key, names, urls)
                : new StreamTargets(tenant, null, names, urls, _platform.WorkerKey));
        }

        return streams;
    }

    /// <summary>The worker knows a version of a function as "{name}--{version}" under its tenant (the gateway's namespace field).</summary>
    private async Task<string> WorkerUrlAsync(string key, string name, int version, string path, CancellationToken cancellationToken)
    {
        var function = await _api.DescribeAsync(key, name, cancellationToken).ConfigureAwait(false);
        var worker = _platform.Worker ?? throw new LoadTestException("the worker's endpoint is not known");
        return $"{worker.ToString().TrimEnd('/')}/{function.Namespace}/{name}--{version.ToString(CultureInfo.InvariantCulture)}{path}";
    }

    private async Task<LatencyRecorder> RunLoadAsync(TargetsFile targets, CancellationToken cancellationToken)
    {
        if (_engine.K6Path is { } k6)
        {
            var work = Directory.CreateTempSubdirectory("faas-k6-");
            try
            {
                return await new K6Engine(k6, _progress).RunAsync(_scriptPath, targets, _overrides, work.FullName, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                work.Delete(recursive: true);
            }
        }

        var callTargets = targets.Streams
            .Select(stream => (IReadOnlyList<CallTarget>)[.. stream.Urls.Select(url => new CallTarget(new Uri(url), stream.ApiKey, stream.WorkerKey))])
            .ToList();
        using var sender = new HttpCallSender(_scenario.Timeout);
        var engine = new OpenLoopEngine(sender, _scenario.Concurrency);
        return await engine.RunAsync(CallPlan.Build(_scenario, callTargets), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Instances the gateway lists for the pass's functions, asked with each tenant's own key.</summary>
    private async Task<int> CountInstancesAsync(List<(string ApiKey, string Name)> deployed, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var tenant in deployed.GroupBy(function => function.ApiKey, StringComparer.Ordinal))
        {
            var ours = tenant.Select(function => function.Name).ToHashSet(StringComparer.Ordinal);
            var functions = await _api.ListAsync(tenant.Key, cancellationToken).ConfigureAwait(false);
            count += functions.Where(function => ours.Contains(function.Name)).Sum(function => function.Instances.Count);
        }

        return count;
    }

    private async Task RemoveAsync(List<(string ApiKey, string Name)> deployed)
    {
        if (deployed.Count > 0)
        {
            _progress($"removing the {deployed.Count} function(s) of the pass");
        }

        foreach (var (key, name) in deployed)
        {
            try
            {
                await _api.RemoveAsync(key, name, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is GatewayApiException or HttpRequestException)
            {
                _progress($"could not remove {name}: {e.Message}");
            }
        }
    }
}
