namespace Faas.Scheduler.Functions;

/// <summary>Grain keys and worker-side names of functions.</summary>
public static class FunctionKeys
{
    /// <summary>The <see cref="IFunctionGrain"/> key of a tenant's function.</summary>
    public static string Grain(string tenant, string name) => $"{tenant}/{name}";

    /// <summary>
    /// The name a version of a function has on a worker: "{name}--{version}". Unambiguous, since a version is digits only and is
    /// cut at the last "--".
    /// </summary>
    public static string OnWorker(string name, int version) => $"{name}--{version}";
}
