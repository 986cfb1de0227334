namespace Faas.Guest.Agent.Users;

/// <summary>One line of /etc/group.</summary>
internal sealed record GroupEntry(string Name, uint GroupId, IReadOnlyList<string> Members);
