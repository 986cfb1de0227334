using System.Diagnostics;
using Faas.LoadTest.Recording;

namespace Faas.LoadTest.Engine;

/// <summary>
/// The built-in load generator. Open loop: each call is sent at its intended time whether or not earlier calls have answered, so a
/// slow server never slows the arrival rate. Coordinated-omission aware: latency runs from the intended start, so a call the
/// generator could only send late (every slot of <c>maxInFlight</c> busy) counts its wait too.
/// </summary>
public sealed class OpenLoopEngine
{
    private readonly ICallSender _sender;
    private readonly int _maxInFlight;

    public OpenLoopEngine(ICallSender sender, int maxInFlight)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _sender = sender;
        _maxInFlight = maxInFlight;
    }

    /// <summary>Runs the plan to the end (every call answered or failed) and returns what the measured calls recorded.</summary>
    public async Task<LatencyRecorder> RunAsync(IReadOnlyList<PlannedCall> plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var recorder = new LatencyRecorder();
        using var slots = new SemaphoreSlim(_maxInFlight, _maxInFlight);
        var running = new List<Task>(plan.Count);
        var origin = Stopwatch.GetTimestamp();
        try
        {
            foreach (var call in plan)
            {
                await WaitUntilAsync(origin, call.At, cancellationToken).ConfigureAwait(false);
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                running.Add(Task.Run(() => SendAsync(call, origin, slots, recorder, cancellationToken), CancellationToken.None));
            }
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }

        return recorder;
    }

    private async Task SendAsync(PlannedCall call, long origin, SemaphoreSlim slots, LatencyRecorder recorder, CancellationToken cancellationToken)
    {
        try
        {
            var sent = Stopwatch.GetTimestamp();
            var response = await _sender.SendAsync(call.Target, cancellationToken).ConfigureAwait(false);
            var completed = Stopwatch.GetTimestamp();
            if (call.Measured)
            {
                recorder.Record(new CallRecord(
                    response.Start,
                    response.Status,
                    response.Failure,
                    (long)call.At.TotalMicroseconds,
                    Microseconds(origin, sent),
                    Microseconds(origin, completed),
                    call.Stream));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run was stopped; calls still in flight are not results.
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Sleeps rather than spins (the machine's cores belong to the VMs under test): about a millisecond late at worst.</summary>
    private static async Task WaitUntilAsync(long origin, TimeSpan at, CancellationToken cancellationToken)
    {
        for (var remaining = at - Stopwatch.GetElapsedTime(origin); remaining > TimeSpan.Zero; remaining = at - Stopwatch.GetElapsedTime(origin))
        {
            await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
        }
    }

    private static long Microseconds(long origin, long timestamp) => (timestamp - origin) * 1_000_000 / Stopwatch.Frequency;
}
