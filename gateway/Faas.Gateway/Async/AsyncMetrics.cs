using System.Diagnostics.Metrics;
using Faas.Gateway.Metrics;

namespace Faas.Gateway.Async;

/// <summary>
/// Asynchronous calls on the gateway's meter: <c>faas_async_enqueued_total</c>, <c>faas_async_completed_total{result}</c>
/// (done, failed) and <c>faas_async_queue_depth{state}</c> (stream: calls not finished; pending: taken, not acknowledged), as
/// last read by this gateway's consumer.
/// </summary>
public sealed class AsyncMetrics
{
    public const string EnqueuedName = "faas_async_enqueued";

    public const string CompletedName = "faas_async_completed";

    public const string QueueDepthName = "faas_async_queue_depth";

    private readonly Counter<long> _enqueued;
    private readonly Counter<long> _completed;
    private long _length;
    private long _pending;

    public AsyncMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(GatewayMetrics.MeterName);
        _enqueued = meter.CreateCounter<long>(EnqueuedName, description: "Asynchronous calls accepted");
        _completed = meter.CreateCounter<long>(CompletedName, description: "Asynchronous calls finished, by result (done, failed)");
        meter.CreateObservableGauge(QueueDepthName, ObserveDepth, description: "Asynchronous calls in the stream (state=stream) and taken but not acknowledged (state=pending)");
    }

    public void RecordEnqueued() => _enqueued.Add(1);

    public void RecordCompleted(string result) => _completed.Add(1, new KeyValuePair<string, object?>("result", result));

    public void SetDepth(long length, long pending)
    {
        Interlocked.Exchange(ref _length, length);
        Interlocked.Exchange(ref _pending, pending);
    }

    private IEnumerable<Measurement<long>> ObserveDepth() =>
    [
        new(Interlocked.Read(ref _length), new KeyValuePair<string, object?>("state", "stream")),
        new(Interlocked.Read(ref _pending), new KeyValuePair<string, object?>("state", "pending")),
    ];
}
