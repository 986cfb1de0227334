namespace Faas.Scheduler.Functions;

/// <summary>The outcome of a deploy.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Function">The function as it is now, when it exists.</param>
/// <param name="Error">Why it failed, in words.</param>
/// <param name="OutputTail">For a start failure: the function's last lines of output.</param>
[GenerateSerializer, Immutable]
public sealed record DeployResult(
    [property: Id(0)] DeployStatus Status,
    [property: Id(1)] FunctionDescription? Function = null,
    [property: Id(2)] string? Error = null,
    [property: Id(3)] string? OutputTail = null)
{
    public bool Succeeded => Status is DeployStatus.Created or DeployStatus.Updated or DeployStatus.Unchanged;
}
