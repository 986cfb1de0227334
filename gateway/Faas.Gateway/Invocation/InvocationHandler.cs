using System.Globalization;
using System.Net;
using Faas.Common.Names;
using Faas.Gateway.Auth;
using Faas.Gateway.Hosting;
using Faas.Gateway.Http;
using Faas.Gateway.Metrics;
using Faas.Scheduler.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Faas.Gateway.Invocation;

/// <summary>
/// <c>/function/{name}/{**path}</c>: authenticates the tenant, leases an instance of its function from the scheduler, forwards
/// the call to the worker that holds it (streaming both ways) and releases the lease with the call's outcome. An instance
/// that turns out to be gone, or whose worker cannot be reached, is replaced once when the request has no body (and, for an
/// unreachable worker, its method is idempotent), since nothing of it was answered.
/// </summary>
public sealed partial class InvocationHandler
{
    private readonly IGrainFactory _grains;
    private readonly IHttpForwarder _forwarder;
    private readonly ForwarderClient _client;
    private readonly TenantAuthenticator _authenticator;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<InvocationHandler> _logger;
    private readonly ForwarderRequestConfig _requestConfig;
    private readonly int _retryAfterSeconds;
    private readonly string? _workerKey;

    public InvocationHandler(
        IGrainFactory grains,
        IHttpForwarder forwarder,
        ForwarderClient client,
        TenantAuthenticator authenticator,
        GatewayMetrics metrics,
        IOptions<GatewayOptions> options,
        TimeProvider time,
        ILogger<InvocationHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _forwarder = forwarder;
        _client = client;
        _authenticator = authenticator;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _retryAfterSeconds = options.Value.RetryAfterSeconds;
        _workerKey = options.Value.WorkerKey;
        _requestConfig = new ForwarderRequestConfig
        {
            ActivityTimeout = options.Value.ForwarderActivityTimeout,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var startedAt = _time.GetTimestamp();
        var callId = CallIds.Next();
        var name = context.Request.RouteValues["name"] as string ?? "";
        string? tenant = null;
        try
        {
            var authentication = await _authenticator.AuthenticateAsync(context.Request).ConfigureAwait(false);
            if (!authentication.Succeeded)
            {
                await AnswerAsync(context, callId, startedAt, TenantAuthenticator.Problem(authentication.Failure)).ConfigureAwait(false);
                return;
            }

            tenant = authentication.Identity.Tenant;
            await InvokeFunctionAsync(context, tenant, name, callId, startedAt).ConfigureAwait(false);
        }
        finally
        {
            Record(context, callId, tenant, name, startedAt);
        }
    }

    /// <summary>
    /// Runs a call already authenticated as <paramref name="tenant"/> through the same lease and forwarding path as
    /// <see cref="InvokeAsync"/>. When the gateway answers instead of the function, the problem is left on the context's
    /// features (<c>context.Features.Get&lt;GatewayProblem&gt;()</c>).
    /// </summary>
    internal async Task InvokeAsTenantAsync(HttpContext context, string tenant, string name, string callId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var startedAt = _time.GetTimestamp();
        try
        {
            await InvokeFunctionAsync(context, tenant, name, callId, startedAt).ConfigureAwait(false);
        }
        finally
        {
            Record(context, callId, tenant, name, startedAt);
        }
    }

    private void Record(HttpContext context, string callId, string? tenant, string name, long startedAt)
    {
        var elapsed = _time.GetElapsedTime(startedAt);
        var start = GatewayMetrics.StartLabel(context.Response.Headers[GatewayHeaders.Start].ToString());
        _metrics.RecordInvocation(start, context.Response.StatusCode, elapsed);
        LogCall(_logger, callId, tenant ?? "-", name, context.Request.Method, context.Response.StatusCode, start, elapsed.TotalMilliseconds);
    }

    private async Task InvokeFunctionAsync(HttpContext context, string tenant, string name, string callId, long startedAt)
    {
        if (!DnsLabel.IsFunctionName(name))
        {
            await AnswerAsync(context, callId, startedAt, LeaseProblems.NotFound(name)).ConfigureAwait(false);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // The function's own limit applies, enforced by its worker.
            bodySize.MaxRequestBodySize = null;
        }

        var grain = _grains.GetGrain<IFunctionGrain>(FunctionKeys.Grain(tenant, name));
        var mayRetry = !HasBody(context.Request);
        for (var attempt = 1; ; attempt++)
        {
            FunctionLease lease;
            try
            {
                lease = await grain.LeaseAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (SchedulerFailures.IsUnavailable(e))
            {
                LogLeaseFailed(_logger, callId, e);
                await AnswerAsync(context, callId, startedAt, SchedulerFailures.Problem(e, name)).ConfigureAwait(false);
                return;
            }

            if (!lease.IsLeased)
            {
                await AnswerAsync(context, callId, startedAt, LeaseProblems.For(lease, name, _retryAfterSeconds)).ConfigureAwait(false);
                return;
            }

            if (lease.WorkerUrl is null)
            {
                await new LeasedCall(grain, lease, _logger).ReleaseAsync(LeaseOutcome.Completed).ConfigureAwait(false);
                var unknown = GatewayProblem.Of(503, "No worker available", $"the worker {lease.WorkerId} chosen for function {name} has no known address", name) with { RetryAfterSeconds = _retryAfterSeconds };
                await AnswerAsync(context, callId, startedAt, unknown).ConfigureAwait(false);
                return;
            }

            var call = new FunctionCall(callId, tenant, name, lease, startedAt, _time);
            var result = await ForwardAsync(context, grain, call, failover: mayRetry && attempt == 1).ConfigureAwait(false);
            if (result == ForwardResult.Answered)
            {
                return;
            }

            if (result == ForwardResult.WorkerUnreachable)
            {
                LogWorkerUnreachable(_logger, callId, lease.WorkerId);
                continue;
            }

            if (!mayRetry || attempt > 1)
            {
                var gone = LeaseProblems.For(new WorkerProblem(410, null, null, lease.InstanceId, null), name, _retryAfterSeconds);
                await AnswerAsync(context, callId, startedAt, gone).ConfigureAwait(false);
                return;
            }

            LogInstanceGone(_logger, callId, lease.InstanceId);
        }
    }

    private async Task<ForwardResult> ForwardAsync(HttpContext context, IFunctionGrain grain, FunctionCall call, bool failover)
    {
        var leased = new LeasedCall(grain, call.Lease, _logger);
        var transformer = new FunctionCallTransformer(call, _workerKey);
        var body = context.Response.Body;
        context.Response.Body = new ReleasingResponseStream(body, context.Response, () => leased.ReleaseAsync(transformer.Outcome));
        var error = ForwarderError.None;
        try
        {
            error = await _forwarder.SendAsync(context, call.Lease.WorkerUrl!, _client.Invoker, _requestConfig, transformer).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = body;
            await leased.ReleaseAsync(error == ForwarderError.None ? transformer.Outcome : ForwarderErrors.Outcome(error)).ConfigureAwait(false);
        }

        if (error != ForwarderError.None)
        {
            var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
            LogForwardingFailed(_logger, call.CallId, error, exception);
            if (failover && !context.Response.HasStarted && ForwarderErrors.AllowsFailover(error, context.Request.Method))
            {
                context.Response.Clear();
                return ForwardResult.WorkerUnreachable;
            }

            if (!context.Response.HasStarted && !ForwarderErrors.IsClientSide(error))
            {
                context.Response.Clear();
                await AnswerAsync(context, call.CallId, call.StartedAt, ForwarderErrors.Problem(error, call.Name, call.Lease.InstanceId, call.Lease.WorkerId)).ConfigureAwait(false);
            }

            return ForwardResult.Answered;
        }

        if (transformer.WorkerProblem is not { } problem)
        {
            return ForwardResult.Answered;
        }

        context.Response.Clear();
        if (problem.Answer == WorkerAnswer.InstanceGone)
        {
            return ForwardResult.InstanceGone;
        }

        context.Response.Headers[GatewayHeaders.Version] = call.Lease.Version.ToString(CultureInfo.InvariantCulture);
        await AnswerAsync(context, call.CallId, call.StartedAt, LeaseProblems.For(problem, call.Name, _retryAfterSeconds) with
        {
            Instance = problem.Instance ?? call.Lease.InstanceId,
        }).ConfigureAwait(false);
        return ForwardResult.Answered;
    }

    private Task AnswerAsync(HttpContext context, string callId, long startedAt, GatewayProblem problem)
    {
        context.Features.Set(problem);
        var headers = context.Response.Headers;
        headers[GatewayHeaders.CallId] = callId;
        headers[GatewayHeaders.DurationSeconds] = _time.GetElapsedTime(startedAt).TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture);
        if (problem.Instance is { } instance)
        {
            headers[GatewayHeaders.Instance] = instance;
        }

        return problem.ExecuteAsync(context);
    }

    /// <summary>Whether the request has a body, which cannot be sent twice.</summary>
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0
        || (request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true });

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} {Tenant}/{Function} {Method}: {Status} ({Start}) in {Milliseconds:0.0} ms")]
    private static partial void LogCall(ILogger logger, string callId, string tenant, string function, string method, int status, string start, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: no lease, the scheduler did not answer")]
    private static partial void LogLeaseFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: instance {Instance} was gone, leasing another")]
    private static partial void LogInstanceGone(ILogger logger, string callId, string? instance);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: worker {Worker} could not be reached, leasing an instance elsewhere")]
    private static partial void LogWorkerUnreachable(ILogger logger, string callId, string? worker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: forwarding failed ({Error})")]
    private static partial void LogForwardingFailed(ILogger logger, string callId, ForwarderError error, Exception? exception);
}
