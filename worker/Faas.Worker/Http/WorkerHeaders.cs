namespace Faas.Worker.Http;

/// <summary>Headers the worker adds to every function response (and X-Faas-Instance, which a request may carry to choose its instance).</summary>
public static class WorkerHeaders
{
    /// <summary>warm, restore or boot: how the instance that answered came to be.</summary>
    public const string Start = "X-Faas-Start";

    /// <summary>The id of the instance that answered.</summary>
    public const string Instance = "X-Faas-Instance";

    /// <summary>The platform's shared worker key, which every request to a worker that has one must carry; never reaches a function.</summary>
    public const string WorkerKey = "X-Faas-Worker-Key";

    /// <summary>On the worker's 401 to a request without its key, so the gateway tells that apart from a function's own 401.</summary>
    public const string Refused = "X-Faas-Worker-Refused";
}
