namespace Faas.Guest.Agent.Users;

/// <summary>One line of /etc/passwd.</summary>
internal sealed record PasswdEntry(string Name, uint UserId, uint GroupId, string HomeDirectory);
