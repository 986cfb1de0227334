using System.Globalization;
using System.Net.Http.Headers;
using Faas.Scheduler.Functions;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Faas.Gateway.Invocation;

/// <summary>
/// Shapes one forwarded call. Request: the worker's path for the leased instance, <c>X-Faas-Instance</c>, <c>X-Call-Id</c> and the
/// workers' key added, the client's Authorization and <c>X-Faas-*</c> headers dropped, X-Forwarded-* set. Response: the worker's own
/// problems (instance gone, function failed, …) are kept back for the gateway to answer; a function's response goes through
/// with <c>X-Faas-Version</c>, <c>X-Call-Id</c> and <c>X-Duration-Seconds</c> added.
/// </summary>
internal sealed class FunctionCallTransformer(FunctionCall call, string? workerKey) : HttpTransformer
{
    private const string ForwardedFor = "X-Forwarded-For";
    private const string ForwardedHost = "X-Forwarded-Host";
    private const string ForwardedProto = "X-Forwarded-Proto";

    /// <summary>The worker's problem about the call, when it answered one instead of the function.</summary>
    public WorkerProblem? WorkerProblem { get; private set; }

    /// <summary>How the call ends for its instance, as far as the worker's answer tells.</summary>
    public LeaseOutcome Outcome => WorkerProblem?.Answer switch
    {
        WorkerAnswer.InstanceGone => LeaseOutcome.InstanceGone,
        WorkerAnswer.InstanceFailed => LeaseOutcome.InstanceFailed,
        _ => LeaseOutcome.Completed,
    };

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(proxyRequest);
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        RemovePlatformHeaders(proxyRequest.Headers);
        proxyRequest.Headers.Authorization = null;
        proxyRequest.Headers.Remove(GatewayHeaders.CallId);
        proxyRequest.Headers.TryAddWithoutValidation(GatewayHeaders.Instance, call.Lease.InstanceId);
        proxyRequest.Headers.TryAddWithoutValidation(GatewayHeaders.CallId, call.CallId);
        if (!string.IsNullOrEmpty(workerKey))
        {
            proxyRequest.Headers.TryAddWithoutValidation(GatewayHeaders.WorkerKey, workerKey);
        }

        AddForwardedHeaders(httpContext, proxyRequest.Headers);
        proxyRequest.RequestUri = FunctionTarget.Build(destinationPrefix, call.Tenant, call.Lease.WorkerFunction ?? call.Name, call.Name, httpContext);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (proxyResponse is null)
        {
            return false;
        }

        var status = (int)proxyResponse.StatusCode;
        if (status == 401 && proxyResponse.Headers.Contains(GatewayHeaders.WorkerRefused))
        {
            WorkerProblem = new WorkerProblem(
                502,
                "Worker refused the gateway",
                $"worker {call.Lease.WorkerId} refused this gateway's worker key: the gateways and the workers must share the same FAAS_WORKER_KEY",
                call.Lease.InstanceId,
                null);
            return false;
        }

        if (WorkerProblem.IsCandidate(status, proxyResponse.Content.Headers.ContentType?.MediaType)
            && proxyResponse.Content.Headers.ContentLength is null or <= WorkerProblem.MaxBytes)
        {
            var stream = await proxyResponse.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var body = await ReadPrefixAsync(stream, proxyResponse.Content.Headers.ContentLength, WorkerProblem.MaxBytes + 1, cancellationToken).ConfigureAwait(false);
            if (body.Length <= WorkerProblem.MaxBytes
                && WorkerProblem.TryParse(status, body.Span, $"{call.Tenant}/{call.Lease.WorkerFunction}") is { } problem)
            {
                WorkerProblem = problem;
                return false;
            }

            proxyResponse.Content = Replay(proxyResponse.Content, stream, body);
        }

        await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        var headers = httpContext.Response.Headers;
        headers[GatewayHeaders.Version] = call.Lease.Version.ToString(CultureInfo.InvariantCulture);
        headers[GatewayHeaders.CallId] = call.CallId;
        headers[GatewayHeaders.DurationSeconds] = call.ElapsedSecondsText();
        return true;
    }

    private static void RemovePlatformHeaders(HttpRequestHeaders headers)
    {
        List<string>? platform = null;
        foreach (var header in headers)
        {
            if (GatewayHeaders.IsPlatformHeader(header.Key))
            {
                (platform ??= []).Add(header.Key);
            }
        }

        foreach (var name in platform ?? [])
        {
            headers.Remove(name);
        }
    }

    private static void AddForwardedHeaders(HttpContext context, HttpRequestHeaders headers)
    {
        var client = context.Connection.RemoteIpAddress?.ToString();
        var forwardedFor = context.Request.Headers[ForwardedFor].ToString();
        headers.Remove(ForwardedFor);
        headers.Remove(ForwardedHost);
        headers.Remove(ForwardedProto);
        if (client is not null)
        {
            headers.TryAddWithoutValidation(ForwardedFor, forwardedFor.Length > 0 ? $"{forwardedFor}, {client}" : client);
        }

        if (context.Request.Host.HasValue)
        {
            headers.TryAddWithoutValidation(ForwardedHost, context.Request.Host.Value);
        }

        headers.TryAddWithoutValidation(ForwardedProto, context.Request.Scheme);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes of the content.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadPrefixAsync(Stream stream, long? contentLength, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Max(1, Math.Min(limit, (int)(contentLength ?? 4096)))];
        var length = 0;
        while (length < limit)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(limit, buffer.Length * 2));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return buffer.AsMemory(0, length);
    }

    /// <summary>The content again, with the bytes already read from its stream put back in front.</summary>
    private static StreamContent Replay(HttpContent content, Stream rest, ReadOnlyMemory<byte> prefix)
    {
        var replay = new StreamContent(new PrefixedReadStream(prefix, rest));
        foreach (var header in content.Headers)
        {
            replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return replay;
    }
}
