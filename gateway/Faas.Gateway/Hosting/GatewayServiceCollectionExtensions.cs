using Faas.Gateway.Async;
using Faas.Gateway.Auth;
using Faas.Gateway.Invocation;
using Faas.Gateway.Management;
using Faas.Gateway.Metrics;
using Faas.Gateway.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace Faas.Gateway.Hosting;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// The gateway's services: forwarding (YARP's <c>IHttpForwarder</c> over one shared client), API key authentication with its
    /// cache (shared on Redis when <see cref="GatewayOptions.Redis"/> is set), asynchronous invocations on Redis streams, the system API and the OpenTelemetry meters exported on <c>/metrics</c> (the gateway's, the scheduler's and the
    /// worker's). <see cref="IGrainFactory"/> comes from the host: an Orleans silo in the same process, or an Orleans client.
    /// </summary>
    public static IServiceCollection AddFaasGateway(this IServiceCollection services, Action<GatewayOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<GatewayOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddHttpForwarder();
        services.AddProblemDetails();
        services.AddSingleton<ForwarderClient>();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<AuthenticationCache>();
        services.AddSingleton<SharedAuthenticationCache>();
        services.AddHostedService<RevocationListener>();
        services.AddSingleton<TenantAuthenticator>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<InvocationHandler>();
        services.AddSingleton<DeployHandler>();
        services.AddSingleton<AsyncCallStore>();
        services.AddSingleton<AsyncMetrics>();
        services.AddSingleton<AsyncCallRunner>();
        services.AddSingleton<CallbackSender>();
        services.AddSingleton<AsyncInvocationHandler>();
        services.AddSingleton<AsyncConsumer>();
        services.AddHostedService(provider => provider.GetRequiredService<AsyncConsumer>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter([.. MeterNames.All])
            .AddPrometheusExporter());
        return services;
    }
}
