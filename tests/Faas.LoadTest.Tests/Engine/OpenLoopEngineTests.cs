using Faas.Common.Net;
using Faas.LoadTest.Engine;
using Faas.LoadTest.Recording;
using Faas.LoadTest.Tests.Support;

namespace Faas.LoadTest.Tests.Engine;

/// <summary>The built-in engine against a local server whose latency is known.</summary>
[Collection(TimingTests.Name)]
public sealed class OpenLoopEngineTests
{
    /// <summary>
    /// What a percentile may exceed the server's own delay by: loopback HTTP, Kestrel and timer lateness on a 2-core machine that
    /// may be busy with other builds. Below the true value by at most HdrHistogram's precision (3 significant digits) + 1 ms.
    /// </summary>
    private const double OverheadToleranceMs = 60;

    private const int WarmUpCalls = 5;
    private const double WarmUpMs = 1000;

    [Fact]
    public async Task Percentiles_are_those_of_the_server_delays()
    {
        await using var server = await KnownLatencyServer.StartAsync();
        // 100 calls at 50/s, ten each of 20, 40, … 200 ms, shuffled: p50 = 100, p90 = 180, p99 = max = 200.
        var delays = Enumerable.Range(1, 10).SelectMany(step => Enumerable.Repeat(step * 20, 10)).ToArray();
        new Random(7).Shuffle(delays);
        // The same load unmeasured first: the first calls of a process pay for JIT compilation and new connections.
        var plan = WarmUp([.. delays.Select(delay => server.Url(delay))], 20)
            .Concat(delays.Select((delay, i) => Call(2000 + (i * 20), server.Url(delay))))
            .ToList();
        using var sender = new HttpCallSender(TimeSpan.FromSeconds(30));

        var figures = (await new OpenLoopEngine(sender, 1000).RunAsync(plan, TestContext.Current.CancellationToken)).Summarize();

        var all = figures.All;
        Assert.Equal(100, all.Calls);
        Assert.Equal(100, all.Ok);
        AssertNear(20, all.MinMs);
        AssertNear(100, all.P50Ms);
        AssertNear(180, all.P90Ms);
        AssertNear(200, all.P99Ms);
        AssertNear(200, all.MaxMs);
    }

    [Fact]
    public async Task A_slow_server_does_not_slow_the_arrival_rate()
    {
        await using var server = await KnownLatencyServer.StartAsync();
        // 40 calls at 40/s to a server that takes 500 ms each: a closed loop of one would need 20 s.
        var plan = WarmUp(server).Concat(Enumerable.Range(0, 40).Select(i => Call(WarmUpMs + (i * 25), server.Url(500)))).ToList();
        using var sender = new HttpCallSender(TimeSpan.FromSeconds(30));

        var started = DateTime.UtcNow;
        var figures = (await new OpenLoopEngine(sender, 1000).RunAsync(plan, TestContext.Current.CancellationToken)).Summarize();
        var elapsed = DateTime.UtcNow - started;

        var arrivals = server.Arrivals.Skip(WarmUpCalls).ToList();
        Assert.Equal(40, arrivals.Count);
        var spread = (arrivals[^1] - arrivals[0]).TotalMilliseconds;
        Assert.InRange(spread, 975 - 50, 975 + 250);
        Assert.InRange(elapsed.TotalSeconds - (WarmUpMs / 1000.0), 1.4, 3.5);
        AssertNear(500, figures.All.P50Ms);
        Assert.NotNull(figures.SendLag);
        Assert.InRange(figures.SendLag.P99Ms, 0, OverheadToleranceMs);
    }

    [Fact]
    public async Task Latency_runs_from_the_intended_start_when_calls_are_sent_late()
    {
        await using var server = await KnownLatencyServer.StartAsync();
        // One call in flight at most, 100 ms each, but meant to start every 50 ms: call i is sent at ~100·i ms and answered at
        // ~100·(i+1), so from its intended start (50·i) it took 100 + 50·i ms. From when it was sent, every call took 100 ms.
        var plan = WarmUp(server).Concat(Enumerable.Range(0, 10).Select(i => Call(WarmUpMs + (i * 50), server.Url(100)))).ToList();
        using var sender = new HttpCallSender(TimeSpan.FromSeconds(30));

        var figures = (await new OpenLoopEngine(sender, 1).RunAsync(plan, TestContext.Current.CancellationToken)).Summarize();

        var all = figures.All;
        Assert.Equal(10, all.Ok);
        AssertNear(100, all.MinMs);
        AssertNear(300, all.P50Ms, 2 * OverheadToleranceMs);
        AssertNear(550, all.MaxMs, 3 * OverheadToleranceMs);
        Assert.NotNull(figures.SendLag);
        Assert.InRange(figures.SendLag.MaxMs, 440, 450 + (3 * OverheadToleranceMs));
    }

    [Fact]
    public async Task Calls_are_split_by_their_start_header()
    {
        await using var server = await KnownLatencyServer.StartAsync();
        var urls = Enumerable.Repeat(server.Url(5, start: "restore"), 3)
            .Concat(Enumerable.Repeat(server.Url(1, start: "warm"), 7))
            .Concat(Enumerable.Repeat(server.Url(1), 2));
        var plan = WarmUp(server).Concat(urls.Select((url, i) => Call(WarmUpMs + (i * 10), url))).ToList();
        using var sender = new HttpCallSender(TimeSpan.FromSeconds(30));

        var figures = (await new OpenLoopEngine(sender, 100).RunAsync(plan, TestContext.Current.CancellationToken)).Summarize();

        Assert.Equal([StartKinds.Warm, StartKinds.Restore, StartKinds.None], figures.Starts.Select(kind => kind.Start));
        Assert.Equal(7, figures.For(StartKinds.Warm)!.Ok);
        Assert.Equal(3, figures.For(StartKinds.Restore)!.Ok);
        Assert.Equal(2, figures.For(StartKinds.None)!.Ok);
        Assert.Equal(12, figures.All.Ok);
        Assert.True(figures.For(StartKinds.Restore)!.MinMs >= 5);
    }

    [Fact]
    public async Task Errors_are_counted_by_status_and_left_out_of_the_latencies()
    {
        await using var server = await KnownLatencyServer.StartAsync();
        var closedPort = new Uri($"http://127.0.0.1:{FreePort.Pick()}/");
        var plan = new List<PlannedCall>
        {
            Call(0, server.Url(10, start: "warm")),
            Call(5, server.Url(10, start: "warm")),
            Call(10, server.Url(1, status: 429)),
            Call(15, server.Url(1, status: 429)),
            Call(20, server.Url(1, status: 502, start: "restore")),
            Call(25, server.Url(2000, start: "warm")),
            Call(30, closedPort),
        };
        using var sender = new HttpCallSender(TimeSpan.FromMilliseconds(500));

        var figures = (await new OpenLoopEngine(sender, 100).RunAsync(plan, TestContext.Current.CancellationToken)).Summarize();

        Assert.Equal(7, figures.All.Calls);
        Assert.Equal(2, figures.All.Ok);
        Assert.Equal(5, figures.All.Errors);
        Assert.Equal(
            [new ErrorCount("429", 2), new ErrorCount("502", 1), new ErrorCount("connection", 1), new ErrorCount("timeout", 1)],
            figures.All.ErrorsByStatus.OrderBy(e => e.Status, StringComparer.Ordinal));
        Assert.Equal([new ErrorCount("502", 1)], figures.For(StartKinds.Restore)!.ErrorsByStatus);
        Assert.Equal(0, figures.For(StartKinds.Restore)!.Ok);
        Assert.Null(figures.For(StartKinds.Restore)!.P50Ms);
        AssertNear(10, figures.For(StartKinds.Warm)!.MaxMs);
    }

    [Fact]
    public async Task Warm_up_calls_are_sent_but_not_recorded()
    {
        await using var server = await KnownLatencyServer.StartAsync();
        var plan = new List<PlannedCall>
        {
            new(TimeSpan.Zero, 0, new CallTarget(server.Url(1), null), false),
            new(TimeSpan.FromMilliseconds(10), 0, new CallTarget(server.Url(1), null), false),
            Call(20, server.Url(1)),
        };
        using var sender = new HttpCallSender(TimeSpan.FromSeconds(30));

        var figures = (await new OpenLoopEngine(sender, 100).RunAsync(plan, TestContext.Current.CancellationToken)).Summarize();

        Assert.Equal(3, server.Arrivals.Count);
        Assert.Equal(1, figures.All.Calls);
    }

    /// <summary>
    /// Unmeasured calls before a test's own, done by <see cref="WarmUpMs"/>: the first calls of a process pay for JIT
    /// compilation and new connections, which is not what the tests measure.
    /// </summary>
    private static IEnumerable<PlannedCall> WarmUp(KnownLatencyServer server) => WarmUp([.. Enumerable.Repeat(server.Url(0), WarmUpCalls)], 20);

    private static IEnumerable<PlannedCall> WarmUp(IReadOnlyList<Uri> urls, double intervalMs) =>
        urls.Select((url, i) => new PlannedCall(TimeSpan.FromMilliseconds(i * intervalMs), 0, new CallTarget(url, null), false));

    private static PlannedCall Call(double atMs, Uri url) => new(TimeSpan.FromMilliseconds(atMs), 0, new CallTarget(url, null), true);

    private static void AssertNear(double expectedMs, double? actualMs, double tolerance = OverheadToleranceMs)
    {
        Assert.NotNull(actualMs);
        Assert.InRange(actualMs.Value, (expectedMs * 0.999) - 1, expectedMs + tolerance);
    }
}
