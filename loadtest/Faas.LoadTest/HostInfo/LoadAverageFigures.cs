namespace Faas.LoadTest.HostInfo;

/// <summary>The 1-minute load average over a run: first sample, min, mean, max, last sample, and how many samples.</summary>
public sealed record LoadAverageFigures(double AtStart, double Min, double Mean, double Max, double AtEnd, int Samples);
