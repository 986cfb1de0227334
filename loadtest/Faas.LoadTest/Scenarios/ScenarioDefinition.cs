namespace Faas.LoadTest.Scenarios;

/// <summary>A scenario file as written (loadtest/scenarios/*.json); <see cref="ScenarioReader"/> turns it into a <see cref="Scenario"/>.</summary>
public sealed class ScenarioDefinition
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>constant-arrival-rate or burst.</summary>
    public string? Executor { get; init; }

    /// <summary>The measured phase of a constant arrival rate (Go-style duration or seconds).</summary>
    public string? Duration { get; init; }

    /// <summary>Calls at the same rate before the measured phase, not recorded.</summary>
    public string? Warmup { get; init; }

    /// <summary>Calls in flight at most (k6's maxVUs); for a burst, how many calls start at once.</summary>
    public int? Concurrency { get; init; }

    /// <summary>How long one call may take before it counts as a timeout.</summary>
    public string? Timeout { get; init; }

    public IReadOnlyList<StreamDefinition>? Streams { get; init; }
}
