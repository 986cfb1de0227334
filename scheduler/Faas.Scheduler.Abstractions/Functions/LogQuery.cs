namespace Faas.Scheduler.Functions;

/// <summary>Which log lines to read.</summary>
/// <param name="Cursor">Only lines after this cursor (from a previous <see cref="LogPage"/>); null: from the start or <paramref name="Since"/>.</param>
/// <param name="Since">Only lines at or after this time.</param>
/// <param name="Tail">At most this many of the newest lines; null: all kept.</param>
[GenerateSerializer, Immutable]
public sealed record LogQuery(
    [property: Id(0)] string? Cursor = null,
    [property: Id(1)] DateTimeOffset? Since = null,
    [property: Id(2)] int? Tail = null);
