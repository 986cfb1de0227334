namespace Faas.Worker.Instances;

/// <summary>Whether a call got an instance.</summary>
public enum LeaseStatus
{
    /// <summary>It did: warm, restored or booted.</summary>
    Leased,

    /// <summary>No such function is deployed on this worker (404).</summary>
    NotDeployed,

    /// <summary>Every instance the function may have is busy and none freed up in time (429).</summary>
    AtCapacity,

    /// <summary>A new instance was needed and could not be started (502).</summary>
    StartFailed,

    /// <summary>The instance the call asked for by id is not (or no longer) on this worker (410).</summary>
    InstanceGone,
}
