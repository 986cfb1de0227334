using Faas.LoadTest.Scenarios;

namespace Faas.LoadTest.Engine;

/// <summary>Every call of a scenario with its intended start: warm-up calls first, then the measured ones, all streams merged in time.</summary>
public static class CallPlan
{
    /// <param name="scenario">The scenario.</param>
    /// <param name="targets">Per stream (by index), its targets: one per deployed function.</param>
    public static IReadOnlyList<PlannedCall> Build(Scenario scenario, IReadOnlyList<IReadOnlyList<CallTarget>> targets)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(targets);
        var calls = new List<PlannedCall>();
        foreach (var stream in scenario.Streams)
        {
            var streamTargets = targets[stream.Index];
            if (streamTargets.Count == 0)
            {
                throw new ArgumentException($"stream {stream.Index} has no targets", nameof(targets));
            }

            for (var i = 0; i < stream.WarmupCalls; i++)
            {
                calls.Add(new PlannedCall(scenario.IntendedOffset(stream, i), stream.Index, streamTargets[stream.TargetIndex(false, i, streamTargets.Count)], false));
            }

            for (var i = 0; i < stream.Calls; i++)
            {
                calls.Add(new PlannedCall(scenario.Warmup + scenario.IntendedOffset(stream, i), stream.Index, streamTargets[stream.TargetIndex(true, i, streamTargets.Count)], true));
            }
        }

        // A stable sort: calls due at the same instant keep their stream order.
        return [.. calls.OrderBy(call => call.At)];
    }
}
