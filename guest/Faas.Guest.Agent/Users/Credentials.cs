namespace Faas.Guest.Agent.Users;

/// <summary>Who a program runs as: its user, primary group, supplementary groups and home directory.</summary>
internal sealed record Credentials(uint UserId, uint GroupId, IReadOnlyList<uint> SupplementaryGroupIds, string HomeDirectory)
{
    public const string RootHome = "/root";

    /// <summary>The agent's own identity: root with no supplementary groups.</summary>
    public static Credentials Root { get; } = new(0, 0, [], RootHome);

    /// <summary>Whether a program with these credentials can be started as a plain child of the agent, without switching identity.</summary>
    public bool IsAgentIdentity => UserId == 0 && GroupId == 0 && SupplementaryGroupIds.All(group => group == 0);
}
