namespace Faas.Scheduler.Placement;

/// <summary>Places a grain keyed by a worker id on the silo that runs that worker (the silo whose metadata names it).</summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class WorkerSiloPlacement : PlacementStrategy
{
    /// <summary>The silo metadata entry whose value is the id of the worker a silo runs.</summary>
    public const string MetadataKey = "faas.worker";
}
