namespace Faas.Scheduler.Functions;

/// <summary>A lease handed to a call: the instance it holds and when it was handed out.</summary>
internal readonly record struct LeaseRecord(string InstanceId, DateTimeOffset LeasedAt);
