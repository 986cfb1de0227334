using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Faas.Scheduler.Placement;

/// <summary>
/// Picks the silo whose metadata names the grain's key as its worker. Orleans' own role-based placement matches the membership
/// entry's role, which is the host's entry assembly name, so it cannot tell two worker silos of one program apart.
/// </summary>
internal sealed class WorkerSiloPlacementDirector(ISiloMetadataCache metadata) : IPlacementDirector
{
    /// <summary>How long placement waits for a silo that has just joined to have its metadata known here.</summary>
    private static readonly TimeSpan MetadataWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MetadataPoll = TimeSpan.FromMilliseconds(50);

    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var workerId = target.GrainIdentity.Key.ToString();
        var deadline = DateTime.UtcNow + MetadataWait;
        while (true)
        {
            if (Find(workerId, context.GetCompatibleSilos(target)) is { } silo)
            {
                return silo;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new OrleansException($"no active silo runs worker '{workerId}'");
            }

            await Task.Delay(MetadataPoll).ConfigureAwait(false);
        }
    }

    private SiloAddress? Find(string workerId, SiloAddress[] silos) =>
        silos.FirstOrDefault(silo =>
            metadata.GetSiloMetadata(silo).Metadata.TryGetValue(WorkerSiloPlacement.MetadataKey, out var value)
            && string.Equals(value, workerId, StringComparison.Ordinal));
}
