namespace Faas.Gateway.Invocation;

/// <summary>Headers the gateway adds to calls and their responses.</summary>
public static class GatewayHeaders
{
    /// <summary>Every header with this prefix belongs to the platform: a client cannot send one to a function.</summary>
    public const string PlatformPrefix = "X-Faas-";

    /// <summary>The instance a call goes to (request, to the worker) or went to (response).</summary>
    public const string Instance = "X-Faas-Instance";

    /// <summary>warm, restore or boot (response, from the worker).</summary>
    public const string Start = "X-Faas-Start";

    /// <summary>The function version that served the call.</summary>
    public const string Version = "X-Faas-Version";

    /// <summary>The workers' shared key (request, to the worker); a client's is dropped like every platform header.</summary>
    public const string WorkerKey = "X-Faas-Worker-Key";

    /// <summary>On a worker's 401 (response): the worker refused the gateway's worker key, not the function the call.</summary>
    public const string WorkerRefused = "X-Faas-Worker-Refused";

    /// <summary>The call's id, also in the gateway's log; the function sees it too.</summary>
    public const string CallId = "X-Call-Id";

    /// <summary>Seconds spent in the gateway from the request to the response headers.</summary>
    public const string DurationSeconds = "X-Duration-Seconds";

    public static bool IsPlatformHeader(string name) => name.StartsWith(PlatformPrefix, StringComparison.OrdinalIgnoreCase);
}
