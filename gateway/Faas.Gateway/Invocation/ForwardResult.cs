namespace Faas.Gateway.Invocation;

/// <summary>How one forwarding of a call ended.</summary>
internal enum ForwardResult
{
    /// <summary>The response is written (the function's, or a problem).</summary>
    Answered,

    /// <summary>The worker no longer had the instance and nothing was answered yet: the call may go to another instance.</summary>
    InstanceGone,

    /// <summary>The worker could not be reached (e.g. it died) and nothing was answered yet: an idempotent call may go elsewhere.</summary>
    WorkerUnreachable,
}
