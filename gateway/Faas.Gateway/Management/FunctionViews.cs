using System.Globalization;
using Faas.Common.Durations;
using Faas.Scheduler.Functions;

namespace Faas.Gateway.Management;

/// <summary>Turns the scheduler's description of a function into the API's view of it.</summary>
public static class FunctionViews
{
    public static FunctionView Of(FunctionDescription function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var spec = function.Spec;
        var memory = MemorySizes.Format(spec.MemoryMiB);
        var current = function.Instances.Where(i => i.Version == function.Version && i.State != "draining").ToList();
        return new FunctionView
        {
            Name = function.Name,
            Namespace = function.Tenant,
            Image = spec.Image,
            ImageDigest = function.ImageDigest,
            Version = function.Version,
            EnvProcess = spec.Command is { Count: > 0 } command ? ShellWords.Join(command) : null,
            EnvVars = spec.EnvVars,
            Labels = spec.Labels,
            Annotations = spec.Annotations,
            Limits = new ResourcesView(memory, spec.VcpuCount.ToString(CultureInfo.InvariantCulture)),
            Memory = memory,
            MinInstances = spec.MinInstances,
            MaxInstances = spec.MaxInstances,
            MaxConcurrency = spec.MaxConcurrency,
            KeepAlive = GoDuration.Format(spec.KeepAlive),
            Timeout = GoDuration.Format(spec.Timeout),
            Port = spec.Port,
            User = spec.User,
            Replicas = current.Count,
            AvailableReplicas = current.Count(i => i.State is "idle" or "busy"),
            InvocationCount = function.Invocations,
            CreatedAt = function.DeployedAt,
            Snapshot = function.SnapshotState,
            Instances = [.. function.Instances.Select(i => new InstanceView(i.Id, i.WorkerId, i.Version, i.State, i.Start, i.ActiveCalls, i.LastUsedAt))],
        };
    }
}
