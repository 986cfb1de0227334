using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Gateway.Invocation;

/// <summary>Maps <c>/function/{name}</c> and <c>/function/{name}/{**path}</c>, any method, to <see cref="InvocationHandler"/>.</summary>
public static class InvocationEndpoints
{
    public static void MapInvocation(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var handler = endpoints.ServiceProvider.GetRequiredService<InvocationHandler>();
        endpoints.Map("/function/{name}", handler.InvokeAsync).WithDisplayName("Invoke function");
        endpoints.Map("/function/{name}/{**path}", handler.InvokeAsync).WithDisplayName("Invoke function path");
    }
}
