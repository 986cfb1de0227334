namespace Faas.Gateway.Metrics;

/// <summary>The meters <c>/metrics</c> exports: the gateway's and those the scheduler and worker create in the same process.</summary>
public static class MeterNames
{
    public const string Scheduler = "Faas.Scheduler";

    public const string Worker = "Faas.Worker";

    public static IReadOnlyList<string> All { get; } = [GatewayMetrics.MeterName, Scheduler, Worker];
}
