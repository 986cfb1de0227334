using System.Security.Cryptography;
using Faas.Common.Net;
using Faas.Gateway.Hosting;
using Faas.Scheduler.Hosting;
using Faas.Scheduler.Tenants;
using Faas.Worker.Http;
using Faas.Worker.Instances;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faas.Cli.Hosting;

/// <summary>
/// The whole platform in one process: the gateway (YARP) and an Orleans silo that is both scheduler and worker, on
/// localhost clustering, with grain state in files under the data directory, and the worker's invoke endpoint on loopback.
/// </summary>
public sealed class EmbeddedPlatform : IAsyncDisposable
{
    public const string WorkerId = "local";
    public const string ApiKeyFileName = "api-key";

    private readonly WebApplication _gateway;
    private readonly WebApplication _worker;
    private readonly InstanceManager _manager;

    private EmbeddedPlatform(WebApplication gateway, WebApplication worker, InstanceManager manager, string dataDirectory, VmLauncher launcher)
    {
        _gateway = gateway;
        _worker = worker;
        _manager = manager;
        DataDirectory = dataDirectory;
        Launcher = launcher;
    }

    public string DataDirectory { get; }

    public VmLauncher Launcher { get; }

    public string ApiKeyPath => Path.Combine(DataDirectory, ApiKeyFileName);

    public IReadOnlyList<Uri> GatewayAddresses => WorkerHost.Addresses(_gateway);

    public IReadOnlyList<Uri> WorkerAddresses => WorkerHost.Addresses(_worker);

    /// <summary>The first tenant's key when this start created it (shown once); null when tenants existed already.</summary>
    public string? NewApiKey { get; private set; }

    public static async Task<EmbeddedPlatform> StartAsync(EmbeddedPlatformOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDirectory = Hosting.DataDirectory.Resolve(options.DataDirectory);
        Directory.CreateDirectory(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var launcher = await VmLauncher.PrepareAsync(options.Backend, cancellationToken);
        var manager = launcher.CreateInstanceManager(snapshotCacheMiB: options.SnapshotCacheMiB);
        WebApplication? worker = null;
        WebApplication? gateway = null;
        try
        {
            // Even on loopback the worker answers only the gateway: another local user must not reach functions past the API keys.
            var workerKey = options.WorkerKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            worker = WorkerHost.Create(manager, new WorkerHostOptions { Urls = [options.WorkerUrl], WorkerKey = workerKey });
            await worker.StartAsync(cancellationToken);
            var workerUrl = WorkerHost.Addresses(worker)[0].ToString().TrimEnd('/');
            gateway = BuildGateway(options, dataDirectory, launcher, manager, workerUrl, workerKey);
            await gateway.StartAsync(cancellationToken);
            var platform = new EmbeddedPlatform(gateway, worker, manager, dataDirectory, launcher);
            await platform.EnsureFirstTenantAsync();
            return platform;
        }
        catch
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync();
            }

            if (worker is not null)
            {
                await worker.DisposeAsync();
            }

            await manager.DisposeAsync();
            launcher.Dispose();
            throw;
        }
    }

    /// <summary>Runs until SIGINT/SIGTERM or <paramref name="cancellationToken"/>.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _gateway.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // The gateway (and with it the silo) stops first, so no new call reaches the worker while its VMs stop.
        await _gateway.StopAsync(CancellationToken.None);
        await _gateway.DisposeAsync();
        await _worker.StopAsync(CancellationToken.None);
        await _worker.DisposeAsync();
        await _manager.DisposeAsync();
        Launcher.Dispose();
    }

    private static WebApplication BuildGateway(
        EmbeddedPlatformOptions options, string dataDirectory, VmLauncher launcher, InstanceManager manager, string workerUrl, string workerKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The silo's start-up advice (server GC on a multi-core host) is not actionable for an embedded single-process platform.
        builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        builder.WebHost.UseUrls([.. options.GatewayUrls]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddSingleton<IInstanceManager>(manager);
        builder.Services.AddFaasGateway(gateway =>
        {
            gateway.Redis = options.Redis;
            gateway.WorkerKey = workerKey;
        });
        var siloPort = options.SiloPort == 0 ? FreePort.Pick() : options.SiloPort;
        var clientPort = options.ClientGatewayPort == 0 ? FreePort.Pick() : options.ClientGatewayPort;
        var capacity = options.MemoryCapacityMiB ?? HostMemory.AvailableMiB() * 4 / 5;
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, clientPort)
            .AddFaasScheduler(scheduler =>
            {
                scheduler.DataDirectory = Path.Combine(dataDirectory, "state");
                scheduler.QueueWait = options.QueueWait;
            })
            .AddFaasWorker(new WorkerSiloOptions
            {
                WorkerId = WorkerId,
                Url = workerUrl,
                Backend = $"{launcher.Choice.Backend}/{launcher.Choice.Accelerator}",
                MemoryCapacityMiB = capacity,
            }));
        var app = builder.Build();
        app.MapFaasGateway();
        return app;
    }

    private async Task EnsureFirstTenantAsync() =>
        NewApiKey = await FirstTenant.EnsureAsync(_gateway.Services.GetRequiredService<IGrainFactory>(), ApiKeyPath);
}
