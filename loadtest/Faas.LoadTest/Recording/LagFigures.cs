namespace Faas.LoadTest.Recording;

/// <summary>How late the load generator sent calls after their intended start (ms): near zero means the arrival rate held.</summary>
public sealed record LagFigures(double P50Ms, double P99Ms, double MaxMs);
