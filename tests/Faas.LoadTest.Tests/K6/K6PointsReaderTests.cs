using Faas.LoadTest.Engine;
using Faas.LoadTest.K6;
using Faas.LoadTest.Recording;

namespace Faas.LoadTest.Tests.K6;

/// <summary>k6's JSON output (--out json), in the format its documentation shows, as lib/faas.js tags it.</summary>
public sealed class K6PointsReaderTests
{
    private const string Output = """
        {"type":"Metric","data":{"type":"trend","contains":"time","thresholds":[],"submetrics":null},"metric":"faas_latency"}
        {"type":"Point","data":{"time":"2026-11-23T10:00:00.100000000Z","value":5,"tags":null},"metric":"vus"}
        {"type":"Point","data":{"time":"2026-11-23T10:00:01.250123456Z","value":250.5,"tags":{"phase":"measure","stream":"0","start":"restore","status":"200","scenario":"measure_0"}},"metric":"faas_latency"}
        {"type":"Point","data":{"time":"2026-11-23T10:00:02.000000000Z","value":40,"tags":{"phase":"measure","stream":"0","start":"warm","status":"200","scenario":"measure_0"}},"metric":"faas_latency"}
        {"type":"Point","data":{"time":"2026-11-23T10:00:02.500000000Z","value":12,"tags":{"phase":"measure","stream":"0","start":"none","status":"429","scenario":"measure_0"}},"metric":"faas_latency"}
        {"type":"Point","data":{"time":"2026-11-23T10:00:03.000000000Z","value":1000,"tags":{"phase":"measure","stream":"0","start":"none","status":"0","error":"1050","scenario":"measure_0"}},"metric":"faas_latency"}
        {"type":"Point","data":{"time":"2026-11-23T10:00:03.100000000Z","value":3,"tags":{"phase":"measure","stream":"0","start":"none","status":"0","error":"1212","scenario":"measure_0"}},"metric":"faas_latency"}
        {"type":"Point","data":{"time":"2026-11-23T09:59:59.000000000Z","value":300,"tags":{"phase":"warmup","stream":"0","start":"restore","status":"200","scenario":"warmup_0"}},"metric":"faas_latency"}
        {"type":"Point","data":{"time":"2026-11-23T10:00:01.250000000Z","value":249.9,"tags":{"status":"200","method":"GET"}},"metric":"http_req_duration"}
        """;

    [Fact]
    public async Task Measured_latency_points_are_recorded_by_start_and_status()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, Output, TestContext.Current.CancellationToken);

        var figures = (await K6PointsReader.ReadAsync(path, TestContext.Current.CancellationToken)).Summarize();
        File.Delete(path);

        Assert.Equal(5, figures.All.Calls);
        Assert.Equal(2, figures.All.Ok);
        Assert.InRange(figures.For(StartKinds.Restore)!.P50Ms!.Value, 250.3, 250.7);
        Assert.InRange(figures.For(StartKinds.Warm)!.P50Ms!.Value, 39.9, 40.1);
        Assert.Equal(
            [new ErrorCount("429", 1), new ErrorCount("connection", 1), new ErrorCount("timeout", 1)],
            figures.All.ErrorsByStatus.OrderBy(e => e.Status, StringComparer.Ordinal));
        Assert.Null(figures.SendLag);
        // From the first intended start (10:00:01.250 - 250.5 ms) to the last response (10:00:03.100).
        Assert.InRange(figures.WindowSeconds, 2.09, 2.11);
    }

    [Fact]
    public void A_point_keeps_its_intended_start_and_end()
    {
        var call = K6PointsReader.Parse(Output.Split('\n')[2].Trim());

        Assert.NotNull(call);
        Assert.Equal("restore", call.Value.Start);
        Assert.Equal(200, call.Value.Status);
        Assert.Equal(CallFailure.None, call.Value.Failure);
        Assert.InRange(call.Value.LatencyUs, 250_499, 250_501);
    }
}
