namespace Faas.Cli.Client;

/// <summary>GET /system/logs parameters.</summary>
/// <param name="Name">The function.</param>
/// <param name="Since">Only lines at or after this time.</param>
/// <param name="Tail">Only the last N lines (before following).</param>
/// <param name="Follow">Keep the answer open and stream new lines.</param>
public sealed record LogQuery(string Name, DateTimeOffset? Since = null, int? Tail = null, bool Follow = false);
