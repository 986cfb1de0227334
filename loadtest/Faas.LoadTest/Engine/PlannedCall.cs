namespace Faas.LoadTest.Engine;

/// <summary>One call of a run: when it is meant to start (after the run started), where it goes, and whether it is measured.</summary>
public sealed record PlannedCall(TimeSpan At, int Stream, CallTarget Target, bool Measured);
