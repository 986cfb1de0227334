using Faas.Gateway.Http;
using Faas.Gateway.Routing;
using Faas.Scheduler.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Faas.Gateway.Auth;

/// <summary>
/// Finds the tenant of a request's API key: hashed, looked up in the in-memory cache, then in the cache shared by the gateways
/// (Redis, when configured), else asked of the tenant directory.
/// </summary>
public sealed partial class TenantAuthenticator(IGrainFactory grains, AuthenticationCache cache, SharedAuthenticationCache shared, ILogger<TenantAuthenticator> logger)
{
    public async ValueTask<AuthenticationResult> AuthenticateAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BearerToken.Parse(request.Headers.Authorization) is not { } key)
        {
            return AuthenticationResult.Failed(AuthenticationFailure.MissingKey);
        }

        var hash = ApiKeyHasher.Hash(key);
        if (!cache.TryGet(hash, out var identity))
        {
            var (found, sharedIdentity) = await shared.TryGetAsync(hash).ConfigureAwait(false);
            if (found)
            {
                cache.Set(hash, sharedIdentity);
                return sharedIdentity is null ? AuthenticationResult.Failed(AuthenticationFailure.UnknownKey) : AuthenticationResult.Of(sharedIdentity);
            }

            try
            {
                identity = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).AuthenticateAsync(hash).ConfigureAwait(false);
            }
            catch (Exception e) when (SchedulerFailures.IsUnavailable(e))
            {
                LogDirectoryUnavailable(logger, e);
                return AuthenticationResult.Failed(AuthenticationFailure.DirectoryUnavailable);
            }

            cache.Set(hash, identity);
            await shared.SetAsync(hash, identity).ConfigureAwait(false);
        }

        return identity is null ? AuthenticationResult.Failed(AuthenticationFailure.UnknownKey) : AuthenticationResult.Of(identity);
    }

    public static GatewayProblem Problem(AuthenticationFailure failure) => failure switch
    {
        AuthenticationFailure.MissingKey => GatewayProblem.Of(401, "Unauthorized", "an API key is required: send 'Authorization: Bearer <key>'") with { ChallengeBearer = true },
        AuthenticationFailure.UnknownKey => GatewayProblem.Of(401, "Unauthorized", "the API key is not valid") with { ChallengeBearer = true },
        _ => GatewayProblem.Of(503, "Scheduler unavailable", "the tenant directory cannot be reached; try again shortly"),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tenant directory did not answer an authentication")]
    private static partial void LogDirectoryUnavailable(ILogger logger, Exception exception);
}
