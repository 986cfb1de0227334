using Faas.Scheduler.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Faas.Scheduler.Hosting;

/// <summary>Turns a silo into a faas scheduler, a faas worker, or both.</summary>
public static class SchedulerSiloBuilderExtensions
{
    /// <summary>
    /// Hosts the scheduler's grains (functions, tenants, worker registry): their options, the file store under
    /// <see cref="SchedulerOptions.DataDirectory"/> as storage <see cref="SchedulerOptions.StorageName"/> (unless the host registers
    /// another provider under that name), and a start-up task that activates every function.
    /// </summary>
    public static ISiloBuilder AddFaasScheduler(this ISiloBuilder builder, Action<SchedulerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SchedulerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        WorkerPlacementRegistration.Ensure(builder).HasScheduler = true;
        builder.AddFileGrainStorage(SchedulerOptions.StorageName, services =>
            services.GetRequiredService<IOptions<SchedulerOptions>>().Value.DataDirectory
            ?? throw new InvalidOperationException($"{nameof(SchedulerOptions)}.{nameof(SchedulerOptions.DataDirectory)} is not set, and no other grain storage is registered as '{SchedulerOptions.StorageName}'"));
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, FunctionActivator>();
        return builder;
    }

    /// <summary>
    /// Runs a worker on this silo: the worker grain of <see cref="WorkerSiloOptions.WorkerId"/> is placed here and drives the
    /// <c>IInstanceManager</c> from the host's services; the worker announces itself to the scheduler once the silo is active,
    /// reports its load every heartbeat interval and withdraws when the silo stops. A silo without
    /// <see cref="AddFaasScheduler"/> hosts no scheduler grains.
    /// </summary>
    public static ISiloBuilder AddFaasWorker(this ISiloBuilder builder, WorkerSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.WorkerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Url);
        var placement = WorkerPlacementRegistration.Ensure(builder);
        placement.Metadata[Placement.WorkerSiloPlacement.MetadataKey] = options.WorkerId;
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WorkerAnnouncer>();
        builder.Services.AddSingleton<IPostConfigureOptions<GrainTypeOptions>>(new SchedulerGrainsOnlyWithScheduler(placement));
        return builder;
    }
}
