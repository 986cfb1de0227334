namespace Faas.Cli.Client;

/// <summary>A call to /function/{name}{path}.</summary>
/// <param name="Function">The function's name.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">What follows the name ("/sub?q=1"), or null.</param>
/// <param name="Headers">Request headers, in order; Content-* ones go on the body.</param>
/// <param name="Body">The body, or null for none.</param>
public sealed record InvocationRequest(
    string Function,
    HttpMethod Method,
    string? PathAndQuery = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null,
    HttpContent? Body = null);
