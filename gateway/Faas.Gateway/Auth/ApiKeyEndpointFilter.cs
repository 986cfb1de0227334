using Faas.Gateway.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Faas.Gateway.Auth;

/// <summary>
/// Guards the system API: authenticates the request's API key (401/503 problems otherwise), refuses non-admin keys on
/// endpoints marked <see cref="AdminOnly"/> (403), and turns a scheduler that cannot be reached into a 503 problem and any
/// other failure into a 500 problem.
/// </summary>
public sealed partial class ApiKeyEndpointFilter(TenantAuthenticator authenticator, ILogger<ApiKeyEndpointFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var authentication = await authenticator.AuthenticateAsync(http.Request).ConfigureAwait(false);
        if (!authentication.Succeeded)
        {
            return TenantAuthenticator.Problem(authentication.Failure);
        }

        if (!authentication.Identity.IsAdmin && http.GetEndpoint()?.Metadata.GetMetadata<AdminOnly>() is not null)
        {
            return GatewayProblem.Of(403, "Forbidden", "this operation needs an admin API key");
        }

        http.SetTenant(authentication.Identity);
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (SchedulerFailures.IsUnavailable(e) && !http.Response.HasStarted)
        {
            LogSchedulerFailure(logger, http.Request.Method, http.Request.Path, e);
            return SchedulerFailures.Problem(e);
        }
        catch (Exception e) when (e is not OperationCanceledException && !http.Response.HasStarted)
        {
            LogUnexpectedFailure(logger, http.Request.Method, http.Request.Path, e);
            return GatewayProblem.Of(500, "Internal error", "the gateway failed to handle the request");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the scheduler did not answer")]
    private static partial void LogSchedulerFailure(ILogger logger, string method, PathString path, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogUnexpectedFailure(ILogger logger, string method, PathString path, Exception exception);
}
