namespace Faas.Scheduler.Postgres;

/// <summary>One suspicion of a silo, as stored in the membership row's <c>suspect_times</c> column.</summary>
internal sealed record SuspectTime(string Silo, DateTime At);
