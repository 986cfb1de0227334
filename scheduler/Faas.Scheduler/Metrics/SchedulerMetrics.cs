using System.Diagnostics.Metrics;
using Faas.Scheduler.Functions;

namespace Faas.Scheduler.Metrics;

/// <summary>The scheduler's meter, <c>Faas.Scheduler</c>: deploys and leases by result, and how long leases took.</summary>
public static class SchedulerMetrics
{
    public const string MeterName = "Faas.Scheduler";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Deploys = Meter.CreateCounter<long>("faas_deploys_total", description: "Deploys by result.");

    private static readonly Counter<long> Leases = Meter.CreateCounter<long>("faas_leases_total", description: "Instance leases by result.");

    private static readonly Histogram<double> LeaseWait = Meter.CreateHistogram<double>(
        "faas_lease_wait_seconds", unit: "s", description: "Time from asking for an instance to getting one (or not): warm, started, or queued.");

    public static void RecordDeploy(DeployStatus status) =>
        Deploys.Add(1, new KeyValuePair<string, object?>("result", ResultName(status.ToString())));

    public static void RecordLease(LeaseStatus status, TimeSpan waited)
    {
        var result = new KeyValuePair<string, object?>("result", ResultName(status.ToString()));
        Leases.Add(1, result);
        LeaseWait.Record(waited.TotalSeconds, result);
    }

    private static string ResultName(string status) => char.ToLowerInvariant(status[0]) + status[1..];
}
