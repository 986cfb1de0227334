namespace Faas.Scheduler.Functions;

/// <summary>How a leased call ended, as the gateway saw it.</summary>
public enum LeaseOutcome
{
    /// <summary>The worker answered for the function (any status the function chose).</summary>
    Completed,

    /// <summary>The worker answered 502/504 for the instance, or could not be reached: the instance may be gone.</summary>
    InstanceFailed,

    /// <summary>The worker no longer had the instance (it answered 410): forget it and lease another.</summary>
    InstanceGone,
}
