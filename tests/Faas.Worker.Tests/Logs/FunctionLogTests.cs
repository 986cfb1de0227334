using Faas.Worker.Logs;

namespace Faas.Worker.Tests.Logs;

public sealed class FunctionLogTests
{
    [Fact]
    public void Keeps_the_last_lines_up_to_its_capacity_in_order()
    {
        var log = new FunctionLog(capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            log.Append("i-1", LogSource.Stdout, $"line {i}");
        }

        var lines = log.Read();

        Assert.Equal(["line 3", "line 4", "line 5"], lines.Select(line => line.Text));
        Assert.Equal([3L, 4L, 5L], lines.Select(line => line.Sequence));
    }

    [Fact]
    public void Reads_only_what_came_after_a_sequence_number_or_a_time()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var log = new FunctionLog(time: time);
        log.Append("i-1", LogSource.Stdout, "early");
        time.Advance(TimeSpan.FromSeconds(10));
        log.Append("i-2", LogSource.Stderr, "late");

        Assert.Equal(["late"], log.Read(afterSequence: 1).Select(line => line.Text));
        Assert.Equal(["late"], log.Read(since: time.GetUtcNow() - TimeSpan.FromSeconds(5)).Select(line => line.Text));
        var late = log.Read(afterSequence: 1)[0];
        Assert.Equal(("i-2", LogSource.Stderr), (late.InstanceId, late.Stream));
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
