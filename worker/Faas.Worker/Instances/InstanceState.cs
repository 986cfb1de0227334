namespace Faas.Worker.Instances;

/// <summary>Where an instance is in its life.</summary>
public enum InstanceState
{
    /// <summary>Its VM is booting or being restored; it takes no calls yet.</summary>
    Starting,

    /// <summary>Ready, and serving no call.</summary>
    Idle,

    /// <summary>Serving at least one call.</summary>
    Busy,

    /// <summary>Its VM or function ended, or it was stopped; it is being removed.</summary>
    Dead,
}
