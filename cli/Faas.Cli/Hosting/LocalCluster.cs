using System.Globalization;
using CliWrap;
using Faas.Common.Net;

namespace Faas.Cli.Hosting;

/// <summary>
/// The cluster topology as processes on loopback: PostgreSQL, Redis, a scheduler, a gateway and workers, each host a child
/// <c>faas</c> process configured through FAAS_ variables exactly as in a deployment.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly LocalClusterOptions _options;
    private readonly Dictionary<string, string?> _environment;
    private readonly List<ClusterProcess?> _workers = [];
    private ClusterProcess? _postgres;
    private ClusterProcess? _redis;

    private LocalCluster(LocalClusterOptions options)
    {
        _options = options;
        _environment = new Dictionary<string, string?>(StringComparer.Ordinal);
    }

    public string DataDirectory => _options.DataDirectory;

    public string PostgresConnectionString { get; private set; } = "";

    public string RedisAddress { get; private set; } = "";

    public Uri Gateway { get; private set; } = new("http://127.0.0.1");

    public ClusterProcess? Scheduler { get; private set; }

    public ClusterProcess? GatewayProcess { get; private set; }

    public IReadOnlyList<ClusterProcess?> Workers => _workers;

    public IReadOnlyList<string> WorkerUrls { get; private set; } = [];

    public string SchedulerMetrics { get; private set; } = "";

    /// <summary>The key the workers require, chosen for this cluster's run and given to the gateway and the workers only.</summary>
    public string WorkerKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public string ApiKeyPath => Path.Combine(DataDirectory, EmbeddedPlatform.ApiKeyFileName);

    public static async Task<LocalCluster> StartAsync(LocalClusterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cluster = new LocalCluster(options);
        try
        {
            await cluster.StartAllAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the scheduler (SIGTERM); the other hosts keep running without it.</summary>
    public async Task StopSchedulerAsync()
    {
        if (Scheduler is not null)
        {
            await Scheduler.DisposeAsync().ConfigureAwait(false);
            Scheduler = null;
        }
    }

    /// <summary>Starts the scheduler with the same settings after <see cref="StopSchedulerAsync"/>.</summary>
    public async Task StartSchedulerAgainAsync(CancellationToken cancellationToken) =>
        Scheduler ??= await StartSchedulerAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Kills worker <paramref name="index"/> with SIGKILL, as when its machine dies.</summary>
    public async Task KillWorkerAsync(int index)
    {
        if (_workers[index] is { } worker)
        {
            await worker.KillAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts worker <paramref name="index"/> again (after it was killed) with its id, endpoint and cache.</summary>
    public async Task RestartWorkerAsync(int index, CancellationToken cancellationToken)
    {
        if (_workers[index] is { } worker)
        {
            await worker.DisposeAsync().ConfigureAwait(false);
        }

        _workers[index] = await StartWorkerAsync(index, WorkerUrls[index], cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // Entry points first, then the hosts behind them, the databases last.
        if (GatewayProcess is not null)
        {
            await GatewayProcess.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_workers.Where(worker => worker is not null).Select(worker => worker!.DisposeAsync().AsTask())).ConfigureAwait(false);
        if (Scheduler is not null)
        {
            await Scheduler.DisposeAsync().ConfigureAwait(false);
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync().ConfigureAwait(false);
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        var root = Path.Combine(DataDirectory, "cluster");
        Directory.CreateDirectory(root);
        (_postgres, PostgresConnectionString) = await PortClash.RetryAsync(
            () => LocalPostgres.StartAsync(PostgresDirectory(), FreePort.Pick(), cancellationToken)).ConfigureAwait(false);
        (_redis, RedisAddress) = await PortClash.RetryAsync(
            () => LocalRedis.StartAsync(Path.Combine(root, "redis"), FreePort.Pick(), cancellationToken)).ConfigureAwait(false);
        _environment["FAAS_POSTGRES"] = PostgresConnectionString;
        _environment["FAAS_REDIS"] = RedisAddress;
        _environment["FAAS_CLUSTER_ID"] = ClusterOptions.DefaultClusterId;
        _environment["FAAS_ADVERTISE"] = "127.0.0.1";
        _environment["FAAS_WORKER_KEY"] = WorkerKey;
        Scheduler = await PortClash.RetryAsync(() => StartSchedulerAsync(cancellationToken)).ConfigureAwait(false);
        var urls = new List<string>();
        for (var index = 0; index < _options.Workers; index++)
        {
            var workerIndex = index;
            var url = "";
            _workers.Add(await PortClash.RetryAsync(() =>
            {
                url = $"http://127.0.0.1:{FreePort.Pick()}";
                return StartWorkerAsync(workerIndex, url, cancellationToken);
            }).ConfigureAwait(false));
            urls.Add(url);
        }

        WorkerUrls = urls;
        var gatewayUrl = "";
        GatewayProcess = await PortClash.RetryAsync(() =>
        {
            // A port the user chose is kept (a clash then fails clearly); only a picked one is picked again.
            gatewayUrl = ResolvePort(_options.GatewayUrl);
            return StartHostAsync("gateway", ["gateway", "--listen", gatewayUrl, "--data-dir", DataDirectory], new Dictionary<string, string?>(), "faas: gateway ready", cancellationToken);
        }).ConfigureAwait(false);
        Gateway = new Uri(gatewayUrl);
    }

    private async Task<ClusterProcess> StartSchedulerAsync(CancellationToken cancellationToken)
    {
        SchedulerMetrics = $"http://127.0.0.1:{FreePort.Pick()}";
        var environment = new Dictionary<string, string?>
        {
            ["FAAS_SILO_PORT"] = FreePort.Pick().ToString(CultureInfo.InvariantCulture),
            ["FAAS_SILO_GATEWAY_PORT"] = FreePort.Pick().ToString(CultureInfo.InvariantCulture),
            ["FAAS_LISTEN"] = SchedulerMetrics,
        };
        return await StartHostAsync("scheduler", ["scheduler"], environment, "faas: scheduler ready", cancellationToken).ConfigureAwait(false);
    }

    private Task<ClusterProcess> StartWorkerAsync(int index, string url, CancellationToken cancellationToken)
    {
        var name = $"worker-{index + 1}";
        var environment = new Dictionary<string, string?>
        {
            ["FAAS_WORKER_ID"] = name,
            ["FAAS_LISTEN"] = url,
            ["FAAS_SILO_PORT"] = FreePort.Pick().ToString(CultureInfo.InvariantCulture),
            ["FAAS_SILO_GATEWAY_PORT"] = FreePort.Pick().ToString(CultureInfo.InvariantCulture),
            // Each worker keeps its own images and snapshots, as on separate machines.
            ["FAAS_METRICS_LISTEN"] = "http://127.0.0.1:0",
            ["FAAS_WORKER_CACHE_DIR"] = Path.Combine(DataDirectory, "cluster", name, "cache"),
            ["FAAS_BACKEND"] = _options.Backend,
            ["FAAS_MEMORY_CAPACITY"] = _options.WorkerMemoryCapacityMiB?.ToString(CultureInfo.InvariantCulture),
        };
        return StartHostAsync(name, ["worker", "--cluster"], environment, "faas: worker ready", cancellationToken);
    }

    private Task<ClusterProcess> StartHostAsync(string name, string[] arguments, Dictionary<string, string?> environment, string readyLine, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string?>(_environment, StringComparer.Ordinal);
        foreach (var (key, value) in environment.Where(entry => entry.Value is not null))
        {
            variables[key] = value;
        }

        var command = ParentBoundCommand.Wrap(_options.Executable.Path, [.. _options.Executable.Prefix, .. arguments])
            .WithEnvironmentVariables(variables);
        return ClusterProcess.StartAsync(name, command, line => line.StartsWith(readyLine, StringComparison.Ordinal), _options.StartTimeout, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL's data. As root the server runs as the postgres user, which cannot enter a private home directory, so its data
    /// goes under /var/lib/faas-cluster (one folder per faas data directory).
    /// </summary>
    public string PostgresDirectory() => PostgresDirectoryOf(DataDirectory);

    /// <inheritdoc cref="PostgresDirectory()"/>
    public static string PostgresDirectoryOf(string dataDirectory)
    {
        if (Environment.UserName != "root")
        {
            return Path.Combine(dataDirectory, "cluster", "postgres");
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..12];
        return Path.Combine("/var/lib/faas-cluster", hash, "postgres");
    }

    private static string ResolvePort(string url)
    {
        var uri = new Uri(url);
        return uri.Port == 0 ? $"{uri.Scheme}://{uri.Host}:{FreePort.Pick()}" : url.TrimEnd('/');
    }
}
