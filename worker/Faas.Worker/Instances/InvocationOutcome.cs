namespace Faas.Worker.Instances;

/// <summary>How one call ended.</summary>
public enum InvocationOutcome
{
    /// <summary>The function's whole response was delivered.</summary>
    Completed,

    /// <summary>The request body is larger than the function allows (413).</summary>
    RequestTooLarge,

    /// <summary>The response body is larger than the function allows: it was cut off (or never started) and the instance recycled.</summary>
    ResponseTooLarge,

    /// <summary>The function did not finish within its timeout (504); the instance was recycled.</summary>
    TimedOut,

    /// <summary>The function did not answer, or its instance died during the call (502).</summary>
    Failed,

    /// <summary>The caller went away; the instance was recycled.</summary>
    Cancelled,
}
