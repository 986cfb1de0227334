using Faas.Guest.Protocol.Messages;
using Faas.Vmm.Agent;
using Faas.Worker.Functions;

namespace Faas.Worker.Instances;

/// <summary>One call's hold on an instance: invoke through it, then dispose it to give the instance back (or recycle it).</summary>
public sealed class InstanceLease : IAsyncDisposable
{
    /// <summary>How long a failed call waits for the instance's death to be confirmed, so the error can say why it died.</summary>
    private static readonly TimeSpan DeathGrace = TimeSpan.FromSeconds(1);

    private readonly FunctionRuntime _runtime;
    private readonly FunctionInstance _instance;
    private bool _recycle;
    private int _disposed;

    internal InstanceLease(FunctionRuntime runtime, FunctionInstance instance, StartKind start)
    {
        _runtime = runtime;
        _instance = instance;
        Start = start;
    }

    public string InstanceId => _instance.Id;

    public FunctionKey Function => _instance.Function;

    /// <summary>Warm, restore or boot: how this call's instance came to be.</summary>
    public StartKind Start { get; }

    public FunctionDefinition Definition => _runtime.Definition;

    /// <summary>
    /// Forwards one HTTP request to the function and streams its response into <paramref name="response"/>, within the function's
    /// timeout and size limits. The port in <paramref name="request"/> is replaced by the function's.
    /// </summary>
    /// <param name="request">Method, target, headers (hop-by-hop ones already removed) and body length.</param>
    /// <param name="body">The request body, read in chunks while it is forwarded; null for none.</param>
    /// <param name="response">Receives status, headers and body chunks. Exceptions it throws stop the call.</param>
    /// <param name="cancellationToken">The caller went away.</param>
    public async Task<InvocationResult> InvokeAsync(InvokeRequest request, Stream? body, IInvokeResponseSink response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var definition = _runtime.Definition;
        if (request.BodyLength > definition.MaxRequestBytes)
        {
            return new InvocationResult(InvocationOutcome.RequestTooLarge, false, RequestTooLarge(definition));
        }

        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        call.CancelAfter(definition.Timeout);
        var limitedBody = body is null ? null : new LimitedReadStream(body, definition.MaxRequestBytes);
        using var sink = new GuardedResponseSink(response, definition.MaxResponseBytes, call);
        var agent = _instance.Started.Vm.Agent;
        try
        {
            var result = await agent.InvokeAsync(request with { Port = _runtime.StartRequest.Port }, limitedBody, sink, call.Token).ConfigureAwait(false);
            if (sink.Stopped)
            {
                return Stopped(sink, cancellationToken);
            }

            if (result.Completed)
            {
                return InvocationResult.Completed;
            }

            return await FailedAsync(result.Error, sink.Started, limitedBody).ConfigureAwait(false);
        }
        catch (RequestBodyTooLargeException)
        {
            _recycle = true;
            return new InvocationResult(InvocationOutcome.RequestTooLarge, sink.Started, RequestTooLarge(definition), Recycled: true);
        }
        catch (OperationCanceledException) when (call.IsCancellationRequested)
        {
            if (sink.Stopped)
            {
                return Stopped(sink, cancellationToken);
            }

            _recycle = true;
            return cancellationToken.IsCancellationRequested
                ? new InvocationResult(InvocationOutcome.Cancelled, sink.Started, $"the caller of function {Function} went away", Recycled: true)
                : new InvocationResult(
                    InvocationOutcome.TimedOut,
                    sink.Started,
                    $"function {Function} did not answer within its timeout of {definition.Timeout.TotalSeconds:0.###} s; instance {InstanceId} was recycled",
                    Recycled: true);
        }
        finally
        {
            limitedBody?.Detach();
            if (!await sink.CloseAsync().ConfigureAwait(false))
            {
                _recycle = true;
            }
        }
    }

    private InvocationResult Stopped(GuardedResponseSink sink, CancellationToken cancellationToken)
    {
        _recycle = true;
        if (sink.Exceeded)
        {
            return new InvocationResult(
                InvocationOutcome.ResponseTooLarge,
                sink.Started,
                $"the response of function {Function} is larger than its limit of {_runtime.Definition.MaxResponseBytes} bytes; instance {InstanceId} was recycled",
                Recycled: true);
        }

        var why = cancellationToken.IsCancellationRequested ? "went away" : $"could not take the response ({sink.Failure?.Message})";
        return new InvocationResult(InvocationOutcome.Cancelled, sink.Started, $"the caller of function {Function} {why}", Recycled: true);
    }

    private async Task<InvocationResult> FailedAsync(string? error, bool responseStarted, LimitedReadStream? body)
    {
        var death = await Task.WhenAny(_instance.Death, Task.Delay(DeathGrace)).ConfigureAwait(false);
        if (death == _instance.Death)
        {
            _recycle = true;
            return new InvocationResult(InvocationOutcome.Failed, responseStarted, $"instance {InstanceId} of function {Function} died during the call: {_instance.Death.Result}", Recycled: true);
        }

        // A broken upload or a response cut short leaves the guest's side of the call in an unknown state.
        _recycle = responseStarted || body is { SourceFailed: true };
        return new InvocationResult(InvocationOutcome.Failed, responseStarted, $"function {Function} did not answer: {error}", _recycle);
    }

    private static string RequestTooLarge(FunctionDefinition definition) =>
        $"the request body is larger than the limit of function {definition.Key} ({definition.MaxRequestBytes} bytes)";

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _runtime.ReleaseAsync(_instance, _recycle).ConfigureAwait(false);
        }
    }
}
