using Faas.Worker.Functions;

namespace Faas.Worker.Instances;

/// <summary>What the worker knows about one instance at a moment.</summary>
/// <param name="Id">The instance id (the X-Faas-Instance header).</param>
/// <param name="Function">The function it runs; an instance never runs another.</param>
/// <param name="State">Starting, idle, busy or dead.</param>
/// <param name="Start">Boot or restore.</param>
/// <param name="VmId">The backend's id of its VM, once it has one.</param>
/// <param name="CreatedAt">When the worker began to start it.</param>
/// <param name="ReadyAt">When it became able to take calls.</param>
/// <param name="LastUsedAt">When its last call ended (or it became ready).</param>
/// <param name="ActiveCalls">Calls it is serving now.</param>
/// <param name="Calls">Calls it has served.</param>
/// <param name="StartMilliseconds">From asking for it until it could take calls.</param>
public sealed record InstanceInfo(
    string Id,
    FunctionKey Function,
    InstanceState State,
    StartKind Start,
    string? VmId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadyAt,
    DateTimeOffset? LastUsedAt,
    int ActiveCalls,
    long Calls,
    double? StartMilliseconds);
