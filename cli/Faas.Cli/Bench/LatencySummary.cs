namespace Faas.Cli.Bench;

/// <summary>Min, percentiles (nearest rank) and max of a set of durations, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double Min, double P50, double P90, double P99, double Max, double Mean)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
        {
            throw new ArgumentException("no samples", nameof(milliseconds));
        }

        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(
            sorted.Length,
            sorted[0],
            Percentile(sorted, 50),
            Percentile(sorted, 90),
            Percentile(sorted, 99),
            sorted[^1],
            sorted.Average());
    }

    /// <summary>The smallest sample with at least <paramref name="percent"/>% of samples at or below it.</summary>
    public static double Percentile(double[] sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
