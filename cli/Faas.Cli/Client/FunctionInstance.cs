namespace Faas.Cli.Client;

/// <summary>One live instance of a function, as GET /system/functions describes it.</summary>
public sealed record FunctionInstance
{
    public string Id { get; init; } = "";

    public string? Worker { get; init; }

    public int Version { get; init; }

    public string? State { get; init; }

    public string? Start { get; init; }

    public int ActiveCalls { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }
}
