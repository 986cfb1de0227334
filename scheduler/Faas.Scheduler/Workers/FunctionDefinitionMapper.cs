using Faas.Worker.Functions;
using Faas.Worker.Snapshots;

namespace Faas.Scheduler.Workers;

/// <summary>Turns one version of a function, as the scheduler holds it, into what the worker's instance manager deploys.</summary>
internal static class FunctionDefinitionMapper
{
    /// <remarks>
    /// The spec's command is OpenFaaS's process (envProcess): the whole command line, so it replaces the image's entrypoint (and
    /// with it the image's cmd), not only the cmd.
    /// </remarks>
    public static FunctionDefinition ToDefinition(WorkerFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var spec = function.Spec;
        return new FunctionDefinition
        {
            Tenant = function.Tenant,
            Name = function.Name,
            Image = spec.Image,
            Overrides = new FunctionOverrides(
                Entrypoint: spec.Command is { Count: > 0 } command ? command : null,
                Environment: spec.EnvVars.Count > 0 ? spec.EnvVars : null,
                User: spec.User,
                Port: spec.Port),
            MemoryMiB = spec.MemoryMiB,
            VcpuCount = spec.VcpuCount,
            Timeout = spec.Timeout,
            MaxConcurrency = spec.MaxConcurrency,
            MaxInstances = spec.MaxInstances,
            MaxRequestBytes = spec.MaxRequestBytes ?? FunctionDefinition.DefaultMaxBodyBytes,
            SnapshotSource = function.Peer is { } peer ? new SnapshotSource(new Uri(peer.WorkerUrl), peer.Key, peer.Digest) : null,
        };
    }

    public static FunctionKey Key(string tenant, string name) => new(tenant, name);
}
