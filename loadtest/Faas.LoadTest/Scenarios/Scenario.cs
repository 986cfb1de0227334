namespace Faas.LoadTest.Scenarios;

/// <summary>A scenario with its defaults applied and overrides taken into account: everything a run needs to plan its calls.</summary>
public sealed record Scenario(
    string Name,
    string Description,
    Executor Executor,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Concurrency,
    TimeSpan Timeout,
    IReadOnlyList<StreamPlan> Streams)
{
    public int MeasuredCalls => Streams.Sum(stream => stream.Calls);

    public string ExecutorName => Executor == Executor.Burst ? ScenarioReader.Burst : ScenarioReader.ConstantArrivalRate;

    /// <summary>When the n-th call of a phase of a stream was meant to start, after the phase started.</summary>
    public TimeSpan IntendedOffset(StreamPlan stream, int iteration)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Executor == Executor.Burst ? TimeSpan.Zero : TimeSpan.FromMilliseconds(iteration * 1000.0 / stream.Rate);
    }
}
