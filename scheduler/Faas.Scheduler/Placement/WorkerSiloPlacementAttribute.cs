using Orleans.Placement;

namespace Faas.Scheduler.Placement;

/// <summary>Marks a grain class keyed by a worker id as living on that worker's own silo.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class WorkerSiloPlacementAttribute : PlacementAttribute
{
    public WorkerSiloPlacementAttribute()
        : base(new WorkerSiloPlacement())
    {
    }
}
