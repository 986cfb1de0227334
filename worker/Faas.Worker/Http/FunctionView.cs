using Faas.Worker.Instances;
using Faas.Worker.Snapshots;

namespace Faas.Worker.Http;

/// <summary>A deployed function as the control API shows it: the deploy's settings (in the shape of <see cref="DeployRequest"/>) and its state.</summary>
public sealed record FunctionView(
    string Tenant,
    string Name,
    string Image,
    string ImageDigest,
    IReadOnlyList<string>? Entrypoint,
    IReadOnlyList<string>? Command,
    IReadOnlyDictionary<string, string>? Environment,
    string? WorkingDirectory,
    string? User,
    int Port,
    int MemoryMiB,
    int Vcpus,
    double TimeoutSeconds,
    double ReadyTimeoutSeconds,
    int MaxConcurrency,
    int MaxInstances,
    long MaxRequestBytes,
    long MaxResponseBytes,
    SnapshotStatus Snapshot,
    DateTimeOffset DeployedAt,
    IReadOnlyList<InstanceInfo> Instances)
{
    public static FunctionView Of(FunctionStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var d = status.Definition;
        var o = d.Overrides;
        return new FunctionView(
            d.Tenant, d.Name, d.Image, status.ImageDigest, o.Entrypoint, o.Command, o.Environment, o.WorkingDirectory, o.User, status.Port,
            d.MemoryMiB, d.VcpuCount, d.Timeout.TotalSeconds, d.ReadyTimeout.TotalSeconds, d.MaxConcurrency, d.MaxInstances,
            d.MaxRequestBytes, d.MaxResponseBytes, status.Snapshot, status.DeployedAt, status.Instances);
    }
}
