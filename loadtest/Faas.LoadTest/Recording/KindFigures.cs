namespace Faas.LoadTest.Recording;

/// <summary>
/// The calls of one start kind (or all of them): how many, how many failed and why, latency percentiles of the successful ones in
/// milliseconds from their intended start, and successful calls per second over the pass.
/// </summary>
public sealed record KindFigures(
    string Start,
    long Calls,
    long Ok,
    long Errors,
    double? MinMs,
    double? P50Ms,
    double? P90Ms,
    double? P99Ms,
    double? MaxMs,
    double? MeanMs,
    double ThroughputPerSecond,
    IReadOnlyList<ErrorCount> ErrorsByStatus);
