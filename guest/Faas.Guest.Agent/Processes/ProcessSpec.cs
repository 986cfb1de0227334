namespace Faas.Guest.Agent.Processes;

/// <summary>A program to start in the guest.</summary>
/// <param name="Argv">Program and arguments; the program is looked up in the PATH of <paramref name="Environment"/> when it has no slash.</param>
/// <param name="Environment">The program's complete environment; HOME is added from the user's passwd entry when missing.</param>
/// <param name="WorkingDirectory">Directory to run in.</param>
/// <param name="User">A container user spec resolved against the root's /etc/passwd and /etc/group; the agent's own identity (root) when null.</param>
/// <param name="NewSession">Start it in a session and process group of its own, so that it and its children can be killed together.</param>
internal sealed record ProcessSpec(
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    string? User,
    bool NewSession);
