using Faas.Gateway.Management;

namespace Faas.Gateway.Tests.Management;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("300ms", 300)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData("1m0.5s", 60_500)]
    [InlineData("1000us", 1)]
    [InlineData("1000µs", 1)]
    [InlineData("1000000ns", 1)]
    [InlineData(".5s", 500)]
    public void Go_durations_parse(string text, int milliseconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("5")]
    [InlineData("-5s")]
    [InlineData("5 s")]
    [InlineData("5sec")]
    [InlineData("1.2.3s")]
    public void Others_do_not(string text)
    {
        if (text == "5")
        {
            // A bare number is seconds (as in JSON), not a Go duration without a unit.
            Assert.True(Durations.TryParse(text, out var seconds));
            Assert.Equal(TimeSpan.FromSeconds(5), seconds);
            return;
        }

        Assert.False(Durations.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(500, "500ms")]
    [InlineData(1500, "1.5s")]
    [InlineData(30_000, "30s")]
    [InlineData(300_000, "5m0s")]
    [InlineData(5_400_000, "1h30m0s")]
    [InlineData(86_400_000, "24h0m0s")]
    public void Format_writes_what_go_writes(int milliseconds, string text)
    {
        Assert.Equal(text, Durations.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Format_then_parse_gives_the_same_duration()
    {
        foreach (var duration in new[] { TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(61.25), TimeSpan.FromHours(25) })
        {
            Assert.True(Durations.TryParse(Durations.Format(duration), out var again));
            Assert.Equal(duration, again);
        }
    }
}
