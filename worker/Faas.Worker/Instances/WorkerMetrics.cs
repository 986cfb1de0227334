using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Faas.Worker.Instances;

/// <summary>
/// The worker's meter, <see cref="MeterName"/>: live instances by state, functions with a ready snapshot, instance start
/// times by kind, and snapshot evictions. No label names a tenant or a function.
/// </summary>
public static class WorkerMetrics
{
    public const string MeterName = "Faas.Worker";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<IInstanceManager, byte> Managers = new();
    private static readonly Counter<long> SnapshotEvictions = Meter.CreateCounter<long>(
        "faas_snapshot_evictions_total", description: "Snapshot directories deleted: by reason, over_limit (least recently used) or incomplete");

    private static readonly Histogram<double> StartSeconds = Meter.CreateHistogram<double>(
        "faas_instance_start_seconds", "s", "From asking for a new instance until it could take calls");

    static WorkerMetrics()
    {
        Meter.CreateObservableGauge("faas_instances", ObserveInstances, description: "Live instances on this worker, by state");
        Meter.CreateObservableGauge("faas_snapshots", ObserveSnapshots, description: "Deployed functions whose new instances restore from a snapshot");
    }

    internal static void Track(IInstanceManager manager) => Managers.TryAdd(manager, 0);

    internal static void Untrack(IInstanceManager manager) => Managers.TryRemove(manager, out _);

    internal static void RecordStart(StartKind kind, double milliseconds) =>
        StartSeconds.Record(milliseconds / 1000, new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant()));

    internal static void RecordSnapshotEviction(Snapshots.Eviction.EvictionReason reason) =>
        SnapshotEvictions.Add(1, new KeyValuePair<string, object?>("reason", reason == Snapshots.Eviction.EvictionReason.OverLimit ? "over_limit" : "incomplete"));

    private static IEnumerable<Measurement<int>> ObserveInstances()
    {
        var counts = new int[Enum.GetValues<InstanceState>().Length];
        foreach (var manager in Managers.Keys)
        {
            foreach (var instance in manager.ListInstances())
            {
                counts[(int)instance.State]++;
            }
        }

        return Enum.GetValues<InstanceState>().Select(state =>
            new Measurement<int>(counts[(int)state], new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant())));
    }

    private static Measurement<int> ObserveSnapshots() =>
        new(Managers.Keys.Sum(manager => manager.ListFunctions().Count(function => function.Snapshot.State == Snapshots.SnapshotState.Ready)));
}
