using System.Globalization;
using Faas.Common.Names;
using Faas.Gateway.Auth;
using Faas.Gateway.Hosting;
using Faas.Gateway.Http;
using Faas.Gateway.Invocation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Faas.Gateway.Async;

/// <summary>
/// <c>/async-function/{name}[/{**path}]</c>: authenticates the tenant like <c>/function</c>, keeps the request (method, target,
/// headers, body up to <see cref="AsyncOptions.MaxRequestBodyBytes"/>) in the Redis stream and answers <c>202 Accepted</c>
/// with the call's id, in the body, <c>X-Call-Id</c> and <c>Location: /system/async/{id}</c>.
/// </summary>
public sealed partial class AsyncInvocationHandler(
    AsyncCallStore queue,
    TenantAuthenticator authenticator,
    AsyncMetrics metrics,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<AsyncInvocationHandler> logger)
{
    private readonly AsyncOptions _options = options.Value.Async;

    public async Task EnqueueAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = await TryEnqueueAsync(context).ConfigureAwait(false);
        if (problem is not null)
        {
            await problem.ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    private async Task<GatewayProblem?> TryEnqueueAsync(HttpContext context)
    {
        var name = context.Request.RouteValues["name"] as string ?? "";
        if (!queue.IsConfigured)
        {
            return GatewayProblem.Of(503, "Asynchronous invocations unavailable", "asynchronous invocations need Redis (--redis / FAAS_REDIS)", name);
        }

        var authentication = await authenticator.AuthenticateAsync(context.Request).ConfigureAwait(false);
        if (!authentication.Succeeded)
        {
            return TenantAuthenticator.Problem(authentication.Failure);
        }

        if (!DnsLabel.IsFunctionName(name))
        {
            return LeaseProblems.NotFound(name);
        }

        var callback = context.Request.Headers[AsyncRequestHeaders.CallbackUrl].ToString();
        if (callback.Length > 0 && CallbackUrls.Check(callback) is { } refused)
        {
            return GatewayProblem.Of(400, "Invalid callback URL", refused, name);
        }

        if (context.Request.ContentLength > _options.MaxRequestBodyBytes)
        {
            return TooLarge(name);
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request, _options.MaxRequestBodyBytes + 1, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(name);
        }

        if (body.Length > _options.MaxRequestBodyBytes)
        {
            return TooLarge(name);
        }

        var id = CallIds.Next();
        var message = new AsyncCallMessage(
            id,
            authentication.Identity.Tenant,
            name,
            context.Request.Method,
            AsyncTarget.RestOf(context, name),
            AsyncRequestHeaders.Kept(context.Request.Headers),
            body,
            callback.Length > 0 ? callback : null,
            time.GetUtcNow());
        try
        {
            await queue.EnqueueAsync(message).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            LogEnqueueFailed(logger, id, e);
            return GatewayProblem.Of(503, "Redis unavailable", "the asynchronous call could not be queued: Redis does not answer", name) with
            {
                RetryAfterSeconds = options.Value.RetryAfterSeconds,
            };
        }

        metrics.RecordEnqueued();
        LogEnqueued(logger, id, message.Tenant, name, message.Method, body.Length);
        var headers = context.Response.Headers;
        headers[GatewayHeaders.CallId] = id;
        headers.Location = $"/system/async/{id}";
        await TypedResults.Json(new AsyncAcceptedView(id), AsyncJsonContext.Default.AsyncAcceptedView, statusCode: StatusCodes.Status202Accepted)
            .ExecuteAsync(context).ConfigureAwait(false);
        return null;
    }

    private GatewayProblem TooLarge(string name) =>
        GatewayProblem.Of(413, "Request too large", $"an asynchronous call's body may not exceed {_options.MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture)} bytes", name);

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (buffer.Length < limit)
        {
            var read = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asynchronous call {CallId} {Tenant}/{Function} {Method} queued ({Bytes} bytes)")]
    private static partial void LogEnqueued(ILogger logger, string callId, string tenant, string function, string method, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asynchronous call {CallId} could not be queued")]
    private static partial void LogEnqueueFailed(ILogger logger, string callId, Exception exception);
}
