using System.Diagnostics.Metrics;
using Faas.Scheduler.Functions;
using Faas.Scheduler.Metrics;
using Faas.Scheduler.Tests.Support;

namespace Faas.Scheduler.Tests.Functions;

public sealed class MetricsTests
{
    [Fact]
    public async Task Deploys_and_leases_are_counted_by_result_and_lease_waits_measured()
    {
        var measured = new List<(string Instrument, double Value, string? Result)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SchedulerMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var result = tags.ToArray().FirstOrDefault(tag => tag.Key == "result").Value as string;
            lock (measured)
            {
                measured.Add((instrument.Name, value, result));
            }
        }

        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
        await using var cluster = await SchedulerCluster.StartAsync();

        await cluster.Function("metered").DeployAsync(Specs.Of(), DeployMode.Create);
        await cluster.Function("unmetered").DeployAsync(Specs.Of("127.0.0.1:5000/missing:1"), DeployMode.Create);
        await cluster.Function("metered").LeaseAsync();
        await cluster.Function("nothing-here").LeaseAsync();

        lock (measured)
        {
            Assert.Contains(("faas_deploys_total", 1.0, "created"), measured);
            Assert.Contains(("faas_deploys_total", 1.0, "imageFailed"), measured);
            Assert.Contains(("faas_leases_total", 1.0, "leased"), measured);
            Assert.Contains(("faas_leases_total", 1.0, "notFound"), measured);
            Assert.Contains(measured, m => m.Instrument == "faas_lease_wait_seconds" && m.Result == "leased" && m.Value > 0);
        }
    }
}
