using System.Diagnostics;
using System.Text.RegularExpressions;
using Faas.LoadTest.HostInfo;
using Faas.LoadTest.K6;
using Faas.LoadTest.Platform;
using Faas.LoadTest.Reports;
using Faas.LoadTest.Scenarios;

namespace Faas.LoadTest.Runner;

/// <summary>
/// Runs a load test end to end: picks the engine, asks faas doctor which backends run Linux guests here, makes sure the sample
/// images are in the loopback registry, starts `faas up` per backend (or uses the gateway it was given), runs the gateway pass
/// and, with --compare, the worker pass, and returns the report.
/// </summary>
public sealed partial class LoadTestRunner
{
    private readonly FaasExecutable _faas;
    private readonly Action<string> _progress;

    public LoadTestRunner(FaasExecutable faas, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(faas);
        ArgumentNullException.ThrowIfNull(progress);
        _faas = faas;
        _progress = progress;
    }

    /// <summary>The engine for <paramref name="choice"/>: k6 when asked or when auto finds it on PATH.</summary>
    /// <exception cref="K6NotFoundException">k6 was asked for and is not on PATH.</exception>
    public static SelectedEngine SelectEngine(EngineChoice choice, string? pathVariable = null)
    {
        var k6 = choice == EngineChoice.Builtin ? null : K6Locator.Find(pathVariable);
        if (choice == EngineChoice.K6 && k6 is null)
        {
            throw new K6NotFoundException();
        }

        return k6 is not null
            ? new SelectedEngine(SelectedEngine.K6Name, $"k6 ({k6}) running the scenario's script in loadtest/; latency is the faas_latency trend, timed from each call's intended start", k6)
            : new SelectedEngine(
                SelectedEngine.BuiltinName,
                $"the built-in open-loop engine{(choice == EngineChoice.Auto ? " (k6 is not on PATH)" : "")}: calls start at their scheduled time whatever earlier calls are doing, latency is timed from that intended start (coordinated omission accounted for) and recorded in HdrHistogram",
                null);
    }

    /// <exception cref="ScenarioException">Unknown scenario or invalid file.</exception>
    /// <exception cref="K6NotFoundException">--engine k6 without k6.</exception>
    /// <exception cref="LoadTestException">Options that do not fit together.</exception>
    /// <exception cref="PlatformStartException">faas up did not start, or the samples did not build.</exception>
    /// <exception cref="GatewayApiException">The gateway refused a deploy or a tenant.</exception>
    public async Task<LoadTestReport> RunAsync(LoadTestOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var catalog = ScenarioCatalog.Locate();
        var scenario = catalog.Load(options.Scenario, options.Overrides);
        var engine = SelectEngine(options.Engine);
        if (engine.K6Path is not null && !File.Exists(catalog.ScriptPath(options.Scenario)))
        {
            throw new LoadTestException($"there is no k6 script {catalog.ScriptPath(options.Scenario)} for the scenario");
        }

        if (options.Gateway is not null && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new LoadTestException("--gateway needs an API key: --api-key or $FAAS_API_KEY");
        }

        if (options.Gateway is not null && options.CompareWithWorker && options.Worker is null)
        {
            throw new LoadTestException("--compare gateway-vs-worker against a running gateway needs its worker's endpoint: --worker URL (faas up --worker-listen)");
        }

        var survey = await DoctorProbe.RunAsync(_faas, cancellationToken).ConfigureAwait(false);
        await using var samples = await EnsureSamplesAsync(scenario, cancellationToken).ConfigureAwait(false);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var sampler = LoadAverageSampler.Start();
        var runs = new List<BackendRun>();
        await using (sampler.ConfigureAwait(false))
        {
            if (options.Gateway is { } gateway)
            {
                var target = new PlatformTarget(gateway, options.ApiKey!, options.Worker, gateway.IsLoopback ? ListeningSocketOwner.Find(gateway.Port) : null, options.WorkerKey);
                var reason = $"the running platform at {gateway}; {survey.DefaultBackend}/{survey.DefaultAccelerator} is what faas picks on this host";
                runs.Add(await RunBackendAsync(survey.DefaultBackend, survey.DefaultAccelerator, reason, target, scenario, engine, catalog, options, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                var backends = options.Backend == LoadTestOptions.AllBackends ? survey.LinuxBackends : [options.Backend];
                if (backends.Count == 0)
                {
                    throw new LoadTestException($"no backend can run Linux guests here: {survey.Note}");
                }

                foreach (var backend in backends)
                {
                    runs.Add(await RunOnNewPlatformAsync(backend, scenario, engine, catalog, options, backends.Count > 1, cancellationToken).ConfigureAwait(false));
                }
            }

            var loadAverage = await sampler.StopAsync().ConfigureAwait(false);
            return new LoadTestReport(
                options.Scenario,
                scenario.Description,
                engine.Name,
                engine.Detail,
                options.Command,
                startedAt,
                Math.Round(clock.Elapsed.TotalSeconds, 1),
                survey.Machine,
                loadAverage,
                ScenarioSettings.Of(scenario),
                runs,
                survey.Note);
        }
    }

    private async Task<BackendRun> RunOnNewPlatformAsync(
        string backend, Scenario scenario, SelectedEngine engine, ScenarioCatalog catalog, LoadTestOptions options, bool keepGoing, CancellationToken cancellationToken)
    {
        _progress($"starting faas up --backend {backend}");
        PlatformProcess platform;
        try
        {
            platform = await PlatformProcess.StartAsync(_faas, backend, _progress, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformStartException e) when (keepGoing)
        {
            return new BackendRun(backend, "?", "", [], [], e.Message);
        }

        await using (platform.ConfigureAwait(false))
        {
            var (name, accelerator, reason) = ParseBackendLine(platform.BackendLine, backend);
            var target = new PlatformTarget(platform.Gateway, platform.ApiKey, platform.Worker, platform.ProcessId, platform.WorkerKey);
            return await RunBackendAsync(name, accelerator, reason, target, scenario, engine, catalog, options, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<BackendRun> RunBackendAsync(
        string backend,
        string accelerator,
        string reason,
        PlatformTarget target,
        Scenario scenario,
        SelectedEngine engine,
        ScenarioCatalog catalog,
        LoadTestOptions options,
        CancellationToken cancellationToken)
    {
        using var api = new GatewayApi(target.Gateway);
        var runner = new PassRunner(api, target, scenario, engine, catalog.ScriptPath(options.Scenario), options.Overrides, _progress);
        var passes = new List<PassReport> { await runner.RunAsync(PassTarget.Gateway, cancellationToken).ConfigureAwait(false) };
        if (options.CompareWithWorker)
        {
            passes.Add(await runner.RunAsync(PassTarget.Worker, cancellationToken).ConfigureAwait(false));
        }

        var overhead = passes.Count == 2 ? OverheadFigures.Compare(passes[0], passes[1]) : [];
        return new BackendRun(backend, accelerator, reason, passes, overhead);
    }

    private async Task<SampleImages?> EnsureSamplesAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(ScenarioCatalog.SourceDirectoryVariable) is not { Length: > 0 } repository
            || !Directory.Exists(Path.Combine(repository, "functions-samples"))
            || !SampleImages.NeedsSamples(scenario.Streams.Select(stream => stream.Function.Image)))
        {
            return null;
        }

        _progress("making sure the sample images are in the loopback registry (functions-samples/build-all.sh)");
        var samples = new SampleImages(repository);
        try
        {
            await samples.EnsureAsync(cancellationToken).ConfigureAwait(false);
            return samples;
        }
        catch
        {
            await samples.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>"qemu/tcg (reason)", from faas up's start-up line.</summary>
    private static (string Backend, string Accelerator, string Reason) ParseBackendLine(string? line, string requested)
    {
        var match = line is null ? null : BackendLine().Match(line);
        return match is { Success: true }
            ? (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value)
            : (requested, "?", line ?? "");
    }

    [GeneratedRegex(@"^([^/\s]+)/(\S+) \((.*)\)$")]
    private static partial Regex BackendLine();
}
