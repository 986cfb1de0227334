namespace Faas.Scheduler.Workers;

/// <summary>A new idle instance on a worker, or why it did not start.</summary>
/// <param name="InstanceId">The instance, when it started.</param>
/// <param name="Start">"restore" or "boot".</param>
/// <param name="StartMilliseconds">From asking until it could take calls.</param>
/// <param name="Error">Why it did not start.</param>
/// <param name="OutputTail">The function's last lines of output, when it died starting.</param>
[GenerateSerializer, Immutable]
public sealed record InstanceStartResult(
    [property: Id(0)] string? InstanceId,
    [property: Id(1)] string Start,
    [property: Id(2)] double StartMilliseconds = 0,
    [property: Id(3)] string? Error = null,
    [property: Id(4)] string? OutputTail = null)
{
    public bool Started => InstanceId is not null;
}
