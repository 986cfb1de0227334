using Faas.Common.Http;
using Faas.Common.Names;
using Faas.Guest.Protocol.Messages;
using Faas.Worker.Functions;
using Faas.Worker.Instances;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Faas.Worker.Http;

/// <summary>
/// <c>/{tenant}/{function}/{**path}</c>, any method: forwards the request to an instance of the function (warm, else restored,
/// else booted), streaming the body both ways, and answers with the function's response plus X-Faas-Start and X-Faas-Instance.
/// A request carrying X-Faas-Instance goes to that instance (the scheduler chose it) or gets 410 when it is gone.
/// </summary>
public static class InvokeEndpoint
{
    public const string Pattern = "/{tenant}/{function}/{**path}";

    public static IEndpointConventionBuilder MapInvoke(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.Map(Pattern, (Delegate)InvokeAsync);
    }

    private static async Task InvokeAsync(HttpContext context, IInstanceManager manager, string tenant, string function)
    {
        var key = new FunctionKey(tenant, function);
        if (!DnsLabel.IsValid(tenant) || !DnsLabel.IsValid(function) || manager.GetFunction(key) is not { } status)
        {
            await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "Function not found", $"function {key} is not deployed on this worker", key).ConfigureAwait(false);
            return;
        }

        var bodyLength = BodyLength(context.Request);
        if (bodyLength > status.Definition.MaxRequestBytes)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", RequestTooLarge(status.Definition), key).ConfigureAwait(false);
            return;
        }

        var chosen = context.Request.Headers[WorkerHeaders.Instance].ToString();
        var lease = chosen.Length > 0
            ? manager.AcquireInstance(key, chosen)
            : await manager.AcquireAsync(key, context.RequestAborted).ConfigureAwait(false);
        if (!lease.IsLeased)
        {
            await WriteLeaseFailureAsync(context, key, lease).ConfigureAwait(false);
            return;
        }

        InvocationResult result;
        var sink = new HttpResponseSink(context, lease.Lease);
        try
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                // The function's own limit applies (enforced while forwarding), not the server's default.
                bodySize.MaxRequestBodySize = null;
            }

            var request = new InvokeRequest(context.Request.Method, TargetOf(context, key), ForwardedHeaders(context.Request), 0, bodyLength);
            var body = bodyLength == 0 ? null : context.Request.Body;
            result = await lease.Lease.InvokeAsync(request, body, sink, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            // Given back before the caller sees the end of the response, so its next request finds the instance idle.
            await lease.Lease.DisposeAsync().ConfigureAwait(false);
        }

        if (result.Outcome == InvocationOutcome.Completed)
        {
            try
            {
                await sink.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                context.Abort();
            }

            return;
        }

        if (context.Response.HasStarted || result.Outcome == InvocationOutcome.Cancelled)
        {
            // Headers are out: the only way left to say "incomplete" is to cut the connection.
            context.Abort();
            return;
        }

        context.Response.Clear();
        HttpResponseSink.SetInstanceHeaders(context.Response, lease.Lease);
        var (code, title) = result.Outcome switch
        {
            InvocationOutcome.RequestTooLarge => (StatusCodes.Status413PayloadTooLarge, "Request body too large"),
            InvocationOutcome.ResponseTooLarge => (StatusCodes.Status502BadGateway, "Response body too large"),
            InvocationOutcome.TimedOut => (StatusCodes.Status504GatewayTimeout, "Function timed out"),
            _ => (StatusCodes.Status502BadGateway, "Function failed"),
        };
        await Problems.WriteAsync(context, code, title, result.Error ?? title, key, lease.Lease.InstanceId).ConfigureAwait(false);
    }

    private static Task WriteLeaseFailureAsync(HttpContext context, FunctionKey key, LeaseResult lease)
    {
        var (code, title) = lease.Status switch
        {
            LeaseStatus.NotDeployed => (StatusCodes.Status404NotFound, "Function not found"),
            LeaseStatus.AtCapacity => (StatusCodes.Status429TooManyRequests, "Too many concurrent calls"),
            LeaseStatus.InstanceGone => (StatusCodes.Status410Gone, "Instance gone"),
            _ => (StatusCodes.Status502BadGateway, "Function did not start"),
        };
        return Problems.WriteAsync(context, code, title, lease.Error ?? title, key, outputTail: lease.OutputTail);
    }

    /// <summary>The length the body will have; -1 when it streams with no declared length.</summary>
    private static long BodyLength(HttpRequest request) =>
        request.ContentLength
        ?? (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true } ? -1 : 0);

    /// <summary>The request target with /{tenant}/{function} taken off, as the client sent it (still percent-encoded).</summary>
    private static string TargetOf(HttpContext context, FunctionKey key)
    {
        var prefix = $"/{key.Tenant}/{key.Name}";
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is not null && raw.StartsWith(prefix, StringComparison.Ordinal))
        {
            var rest = raw[prefix.Length..];
            if (rest.Length == 0 || rest[0] == '?')
            {
                return "/" + rest;
            }

            if (rest[0] == '/')
            {
                return rest;
            }
        }

        var path = context.Request.Path.Value ?? "";
        var remainder = path.Length > prefix.Length ? path[prefix.Length..] : "/";
        return remainder + context.Request.QueryString;
    }

    /// <summary>
    /// The request's end-to-end headers. Content-Length travels as the invoke request's body length, not as a header, since the
    /// agent frames the body itself; Expect has been answered here already (the body is read only after the 100 Continue).
    /// </summary>
    private static List<HttpHeader> ForwardedHeaders(HttpRequest request)
    {
        string? connection = request.Headers.Connection;
        var headers = new List<HttpHeader>(request.Headers.Count);
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHopHeaders.IsHopByHop(name, connection)
                || name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
                || name.Equals(HeaderNames.Expect, StringComparison.OrdinalIgnoreCase)
                || name.Equals(WorkerHeaders.Instance, StringComparison.OrdinalIgnoreCase)
                || name.Equals(WorkerHeaders.WorkerKey, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                headers.Add(new HttpHeader(name, value ?? ""));
            }
        }

        return headers;
    }

    private static string RequestTooLarge(FunctionDefinition definition) =>
        $"the request body is larger than the limit of function {definition.Key} ({definition.MaxRequestBytes} bytes)";
}
