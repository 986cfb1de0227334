using System.Diagnostics.CodeAnalysis;

namespace Faas.Worker.Instances;

/// <summary>An instance for one call, or why there is none.</summary>
/// <param name="Status">Leased, or what went wrong.</param>
/// <param name="Lease">The instance, when leased; dispose it when the call is over.</param>
/// <param name="Error">Why not, in words.</param>
/// <param name="OutputTail">For a start failure: the function's last lines of output.</param>
public sealed record LeaseResult(LeaseStatus Status, InstanceLease? Lease = null, string? Error = null, string? OutputTail = null)
{
    [MemberNotNullWhen(true, nameof(Lease))]
    public bool IsLeased => Status == LeaseStatus.Leased && Lease is not null;
}
