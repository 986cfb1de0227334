using Faas.Scheduler.Functions;
using Faas.Scheduler.Tests.Support;
using Faas.Worker.Functions;
using Faas.Worker.Logs;

namespace Faas.Scheduler.Tests.Functions;

public sealed class LogTests
{
    [Fact]
    public async Task Logs_of_every_worker_are_merged_oldest_first_and_a_cursor_reads_each_line_once()
    {
        var workers = new[] { TestWorker.Create("w1", memoryCapacityMiB: 128), TestWorker.Create("w2", memoryCapacityMiB: 128) };
        await using var cluster = await SchedulerCluster.StartAsync(workers);
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of(), DeployMode.Create);
        var a = await function.LeaseAsync();
        var b = await function.LeaseAsync();
        var key = new FunctionKey("acme", "hello--1");
        var t0 = DateTimeOffset.UtcNow;
        cluster.Manager(a.WorkerId!).Log(key, a.InstanceId!, LogSource.Stdout, "a1", t0.AddSeconds(1));
        cluster.Manager(b.WorkerId!).Log(key, b.InstanceId!, LogSource.Stderr, "b1", t0.AddSeconds(2));
        cluster.Manager(a.WorkerId!).Log(key, a.InstanceId!, LogSource.Stdout, "a2", t0.AddSeconds(3));

        var all = await function.GetLogsAsync(new LogQuery());
        var tail = await function.GetLogsAsync(new LogQuery(Tail: 2));
        var since = await function.GetLogsAsync(new LogQuery(Since: t0.AddSeconds(2.5)));
        cluster.Manager(b.WorkerId!).Log(key, b.InstanceId!, LogSource.Stdout, "b2", t0.AddSeconds(4));
        var next = await function.GetLogsAsync(new LogQuery(Cursor: all.Cursor));
        var nothing = await function.GetLogsAsync(new LogQuery(Cursor: next.Cursor));
        var afterTail = await function.GetLogsAsync(new LogQuery(Cursor: tail.Cursor));

        Assert.Equal(["a1", "b1", "a2"], all.Lines.Where(line => line.Stream != "platform").Select(line => line.Text));
        Assert.Equal(all.Lines.OrderBy(line => line.Timestamp).Select(line => line.Text), all.Lines.Select(line => line.Text));
        Assert.Contains(all.Lines, line => line.Stream == "platform" && line.InstanceId == "-" && line.Text == "deployed on " + a.WorkerId);
        var b1 = Assert.Single(all.Lines, line => line.Text == "b1");
        Assert.Equal((b.InstanceId, "stderr", 1), (b1.InstanceId, b1.Stream, b1.Version));
        Assert.Equal(["b1", "a2"], tail.Lines.Select(line => line.Text));
        Assert.Equal(["a2"], since.Lines.Select(line => line.Text));
        Assert.Equal(["b2"], next.Lines.Select(line => line.Text));
        Assert.Empty(nothing.Lines);
        Assert.Equal(["b2"], afterTail.Lines.Select(line => line.Text));
    }

    [Fact]
    public async Task Logs_of_a_version_stay_readable_after_it_drained_and_an_unreadable_cursor_reads_from_the_start()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var function = cluster.Function("hello");
        await function.DeployAsync(Specs.Of(), DeployMode.Create);
        var v1 = await function.LeaseAsync();
        cluster.Manager(v1.WorkerId!).Log(new FunctionKey("acme", "hello--1"), v1.InstanceId!, LogSource.Stdout, "from v1");
        await function.ReleaseAsync(v1.LeaseId!, LeaseOutcome.Completed);
        await function.DeployAsync(Specs.Of("127.0.0.1:5000/samples/hello:2"), DeployMode.Update);
        var v2 = await function.LeaseAsync();
        cluster.Manager(v2.WorkerId!).Log(new FunctionKey("acme", "hello--2"), v2.InstanceId!, LogSource.Stdout, "from v2");
        await Eventually.TrueAsync(() => Task.FromResult(cluster.Manager(v1.WorkerId!).Events.Contains("remove acme/hello--1")), "version 1 removed");

        var page = await function.GetLogsAsync(new LogQuery(Cursor: "not a cursor"));

        Assert.Equal([("from v1", 1), ("from v2", 2)], page.Lines.Where(line => line.Stream == "stdout").Select(line => (line.Text, line.Version)));
    }
}
