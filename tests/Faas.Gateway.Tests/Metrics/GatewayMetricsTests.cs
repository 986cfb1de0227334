using System.Diagnostics.Metrics;
using Faas.Gateway.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Gateway.Tests.Metrics;

public sealed class GatewayMetricsTests
{
    [Theory]
    [InlineData(null, "none")]
    [InlineData("", "none")]
    [InlineData("none", "none")]
    [InlineData("warm", "warm")]
    [InlineData("restore", "restore")]
    [InlineData("boot", "boot")]
    [InlineData("something-a-function-made-up", "other")]
    public void Start_labels_are_bounded(string? start, string label)
    {
        Assert.Equal(label, GatewayMetrics.StartLabel(start));
    }

    [Fact]
    public void A_call_is_counted_and_timed_by_start_and_code_only()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new GatewayMetrics(services.GetRequiredService<IMeterFactory>());
        var measurements = new List<(string Instrument, object Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == GatewayMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Add((instrument.Name, value, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Add((instrument.Name, value, Tags(tags))));
        listener.Start();

        metrics.RecordInvocation("warm", 200, TimeSpan.FromMilliseconds(12));

        var count = Assert.Single(measurements, m => m.Instrument == GatewayMetrics.InvocationsName);
        Assert.Equal(1L, count.Value);
        Assert.Equal(new Dictionary<string, object?> { ["start"] = "warm", ["code"] = "200" }, count.Tags);
        var duration = Assert.Single(measurements, m => m.Instrument == GatewayMetrics.DurationName);
        Assert.Equal(0.012, (double)duration.Value, 6);
        Assert.Equal(new Dictionary<string, object?> { ["start"] = "warm" }, duration.Tags);
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            result[key] = value;
        }

        return result;
    }
}
