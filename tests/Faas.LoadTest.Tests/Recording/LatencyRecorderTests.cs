using Faas.LoadTest.Engine;
using Faas.LoadTest.Recording;

namespace Faas.LoadTest.Tests.Recording;

public sealed class LatencyRecorderTests
{
    [Fact]
    public void Percentiles_count_from_the_intended_start()
    {
        var recorder = new LatencyRecorder();
        for (var i = 1; i <= 1000; i++)
        {
            // Meant to start at i ms, sent 5 ms late, answered i ms after it was meant to start.
            recorder.Record(new CallRecord("warm", 200, CallFailure.None, i * 1000, (i * 1000) + 5000, 2 * i * 1000));
        }

        var warm = recorder.Summarize().For(StartKinds.Warm)!;

        Assert.Equal(1000, warm.Ok);
        Assert.InRange(warm.P50Ms!.Value, 499.5, 500.5);
        Assert.InRange(warm.P90Ms!.Value, 899.5, 900.5);
        Assert.InRange(warm.P99Ms!.Value, 989.5, 990.5);
        Assert.InRange(warm.MaxMs!.Value, 999.5, 1000.5);
        Assert.InRange(warm.MinMs!.Value, 0.99, 1.01);
    }

    [Fact]
    public void Throughput_is_successful_calls_over_the_window_from_first_intended_start_to_last_response()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(new CallRecord("restore", 200, CallFailure.None, 0, 0, 1_000_000));
        recorder.Record(new CallRecord("warm", 200, CallFailure.None, 1_000_000, 1_000_000, 1_500_000));
        recorder.Record(new CallRecord("warm", 200, CallFailure.None, 1_500_000, 1_500_000, 2_000_000));
        recorder.Record(new CallRecord(null, 429, CallFailure.None, 1_900_000, 1_900_000, 1_910_000));

        var figures = recorder.Summarize();

        Assert.Equal(2.0, figures.WindowSeconds, 3);
        Assert.Equal(1.0, figures.For(StartKinds.Warm)!.ThroughputPerSecond, 3);
        Assert.Equal(0.5, figures.For(StartKinds.Restore)!.ThroughputPerSecond, 3);
        Assert.Equal(1.5, figures.All.ThroughputPerSecond, 3);
        Assert.Equal(4, figures.All.Calls);
        Assert.Equal([new ErrorCount("429", 1)], figures.For(StartKinds.None)!.ErrorsByStatus);
    }

    [Fact]
    public void Start_kinds_are_ordered_warm_restore_boot_then_others()
    {
        var recorder = new LatencyRecorder();
        foreach (var start in new[] { null, "boot", "Restore", "warm", "other" })
        {
            recorder.Record(new CallRecord(start, 200, CallFailure.None, 0, 0, 1000));
        }

        Assert.Equal(["warm", "restore", "boot", "other", "none"], recorder.Summarize().Starts.Select(kind => kind.Start));
    }

    [Fact]
    public void Calls_are_also_split_by_stream()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(new CallRecord("restore", 200, CallFailure.None, 0, 0, 300_000, Stream: 1));
        recorder.Record(new CallRecord("warm", 200, CallFailure.None, 0, 0, 20_000, Stream: 1));
        recorder.Record(new CallRecord("warm", 200, CallFailure.None, 0, 0, 10_000, Stream: 0));
        recorder.Record(new CallRecord(null, 429, CallFailure.None, 0, 0, 1_000, Stream: 0));

        var streams = recorder.Summarize().Streams;

        Assert.Equal([0, 1], streams.Select(stream => stream.Stream));
        Assert.Equal(2, streams[0].All.Calls);
        Assert.Equal(1, streams[0].All.Errors);
        Assert.Equal(["restore"], streams[1].Starts.Where(kind => kind.Start == "restore").Select(kind => kind.Start));
        Assert.InRange(streams[1].All.MaxMs!.Value, 299.5, 300.5);
    }
}
