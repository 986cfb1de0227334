namespace Faas.Cli.Tests.Cluster;

/// <summary>One call made under load: when it started, how it ended and how long it took.</summary>
internal sealed record CallRecord(DateTimeOffset StartedAt, int Status, TimeSpan Elapsed, string? ContentType, string Body);
