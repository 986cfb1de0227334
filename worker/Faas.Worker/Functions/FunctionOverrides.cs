namespace Faas.Worker.Functions;

/// <summary>What a deploy (or `faas vm run --image`) changes of the image's own configuration.</summary>
/// <param name="Entrypoint">Replaces the image's entrypoint; the image's cmd is then dropped unless <paramref name="Command"/> is given (Docker's rule).</param>
/// <param name="Command">Replaces the image's cmd.</param>
/// <param name="Environment">Added to, or overriding, the image's environment.</param>
/// <param name="WorkingDirectory">Replaces the image's working directory.</param>
/// <param name="User">Replaces the image's user.</param>
/// <param name="Port">The port the function serves on; else $PORT from the environment; else 8080.</param>
public sealed record FunctionOverrides(
    IReadOnlyList<string>? Entrypoint = null,
    IReadOnlyList<string>? Command = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    string? WorkingDirectory = null,
    string? User = null,
    int? Port = null);
