using Faas.Common.Net;
using Faas.Tests.Shared;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Faas.Gateway.Hosting;
using Faas.Gateway.Tests.Support;
using Faas.Guest.Artifacts;
using Faas.Scheduler.Hosting;
using Faas.Scheduler.Tenants;
using Faas.Scheduler.Workers;
using Faas.Vmm.Qemu;
using Faas.Worker.Http;
using Faas.Worker.Images;
using Faas.Worker.Instances;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faas.Gateway.Tests.Platform;

/// <summary>
/// The platform as <c>faas up</c> runs it, in this process: the gateway on a free loopback port, an Orleans silo (localhost
/// clustering, file-backed state in a private directory) with the real scheduler grains and a worker whose instance manager
/// boots the samples under QEMU (TCG) behind its own HTTP endpoint. Two tenants: "default" (admin) and "other".
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string WorkerId = "local";
    public const string SharedFunction = "hello";

    private readonly ConcurrentDictionary<string, Lazy<Task>> _deployed = new(StringComparer.Ordinal);
    private TemporaryDirectory? _directory;
    private InstanceManager? _manager;
    private WebApplication? _worker;
    private WebApplication? _gateway;
    private HttpClient? _client;
    private bool _startedRegistry;

    public InstanceManager Manager => _manager ?? throw NotStarted();

    public HttpClient Client => _client ?? throw NotStarted();

    public IGrainFactory Grains => _gateway?.Services.GetRequiredService<IGrainFactory>() ?? throw NotStarted();

    /// <summary>The key the worker requires; the gateway sends it with every call.</summary>
    public string WorkerKey { get; } = "gateway-tests-worker-key";

    /// <summary>The worker's own endpoint, which answers only requests with <see cref="WorkerKey"/>.</summary>
    public Uri WorkerUrl => WorkerHost.Addresses(_worker ?? throw NotStarted())[0];

    /// <summary>The key of "default", an admin tenant.</summary>
    public string AdminKey { get; private set; } = "";

    /// <summary>The key of "other", a tenant that is not an admin.</summary>
    public string OtherKey { get; private set; } = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _startedRegistry = await SampleImages.EnsureAsync();
        var guest = await new GuestArtifacts().EnsureAsync();
        _directory = new TemporaryDirectory("faas-gateway-tests-");
        _manager = new InstanceManager(
            new QemuBackend(new QemuOptions { Accelerator = QemuAccelerator.Tcg }),
            guest,
            new ImageStore(new ImageStoreOptions()),
            new InstanceManagerOptions { CacheRoot = Path.Combine(_directory.Path, "worker"), BackendKey = "qemu/tcg", QueueTimeout = TimeSpan.FromSeconds(60) });
        _worker = WorkerHost.Create(_manager, new WorkerHostOptions { Urls = ["http://127.0.0.1:0"], WorkerKey = WorkerKey });
        await _worker.StartAsync();
        var workerUrl = WorkerHost.Addresses(_worker)[0].ToString().TrimEnd('/');

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IInstanceManager>(_manager);
        builder.Services.AddFaasGateway(gateway =>
        {
            gateway.LogFollowPollInterval = TimeSpan.FromMilliseconds(200);
            gateway.WorkerKey = WorkerKey;
        });
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort.Pick(), FreePort.Pick())
            .AddFaasScheduler(scheduler =>
            {
                scheduler.DataDirectory = Path.Combine(_directory.Path, "state");
                scheduler.QueueWait = TimeSpan.FromSeconds(1);

                // Reconciling with the worker seldom, so that an instance stopped behind the scheduler's back is found by a call.
                scheduler.ReapInterval = TimeSpan.FromSeconds(30);
            })
            .AddFaasWorker(new WorkerSiloOptions
            {
                WorkerId = WorkerId,
                Url = workerUrl,
                MemoryCapacityMiB = 8192,
                HeartbeatInterval = TimeSpan.FromSeconds(1),
            }));
        _gateway = builder.Build();
        _gateway.MapFaasGateway();
        await _gateway.StartAsync();

        var directory = Grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);
        AdminKey = (await directory.EnsureFirstTenantAsync("default"))?.ApiKey ?? throw new InvalidOperationException("the fresh tenant directory already had tenants");
        OtherKey = (await directory.CreateTenantAsync("other", isAdmin: false)).Credential?.ApiKey ?? throw new InvalidOperationException("tenant 'other' was not created");
        _client = new HttpClient { BaseAddress = WorkerHost.Addresses(_gateway)[0], Timeout = TimeSpan.FromMinutes(5) };
        await WaitForWorkerAsync();
    }

    /// <summary>A request to the gateway with a tenant's key (none when null) and, optionally, a JSON body.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? key, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = Request(method, path, key, json);
        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
    }

    /// <summary>Deploys a busybox-http function as the admin tenant; fails the test when the gateway does not answer 201.</summary>
    public async Task DeployAsync(string name, string extraMembers = "")
    {
        var json = $$"""{"service":"{{name}}","image":"{{SampleImages.Reference(SampleImages.Busybox)}}"{{(extraMembers.Length > 0 ? "," + extraMembers : "")}}}""";
        using var response = await SendAsync(HttpMethod.Post, "/system/functions", AdminKey, json);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"deploy of {name}: {(int)response.StatusCode} {body}");
    }

    /// <summary>The function every test may call ("hello", busybox-http, admin tenant), deployed once.</summary>
    public Task EnsureSharedFunctionAsync() =>
        _deployed.GetOrAdd(SharedFunction, name => new Lazy<Task>(() => DeployAsync(name))).Value;

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }

        if (_worker is not null)
        {
            await _worker.StopAsync();
            await _worker.DisposeAsync();
        }

        if (_manager is not null)
        {
            await _manager.DisposeAsync();
        }

        _directory?.Dispose();
        if (_startedRegistry)
        {
            await SampleImages.StopRegistryAsync();
        }
    }

    private async Task WaitForWorkerAsync()
    {
        var registry = Grains.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.Key);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await registry.ListAsync()).Count == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the worker did not register with the scheduler within 60 s");
            }

            await Task.Delay(100);
        }
    }

    private static InvalidOperationException NotStarted() => new("the platform is not started");
}
