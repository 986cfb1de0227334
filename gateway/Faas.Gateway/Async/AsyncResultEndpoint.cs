using System.Text;
using Faas.Gateway.Auth;
using Faas.Gateway.Http;
using Microsoft.AspNetCore.Http;
using StackExchange.Redis;

namespace Faas.Gateway.Async;

/// <summary>
/// <c>GET /system/async/{id}</c>: 200 with the result once the call finished, 202 with its status and attempts until then,
/// 404 for an id that is unknown, expired or another tenant's.
/// </summary>
public static class AsyncResultEndpoint
{
    public static async Task<IResult> GetAsync(string id, HttpContext context, AsyncCallStore queue)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(queue);
        if (!queue.IsConfigured)
        {
            return GatewayProblem.Of(503, "Asynchronous invocations unavailable", "asynchronous invocations need Redis (--redis / FAAS_REDIS)");
        }

        AsyncCallState? state = null;
        try
        {
            if (IsCallId(id))
            {
                state = await queue.GetAsync(id).ConfigureAwait(false);
            }
        }
        catch (RedisException)
        {
            return GatewayProblem.Of(503, "Redis unavailable", "the state of asynchronous calls cannot be read: Redis does not answer");
        }

        if (state is null || state.Tenant != context.GetTenant().Tenant)
        {
            return GatewayProblem.Of(404, "Not found", $"there is no asynchronous call {id}");
        }

        return state.ResultJson is { } result
            ? TypedResults.Text(result, "application/json", Encoding.UTF8)
            : TypedResults.Json(new AsyncStatusView(id, state.Status, state.Attempts), AsyncJsonContext.Default.AsyncStatusView, statusCode: StatusCodes.Status202Accepted);
    }

    private static bool IsCallId(string id) => id.Length == 16 && id.All(char.IsAsciiHexDigitLower);
}
