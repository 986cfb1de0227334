namespace Faas.Cli.Client;

/// <summary>One API key in GET /system/keys: its id, and whether the request was made with it.</summary>
public sealed record ApiKeyInfo(string Id, bool Current);
