using System.Text.Json;

namespace Faas.Cli.Client;

/// <summary>An answer of the gateway, read into <typeparamref name="T"/> and kept as sent (for --json, which prints every field).</summary>
public sealed record GatewayDocument<T>(T Value, JsonElement Json);
