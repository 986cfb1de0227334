using System.Text.Json;
using Faas.Common.Durations;

namespace Faas.LoadTest.Scenarios;

/// <summary>Reads a scenario file with the rules of lib/plan.js (defaults, overrides, call counts), so k6 and the built-in engine agree.</summary>
public static class ScenarioReader
{
    public const string ConstantArrivalRate = "constant-arrival-rate";
    public const string Burst = "burst";

    /// <exception cref="ScenarioException">Malformed JSON or a field out of range.</exception>
    public static Scenario Parse(string json, ScenarioOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        overrides ??= ScenarioOverrides.None;
        ScenarioDefinition definition;
        try
        {
            definition = JsonSerializer.Deserialize(json, ScenarioJsonContext.Default.ScenarioDefinition)
                ?? throw new ScenarioException("the scenario file is empty");
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"the scenario is not valid JSON: {e.Message}", e);
        }

        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            throw new ScenarioException("the scenario has no name");
        }

        var executor = (definition.Executor ?? ConstantArrivalRate) switch
        {
            ConstantArrivalRate => Executor.ConstantArrivalRate,
            Burst => Executor.Burst,
            var other => throw new ScenarioException($"executor: '{other}' is neither {ConstantArrivalRate} nor {Burst}"),
        };
        var burst = executor == Executor.Burst;
        var duration = Duration(overrides.Duration ?? definition.Duration ?? "0s", "duration");
        var warmup = Duration(definition.Warmup ?? "0s", "warmup");
        var concurrency = overrides.Concurrency ?? definition.Concurrency ?? 100;
        if (concurrency < 1)
        {
            throw new ScenarioException("concurrency must be a whole number of at least 1");
        }

        var timeout = Duration(definition.Timeout ?? "60s", "timeout");
        if (definition.Streams is not { Count: > 0 } streams)
        {
            throw new ScenarioException("the scenario has no streams");
        }

        var planned = streams.Select((stream, index) => Stream(stream, index, executor, duration, warmup, concurrency, overrides)).ToList();
        return new Scenario(
            definition.Name,
            definition.Description ?? "",
            executor,
            burst ? TimeSpan.Zero : duration,
            burst ? TimeSpan.Zero : warmup,
            concurrency,
            timeout,
            planned);
    }

    /// <summary>Calls arriving at <paramref name="rate"/> per second during <paramref name="duration"/>: one at 0, 1/rate, … while before the end.</summary>
    public static int Arrivals(double rate, TimeSpan duration) =>
        rate <= 0 || duration <= TimeSpan.Zero ? 0 : (int)Math.Ceiling((rate * duration.TotalMilliseconds / 1000) - 1e-9);

    private static StreamPlan Stream(
        StreamDefinition stream, int index, Executor executor, TimeSpan duration, TimeSpan warmup, int concurrency, ScenarioOverrides overrides)
    {
        var field = $"streams[{index}]";
        var function = stream.Function;
        if (function is null || string.IsNullOrWhiteSpace(function.Name) || string.IsNullOrWhiteSpace(function.Image))
        {
            throw new ScenarioException($"{field}.function needs a name and an image");
        }

        var rate = overrides.Rate ?? stream.Rate ?? 0;
        if (rate < 0 || double.IsNaN(rate))
        {
            throw new ScenarioException($"{field}.rate must be a number of at least 0");
        }

        var burst = executor == Executor.Burst;
        if (!burst && rate <= 0)
        {
            throw new ScenarioException($"{field}.rate must be above 0 for a constant arrival rate");
        }

        var path = function.Path ?? "/";
        if (!path.StartsWith('/'))
        {
            throw new ScenarioException($"{field}.function.path must start with /");
        }

        var calls = burst ? concurrency : Arrivals(rate, duration);
        var warmupCalls = burst ? 0 : Arrivals(rate, warmup);
        var newFunctionPerCall = stream.NewFunctionPerCall ?? false;
        var maxInstances = function.MaxInstances ?? 10;
        return new StreamPlan(
            index,
            stream.Tenant ?? StreamPlan.DefaultTenant,
            burst ? 0 : rate,
            calls,
            warmupCalls,
            newFunctionPerCall,
            newFunctionPerCall ? warmupCalls + calls : 1,
            new ScenarioFunction(
                function.Name,
                function.Image,
                path,
                function.MinInstances ?? 0,
                burst ? Math.Max(maxInstances, concurrency) : maxInstances,
                function.MaxConcurrency ?? 1,
                function.KeepAlive ?? "5m",
                function.Memory ?? "256Mi"));
    }

    /// <exception cref="ScenarioException">Not a duration, or negative.</exception>
    private static TimeSpan Duration(string text, string field) =>
        GoDuration.TryParse(text, out var duration)
            ? duration
            : throw new ScenarioException($"{field}: '{text.Trim()}' is not a duration such as 500ms, 20s or 1m30s");
}
