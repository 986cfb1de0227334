using Faas.Cli.Bench;

namespace Faas.Cli.Tests.Bench;

public sealed class LatencySummaryTests
{
    [Fact]
    public void Nearest_rank_percentiles_of_one_to_a_hundred()
    {
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();

        var summary = LatencySummary.Of(samples);

        Assert.Equal((1, 50, 90, 99, 100), (summary.Min, summary.P50, summary.P90, summary.P99, summary.Max));
        Assert.Equal(50.5, summary.Mean);
        Assert.Equal(100, summary.Count);
    }

    [Fact]
    public void Five_runs_take_the_ceiling_rank()
    {
        var summary = LatencySummary.Of([10, 20, 30, 40, 50]);

        Assert.Equal((30, 50, 50), (summary.P50, summary.P90, summary.P99));
    }

    [Fact]
    public void No_samples_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => LatencySummary.Of([]));
    }
}
