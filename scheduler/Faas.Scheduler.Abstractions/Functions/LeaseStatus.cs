namespace Faas.Scheduler.Functions;

/// <summary>Whether a call got an instance; the gateway maps each to an HTTP status.</summary>
public enum LeaseStatus
{
    Leased,

    /// <summary>No such function for this tenant (404).</summary>
    NotFound,

    /// <summary>maxInstances busy and the queue full or its wait over (429).</summary>
    AtCapacity,

    /// <summary>A new instance was needed and did not start (502).</summary>
    StartFailed,

    /// <summary>No worker could run an instance (503).</summary>
    NoWorker,
}
