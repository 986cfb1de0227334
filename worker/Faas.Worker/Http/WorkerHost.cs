using Faas.Worker.Instances;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Faas.Worker.Http;

/// <summary>The worker's HTTP server: the invoke endpoint the gateway forwards to, and the local control API.</summary>
public static class WorkerHost
{
    /// <summary>Builds the server over <paramref name="manager"/>; start it with <c>StartAsync</c> (or <c>RunAsync</c>).</summary>
    public static WebApplication Create(IInstanceManager manager, WorkerHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manager);
        options ??= new WorkerHostOptions();
        if (string.IsNullOrEmpty(options.WorkerKey) && options.Urls.FirstOrDefault(url => !ListenAddresses.IsLoopback(url)) is { } exposed)
        {
            throw new ArgumentException(
                $"the worker would listen on {exposed}, beyond loopback, without a worker key: set one (FAAS_WORKER_KEY) so only the platform can call it",
                nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(manager);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WorkerJsonContext.Default));
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var app = builder.Build();
        if (!string.IsNullOrEmpty(options.WorkerKey))
        {
            app.UseMiddleware<WorkerKeyCheck>(options.WorkerKey);
        }

        app.MapControl();
        app.MapInvoke();
        return app;
    }

    /// <summary>The addresses the server listens on once started (with the real port when 0 was asked for).</summary>
    public static IReadOnlyList<Uri> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return [.. addresses.Select(address => new Uri(address))];
    }
}
