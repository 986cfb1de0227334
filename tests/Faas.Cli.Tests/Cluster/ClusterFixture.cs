using Faas.Cli.Hosting;
using Faas.Cli.Tests.Support;

namespace Faas.Cli.Tests.Cluster;

/// <summary>
/// One cluster for the cluster tests, as separate processes on loopback: real PostgreSQL and Redis in temporary data directories,
/// a scheduler, a gateway and two workers (each with its own image and snapshot cache), over the samples in the loopback registry.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly SampleImages _samples = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("faas-cluster-").FullName;
    private LocalCluster? _cluster;

    public LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster is not started");

    public string ApiKey { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await _samples.InitializeAsync();
        _cluster = await LocalCluster.StartAsync(
            new LocalClusterOptions
            {
                DataDirectory = _dataDirectory,
                Workers = 2,
                GatewayUrl = "http://127.0.0.1:0",
                WorkerMemoryCapacityMiB = 2048,
                Executable = FaasExecutable.FromDirectory(AppContext.BaseDirectory),
            },
            CancellationToken.None);
        ApiKey = (await File.ReadAllTextAsync(_cluster.ApiKeyPath)).Trim();
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Cluster.Gateway, Timeout = TimeSpan.FromSeconds(90) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        string? postgres = null;
        if (_cluster is not null)
        {
            postgres = _cluster.PostgresDirectory();
            await _cluster.DisposeAsync();
        }

        await _samples.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
        if (postgres is not null && Directory.Exists(postgres))
        {
            Directory.Delete(Path.GetDirectoryName(postgres)!, recursive: true);
        }
    }
}
