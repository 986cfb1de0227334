namespace Faas.Gateway.Invocation;

/// <summary>What the worker's answer to a forwarded call says about the call and its instance.</summary>
public enum WorkerAnswer
{
    /// <summary>The function answered (any status it chose).</summary>
    FunctionResponse,

    /// <summary>The worker refused the call without harm to the instance (413 too large, 429 busy).</summary>
    Refused,

    /// <summary>The worker no longer has the instance (410, or 404 for a function it no longer holds): lease another.</summary>
    InstanceGone,

    /// <summary>The function crashed, failed or timed out (502/504): the instance may be gone.</summary>
    InstanceFailed,
}
