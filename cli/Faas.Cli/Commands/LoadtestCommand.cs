using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Faas.Cli.Client;
using Faas.Common.Durations;
using Faas.LoadTest.K6;
using Faas.LoadTest.Platform;
using Faas.LoadTest.Reports;
using Faas.LoadTest.Runner;
using Faas.LoadTest.Scenarios;

namespace Faas.Cli.Commands;

/// <summary>faas loadtest: cold-start latency under load, by start kind, as a user of the platform would measure it.</summary>
public static class LoadtestCommand
{
    private const string CompareGatewayVsWorker = "gateway-vs-worker";

    private const string Help = """
        Measure the platform under load, the way its users see it: latency by start kind (X-Faas-Start: warm, restore,
        boot), percentiles, throughput and errors by status, then the instances left and the memory (PSS) of each VM.
        Scenarios are the files in loadtest/scenarios/, shared with the k6 scripts in loadtest/:
          cold    every call needs a new instance (one function per call from one image): restores under load
          burst   0 -> N calls at the same instant on one function whose maxInstances is at least N
          steady  a constant arrival rate on a function kept warm
          mixed   several tenants at once, each with its own key, function and rate
        Without --gateway it starts `faas up` for the run (own data directory, free loopback ports) once per backend that
        runs Linux guests here, and stops it afterwards. The engine is k6 when it is on PATH, else a built-in open-loop
        engine; both time each call from its intended start (coordinated omission accounted for). The report says which.
        Functions are deployed under names of their own for each pass and removed afterwards.

        Examples:
          faas loadtest cold
          faas loadtest burst --concurrency 20 --markdown burst.md --svg burst.svg
          faas loadtest steady --rate 20 --duration 1m --compare gateway-vs-worker
          faas loadtest cold --rate 0.5 --duration 30s --json > cold.json
          FAAS_API_KEY=... FAAS_WORKER_KEY=... faas loadtest mixed --gateway http://127.0.0.1:8080 --worker http://127.0.0.1:8081 --compare gateway-vs-worker
          faas loadtest steady --engine k6
        """;

    private static readonly JsonSerializerOptions JsonOptions = new(ReportJsonContext.Default.Options) { WriteIndented = true };

    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario: cold, burst, steady, mixed (a file in loadtest/scenarios/)" };
        var engine = new Option<string>("--engine")
        {
            Description = "auto (k6 when on PATH, else builtin), builtin or k6",
            DefaultValueFactory = _ => "auto",
        }.AcceptOnlyFromAmong("auto", "builtin", "k6");
        var gateway = new Option<string?>("--gateway", "-g") { Description = "Test this running gateway instead of starting `faas up`" };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"The key for --gateway (default: ${ClientSettings.ApiKeyVariable}, else the key `faas up` saved); an admin key for scenarios with tenants of their own",
        };
        var worker = new Option<string?>("--worker") { Description = "The worker endpoint of the platform at --gateway (faas up --worker-listen), for --compare" };
        var duration = new Option<string?>("--duration") { Description = "The measured phase, e.g. 30s or 2m (default: the scenario's)" };
        var rate = new Option<double?>("--rate") { Description = "Calls per second of each stream (default: the scenario's)" };
        var concurrency = new Option<int?>("--concurrency") { Description = "Calls in flight at most; for burst, how many calls start at once (default: the scenario's)" };
        var compare = new Option<string?>("--compare") { Description = "gateway-vs-worker: run the scenario again straight against the worker's endpoint and show the gateway's overhead as a ratio" }
            .AcceptOnlyFromAmong(CompareGatewayVsWorker);
        var backend = new Option<string>("--backend")
        {
            Description = "Backend of the platform started for the run: all (every backend that runs Linux guests here), auto, qemu or kvm",
            DefaultValueFactory = _ => LoadTestOptions.AllBackends,
        }.AcceptOnlyFromAmong(LoadTestOptions.AllBackends, "auto", "qemu", "kvm");
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout (instead of markdown)" };
        var markdown = new Option<string?>("--markdown") { Description = "Also write the report as a markdown section to this file" };
        var svg = new Option<string?>("--svg") { Description = "Also write a chart of the latency percentiles by start kind to this SVG file" };
        duration.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && (!GoDuration.TryParse(text, out var value) || value <= TimeSpan.Zero))
            {
                result.AddError("--duration takes a positive duration such as 30s or 2m");
            }
        });
        rate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is <= 0)
            {
                result.AddError("--rate must be above 0");
            }
        });
        concurrency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--concurrency must be at least 1");
            }
        });

        var command = new Command("loadtest", Help) { scenario, engine, gateway, apiKey, worker, duration, rate, concurrency, compare, backend, json, markdown, svg };
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new LoadtestRequest(
                parse.GetValue(scenario)!,
                parse.GetValue(engine)!,
                parse.GetValue(gateway),
                parse.GetValue(apiKey),
                parse.GetValue(worker),
                parse.GetValue(duration),
                parse.GetValue(rate),
                parse.GetValue(concurrency),
                parse.GetValue(compare) == CompareGatewayVsWorker,
                parse.GetValue(backend)!,
                parse.GetValue(json),
                parse.GetValue(markdown),
                parse.GetValue(svg));
            return RunAsync(request, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(LoadtestRequest request, CancellationToken cancellationToken)
    {
        LoadTestOptions options;
        try
        {
            options = Options(request);
            LoadTestRunner.SelectEngine(options.Engine);
        }
        catch (K6NotFoundException e)
        {
            await Console.Error.WriteLineAsync($"faas: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (ClientSettingsException e)
        {
            await Console.Error.WriteLineAsync($"faas: {e.Message}");
            return ExitCodes.Usage;
        }

        try
        {
            var runner = new LoadTestRunner(FaasExecutable.FromCurrentProcess(), line => Console.Error.WriteLine($"faas: loadtest: {line}"));
            var report = await runner.RunAsync(options, cancellationToken);
            var svgLink = request.Svg is null ? null : SvgLink(request.Svg, request.Markdown);
            var markdown = MarkdownReportWriter.Write(report, svgLink);
            Console.WriteLine(request.Json ? JsonSerializer.Serialize(report, JsonOptions) : markdown.TrimEnd());
            if (request.Svg is { } svgPath)
            {
                await WriteFileAsync(svgPath, SvgChartWriter.Write(report), cancellationToken);
            }

            if (request.Markdown is { } markdownPath)
            {
                await WriteFileAsync(markdownPath, markdown, cancellationToken);
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (ScenarioException e)
        {
            await Console.Error.WriteLineAsync($"faas: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is LoadTestException or K6NotFoundException or K6RunException or PlatformStartException or GatewayApiException or HttpRequestException or IOException)
        {
            await Console.Error.WriteLineAsync($"faas: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static LoadTestOptions Options(LoadtestRequest request)
    {
        Uri? gateway = null;
        string? key = null;
        if (request.Gateway is not null)
        {
            var settings = ClientSettings.Resolve(request.Gateway, request.ApiKey);
            gateway = settings.Gateway;
            key = settings.ApiKey;
        }

        return new LoadTestOptions
        {
            Scenario = request.Scenario,
            Engine = request.Engine switch
            {
                "builtin" => EngineChoice.Builtin,
                "k6" => EngineChoice.K6,
                _ => EngineChoice.Auto,
            },
            Gateway = gateway,
            ApiKey = key,
            WorkerKey = Environment.GetEnvironmentVariable("FAAS_WORKER_KEY") is { Length: > 0 } workerKey ? workerKey : null,
            Worker = request.Worker is null ? null : new Uri(request.Worker.Contains("://", StringComparison.Ordinal) ? request.Worker : $"http://{request.Worker}"),
            Overrides = new ScenarioOverrides(request.Rate, request.Duration, request.Concurrency),
            CompareWithWorker = request.Compare,
            Backend = request.Backend,
            Command = CommandLine(request),
        };
    }

    /// <summary>The command that reproduces the run; a key is never part of it (it comes from $FAAS_API_KEY or the saved key).</summary>
    private static string CommandLine(LoadtestRequest request)
    {
        var parts = new List<string> { "./faas", "loadtest", request.Scenario };
        void Add(string option, string? value)
        {
            if (value is not null)
            {
                parts.Add(option);
                parts.Add(value);
            }
        }

        Add("--engine", request.Engine == "auto" ? null : request.Engine);
        Add("--gateway", request.Gateway);
        Add("--worker", request.Worker);
        Add("--rate", request.Rate?.ToString(CultureInfo.InvariantCulture));
        Add("--duration", request.Duration);
        Add("--concurrency", request.Concurrency?.ToString(CultureInfo.InvariantCulture));
        Add("--compare", request.Compare ? CompareGatewayVsWorker : null);
        Add("--backend", request.Backend == LoadTestOptions.AllBackends ? null : request.Backend);
        Add("--markdown", request.Markdown);
        Add("--svg", request.Svg);
        if (request.Json)
        {
            parts.Add("--json");
        }

        return string.Join(' ', parts);
    }

    private static async Task WriteFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, content, cancellationToken);
    }

    /// <summary>The chart's path as the markdown file links it: relative to the markdown's folder.</summary>
    private static string SvgLink(string svg, string? markdown)
    {
        var from = Path.GetDirectoryName(Path.GetFullPath(markdown ?? "report.md")) ?? ".";
        return Path.GetRelativePath(from, Path.GetFullPath(svg)).Replace('\\', '/');
    }

    private sealed record LoadtestRequest(
        string Scenario,
        string Engine,
        string? Gateway,
        string? ApiKey,
        string? Worker,
        string? Duration,
        double? Rate,
        int? Concurrency,
        bool Compare,
        string Backend,
        bool Json,
        string? Markdown,
        string? Svg);
}
