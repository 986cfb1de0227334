namespace Faas.Guest.Protocol.Messages;

/// <summary>Start the function: the image's entrypoint + cmd (already resolved by the host, overrides applied).</summary>
/// <param name="Argv">Program and arguments.</param>
/// <param name="Environment">The complete environment of the function (image env, overrides, PORT).</param>
/// <param name="WorkingDirectory">The image's working directory; / when null.</param>
/// <param name="User">The image's user: "name", "uid", "name:group" or "uid:gid", resolved against the image's /etc/passwd and /etc/group; root when null.</param>
/// <param name="Port">The TCP port on 127.0.0.1 that means ready once it accepts connections.</param>
/// <param name="ReadyTimeoutMilliseconds">How long the function may take to accept connections before it is reported as not ready (and killed).</param>
public sealed record StartFunctionRequest(
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string> Environment,
    string? WorkingDirectory,
    string? User,
    int Port,
    int ReadyTimeoutMilliseconds);
