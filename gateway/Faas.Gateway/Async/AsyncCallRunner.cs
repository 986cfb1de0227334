using Faas.Gateway.Hosting;
using Faas.Gateway.Http;
using Faas.Gateway.Invocation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Faas.Gateway.Async;

/// <summary>
/// Runs one queued call through the same lease and forwarding path as a synchronous call (<see cref="InvocationHandler"/>),
/// on a request rebuilt from the queue, with the response captured in memory.
/// </summary>
public sealed class AsyncCallRunner(InvocationHandler handler, IServiceProvider services, IOptions<GatewayOptions> options)
{
    private readonly int _maxResponseBytes = options.Value.Async.MaxResponseBodyBytes;

    internal async Task<AsyncAttempt> RunAsync(AsyncCallMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = cancellationToken };
        var request = context.Request;
        request.Method = message.Method;
        request.Scheme = "http";
        request.Protocol = "HTTP/1.1";
        var queryAt = message.Target.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? message.Target : message.Target[..queryAt];
        request.Path = PathString.FromUriComponent(FunctionTarget.Prefix + message.Function + path);
        request.QueryString = queryAt < 0 ? QueryString.Empty : new QueryString(message.Target[queryAt..]);
        context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget = FunctionTarget.Prefix + message.Function + message.Target;
        foreach (var header in message.Headers)
        {
            request.Headers.Append(header.Name, header.Value);
        }

        if (!message.Body.IsEmpty)
        {
            request.Body = new MemoryStream(message.Body.ToArray(), writable: false);
            request.ContentLength = message.Body.Length;
        }

        context.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(!message.Body.IsEmpty));
        using var capture = new ResponseCaptureStream(_maxResponseBytes);
        context.Response.Body = capture;
        await handler.InvokeAsTenantAsync(context, message.Tenant, message.Function, message.Id).ConfigureAwait(false);

        var response = context.Response;
        var headers = new List<AsyncHeader>();
        foreach (var (name, values) in response.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new AsyncHeader(name, value ?? ""));
            }
        }

        return new AsyncAttempt(
            response.StatusCode,
            headers,
            capture.Kept.ToArray(),
            capture.Truncated,
            NullIfEmpty(response.Headers[GatewayHeaders.Start].ToString()),
            NullIfEmpty(response.Headers[GatewayHeaders.Instance].ToString()),
            context.Features.Get<GatewayProblem>());
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
