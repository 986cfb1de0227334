using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Gateway.Async;

/// <summary>
/// Maps <c>/async-function/{name}[/{**path}]</c> (any method) to <see cref="AsyncInvocationHandler"/>, and, on the system
/// group, <c>GET /system/async/{id}</c>.
/// </summary>
public static class AsyncEndpoints
{
    public static void MapAsyncInvocation(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var handler = endpoints.ServiceProvider.GetRequiredService<AsyncInvocationHandler>();
        endpoints.Map("/async-function/{name}", handler.EnqueueAsync).WithDisplayName("Invoke function asynchronously");
        endpoints.Map("/async-function/{name}/{**path}", handler.EnqueueAsync).WithDisplayName("Invoke function path asynchronously");
    }

    public static void MapAsyncResults(this IEndpointRouteBuilder system)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.MapGet("/async/{id}", AsyncResultEndpoint.GetAsync);
    }
}
