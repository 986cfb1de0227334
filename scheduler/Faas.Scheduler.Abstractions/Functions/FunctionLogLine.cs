namespace Faas.Scheduler.Functions;

/// <summary>One line of a function's log.</summary>
/// <param name="Timestamp">When the worker received it.</param>
/// <param name="InstanceId">The instance that wrote it ("-" for the platform's own lines about the function).</param>
/// <param name="Stream">"stdout", "stderr" or "platform".</param>
/// <param name="Text">The line without its line break.</param>
/// <param name="Version">The function version the instance ran.</param>
[GenerateSerializer, Immutable]
public sealed record FunctionLogLine(
    [property: Id(0)] DateTimeOffset Timestamp,
    [property: Id(1)] string InstanceId,
    [property: Id(2)] string Stream,
    [property: Id(3)] string Text,
    [property: Id(4)] int Version);
