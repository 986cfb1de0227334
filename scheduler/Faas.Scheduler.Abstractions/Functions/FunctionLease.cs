namespace Faas.Scheduler.Functions;

/// <summary>
/// An instance reserved for one call, or why there is none. The gateway forwards the call to
/// <c>{WorkerUrl}/{Tenant}/{WorkerFunction}/{path}</c> with the request header <c>X-Faas-Instance: {InstanceId}</c>, then
/// releases the lease.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FunctionLease(
    [property: Id(0)] LeaseStatus Status,
    [property: Id(1)] string? LeaseId = null,
    [property: Id(2)] string? WorkerId = null,
    [property: Id(3)] string? WorkerUrl = null,
    [property: Id(4)] string? WorkerFunction = null,
    [property: Id(5)] string? InstanceId = null,
    [property: Id(6)] int Version = 0,
    [property: Id(7)] string? Error = null,
    [property: Id(8)] string? OutputTail = null)
{
    public bool IsLeased => Status == LeaseStatus.Leased;
}
