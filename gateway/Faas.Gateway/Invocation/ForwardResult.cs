namespace Faas.Gateway.Invocation;

/// <summary>How one forwarding of a call ended.</summary>
internal enum ForwardResult
{
    /// <summary>The response is written (the function's, or a problem).</summary>
    Answered,

    /// <summary>The worker no longer had the instance and nothing was answered yet: the call may go to another instance.</summary>
    InstanceGone,
}
