using Faas.Scheduler.Placement;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Faas.Scheduler.Hosting;

/// <summary>
/// Silo metadata (which worker a silo runs, if any) and the placement director that reads it, registered once per silo
/// whichever of the scheduler and worker extensions comes first.
/// </summary>
internal sealed class WorkerPlacementRegistration
{
    /// <summary>The silo's metadata; read when the silo starts, so entries added after registration still count.</summary>
    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public bool HasScheduler { get; set; }

    public static WorkerPlacementRegistration Ensure(ISiloBuilder builder)
    {
        if (builder.Services.FirstOrDefault(service => service.ServiceType == typeof(WorkerPlacementRegistration))?.ImplementationInstance is WorkerPlacementRegistration existing)
        {
            return existing;
        }

        var registration = new WorkerPlacementRegistration();
        builder.Services.AddSingleton(registration);
        builder.UseSiloMetadata(registration.Metadata);
        builder.AddPlacementDirector<WorkerSiloPlacement, WorkerSiloPlacementDirector>();
        return registration;
    }
}
