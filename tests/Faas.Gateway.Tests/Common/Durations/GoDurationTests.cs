using Faas.Common.Durations;

namespace Faas.Gateway.Tests.Common.Durations;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0s", 0)]
    [InlineData("300ms", 300)]
    [InlineData("500ms", 500)]
    [InlineData("20s", 20_000)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("5m", 300_000)]
    [InlineData("5m0s", 300_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1m0.5s", 60_500)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData("1000us", 1)]
    [InlineData("1500us", 1.5)]
    [InlineData("1000µs", 1)]
    [InlineData("1000μs", 1)]
    [InlineData("1000000ns", 1)]
    [InlineData(".5s", 500)]
    [InlineData(" 30s ", 30_000)]
    public void Go_durations_parse(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("2", 2000)]
    [InlineData("45", 45_000)]
    [InlineData("0.25", 250)]
    public void A_bare_number_is_seconds_as_in_json(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("-5")]
    [InlineData("-5s")]
    [InlineData("5 s")]
    [InlineData("5sec")]
    [InlineData("5 minutes")]
    [InlineData("5d")]
    [InlineData("1h30")]
    [InlineData("forever")]
    [InlineData("1.2.3s")]
    [InlineData("9999999999999999h")]
    [InlineData("99999999999999999999")]
    public void Others_do_not(string? text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Fact]
    public void A_tick_is_the_least_a_positive_duration_becomes()
    {
        Assert.True(GoDuration.TryParse("1ns", out var duration));
        Assert.Equal(TimeSpan.FromTicks(1), duration);
    }

    [Fact]
    public void Seconds_from_json_numbers_must_fit_a_timespan()
    {
        Assert.True(GoDuration.TryFromSeconds(1.5m, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), duration);
        Assert.False(GoDuration.TryFromSeconds(-1, out _));
        Assert.False(GoDuration.TryFromSeconds(decimal.MaxValue, out _));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(500, "500ms")]
    [InlineData(1500, "1.5s")]
    [InlineData(30_000, "30s")]
    [InlineData(300_000, "5m0s")]
    [InlineData(5_400_000, "1h30m0s")]
    [InlineData(86_400_000, "24h0m0s")]
    [InlineData(-1500, "-1.5s")]
    public void Format_writes_what_go_writes(int milliseconds, string text)
    {
        Assert.Equal(text, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Format_writes_less_than_a_millisecond_in_microseconds_or_nanoseconds()
    {
        Assert.Equal("1.5µs", GoDuration.Format(TimeSpan.FromTicks(15)));
        Assert.Equal("100ns", GoDuration.Format(TimeSpan.FromTicks(1)));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(250, "250ms")]
    [InlineData(1500, "1.5s")]
    [InlineData(20_000, "20s")]
    [InlineData(60_000, "1m")]
    [InlineData(90_000, "1m30s")]
    [InlineData(600_000, "10m")]
    [InlineData(3_600_000, "1h")]
    [InlineData(4_200_000, "1h10m")]
    [InlineData(3_630_000, "1h0m30s")]
    public void The_short_form_drops_zero_trailing_units(int milliseconds, string text)
    {
        Assert.Equal(text, GoDuration.FormatShort(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Format_then_parse_gives_the_same_duration()
    {
        foreach (var duration in new[] { TimeSpan.FromTicks(15), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(61.25), TimeSpan.FromHours(25) })
        {
            Assert.True(GoDuration.TryParse(GoDuration.Format(duration), out var again));
            Assert.Equal(duration, again);
            Assert.True(GoDuration.TryParse(GoDuration.FormatShort(duration), out again));
            Assert.Equal(duration, again);
        }
    }
}
