namespace Faas.Scheduler.Functions;

/// <summary>One deployed version of a function: its worker-side name, its spec and where it is deployed and snapshotted.</summary>
[GenerateSerializer]
internal sealed class VersionState
{
    [Id(0)] public int Version { get; set; }

    /// <summary><see cref="FunctionKeys.OnWorker"/>.</summary>
    [Id(1)] public string WorkerName { get; set; } = "";

    [Id(2)] public FunctionSpec Spec { get; set; } = new() { Image = "" };

    [Id(3)] public string ImageDigest { get; set; } = "";

    /// <summary>"ready", "failed", "disabled" or "creating", as the deploy's worker reported it.</summary>
    [Id(4)] public string SnapshotState { get; set; } = "";

    /// <summary>Workers that hold a ready snapshot of this version, and its content key there.</summary>
    [Id(5)] public Dictionary<string, string> Snapshots { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Workers this version was deployed on (to remove it from them, and to read its logs).</summary>
    [Id(6)] public List<string> Workers { get; set; } = [];

    [Id(7)] public DateTimeOffset DeployedAt { get; set; }

    /// <summary>Takes no new calls; its instances stop as their calls end, then it is removed from its workers.</summary>
    [Id(8)] public bool Draining { get; set; }

    public void AddWorker(string workerId)
    {
        if (!Workers.Contains(workerId, StringComparer.Ordinal))
        {
            Workers.Add(workerId);
        }
    }
}
