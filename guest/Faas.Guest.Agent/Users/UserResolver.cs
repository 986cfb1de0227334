namespace Faas.Guest.Agent.Users;

/// <summary>
/// Turns a container user spec ("name", "uid", "name:group", "uid:gid", "uid:group") into credentials, the way
/// container runtimes do: names are looked up in the image's files; numeric ids need not exist there.
/// </summary>
internal static class UserResolver
{
    /// <summary>The home of a numeric user that has no passwd entry.</summary>
    public const string DefaultHome = "/";

    public static UserResolution Resolve(string spec, UserDatabase database)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(database);
        var separator = spec.IndexOf(':', StringComparison.Ordinal);
        var userPart = separator < 0 ? spec : spec[..separator];
        var groupPart = separator < 0 ? null : spec[(separator + 1)..];
        if (userPart.Length == 0 || groupPart is { Length: 0 })
        {
            return UserResolution.Failure($"invalid user '{spec}': expected name, uid, name:group or uid:gid");
        }

        var entry = database.Users.FirstOrDefault(user => user.Name == userPart);
        if (entry is null && UserDatabase.TryParseId(userPart, out var numericUser))
        {
            entry = database.Users.FirstOrDefault(user => user.UserId == numericUser)
                ?? new PasswdEntry(userPart, numericUser, 0, DefaultHome);
        }

        if (entry is null)
        {
            return UserResolution.Failure($"unknown user '{userPart}' in the image");
        }

        if (groupPart is null)
        {
            var memberOf = database.Groups.Where(group => group.Members.Contains(entry.Name)).Select(group => group.GroupId);
            return UserResolution.Success(new Credentials(entry.UserId, entry.GroupId, [.. memberOf.Distinct()], entry.HomeDirectory));
        }

        var groupId = database.Groups.FirstOrDefault(group => group.Name == groupPart)?.GroupId;
        if (groupId is null && UserDatabase.TryParseId(groupPart, out var numericGroup))
        {
            groupId = numericGroup;
        }

        return groupId is { } gid
            ? UserResolution.Success(new Credentials(entry.UserId, gid, [], entry.HomeDirectory))
            : UserResolution.Failure($"unknown group '{groupPart}' in the image");
    }
}
