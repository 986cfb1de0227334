using Faas.LoadTest.Scenarios;

namespace Faas.LoadTest.Runner;

/// <summary>What `faas loadtest` was asked to do.</summary>
public sealed record LoadTestOptions
{
    public const string AllBackends = "all";

    /// <summary>A scenario's name: a file loadtest/scenarios/{name}.json.</summary>
    public required string Scenario { get; init; }

    public EngineChoice Engine { get; init; } = EngineChoice.Auto;

    /// <summary>A running gateway to test; null: start `faas up` for the run.</summary>
    public Uri? Gateway { get; init; }

    /// <summary>The key for <see cref="Gateway"/> (an admin key for scenarios with tenants of their own).</summary>
    public string? ApiKey { get; init; }

    /// <summary>That platform's worker endpoint, for <see cref="CompareWithWorker"/>.</summary>
    public Uri? Worker { get; init; }

    /// <summary>The key that worker requires (<c>$FAAS_WORKER_KEY</c>); null when it requires none.</summary>
    public string? WorkerKey { get; init; }

    public ScenarioOverrides Overrides { get; init; } = ScenarioOverrides.None;

    /// <summary>Run the scenario a second time straight against the worker's endpoint, to show what the gateway adds.</summary>
    public bool CompareWithWorker { get; init; }

    /// <summary>For a platform started by the run: "all" (every backend that runs Linux guests here), auto, qemu or kvm.</summary>
    public string Backend { get; init; } = AllBackends;

    /// <summary>The command line that reproduces the run, for the report (never with a key in it).</summary>
    public string Command { get; init; } = "";
}
