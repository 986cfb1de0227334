namespace Faas.Scheduler.Functions;

/// <summary>What a function grain persists: the current spec and version, the versions still draining, and counters.</summary>
[GenerateSerializer]
internal sealed class FunctionState
{
    /// <summary>The current spec; null when the function does not exist.</summary>
    [Id(0)] public FunctionSpec? Spec { get; set; }

    /// <summary>The version that takes new calls.</summary>
    [Id(1)] public int Version { get; set; }

    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Calls leased since the function was created, as last written (the grain counts ahead of it).</summary>
    [Id(3)] public long Invocations { get; set; }

    /// <summary>The current version and the versions still draining.</summary>
    [Id(4)] public List<VersionState> Versions { get; set; } = [];

    /// <summary>The last versions that finished draining, newest last; their logs stay readable.</summary>
    [Id(5)] public List<RetiredVersion> Retired { get; set; } = [];
}
