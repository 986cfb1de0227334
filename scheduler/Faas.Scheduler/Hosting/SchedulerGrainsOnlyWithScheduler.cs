using Faas.Scheduler.Functions;
using Faas.Scheduler.Tenants;
using Faas.Scheduler.Workers;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Faas.Scheduler.Hosting;

/// <summary>Keeps the scheduler's grains off a silo that only runs a worker (they would find no storage there).</summary>
internal sealed class SchedulerGrainsOnlyWithScheduler(WorkerPlacementRegistration placement) : IPostConfigureOptions<GrainTypeOptions>
{
    public void PostConfigure(string? name, GrainTypeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (placement.HasScheduler)
        {
            return;
        }

        options.Classes.Remove(typeof(FunctionGrain));
        options.Classes.Remove(typeof(TenantGrain));
        options.Classes.Remove(typeof(TenantDirectoryGrain));
        options.Classes.Remove(typeof(WorkerRegistryGrain));
    }
}
