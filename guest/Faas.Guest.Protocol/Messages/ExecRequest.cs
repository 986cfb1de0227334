namespace Faas.Guest.Protocol.Messages;

/// <summary>Run a program in the guest. The first element of <paramref name="Argv"/> is looked up in PATH when it has no slash.</summary>
/// <param name="Argv">Program and arguments; must not be empty.</param>
/// <param name="Environment">Extra or overriding environment variables; the agent's defaults (PATH, HOME) apply otherwise.</param>
/// <param name="WorkingDirectory">Directory to run in; the guest's root when null.</param>
/// <param name="User">Run as this user ("name", "uid", "name:group", "uid:gid"); root when null.</param>
public sealed record ExecRequest(
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string>? Environment = null,
    string? WorkingDirectory = null,
    string? User = null);
