using Faas.Common.Durations;
using Faas.LoadTest.Scenarios;

namespace Faas.LoadTest.Reports;

/// <summary>The scenario as it ran, overrides applied.</summary>
public sealed record ScenarioSettings(
    string Executor,
    string Duration,
    string Warmup,
    int Concurrency,
    string Timeout,
    int Calls,
    IReadOnlyList<StreamSettings> Streams)
{
    public static ScenarioSettings Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new ScenarioSettings(
            scenario.ExecutorName,
            GoDuration.FormatShort(scenario.Duration),
            GoDuration.FormatShort(scenario.Warmup),
            scenario.Concurrency,
            GoDuration.FormatShort(scenario.Timeout),
            scenario.MeasuredCalls,
            [.. scenario.Streams.Select(stream => new StreamSettings(
                stream.Tenant,
                stream.Function.Name,
                stream.Function.Image,
                stream.Function.Path,
                stream.Rate,
                stream.Calls,
                stream.WarmupCalls,
                stream.FunctionCount,
                stream.Function.MinInstances,
                stream.Function.MaxInstances,
                stream.Function.MaxConcurrency,
                stream.Function.KeepAlive,
                stream.Function.Memory))]);
    }
}
