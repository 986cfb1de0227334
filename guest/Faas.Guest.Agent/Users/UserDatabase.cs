using System.Globalization;

namespace Faas.Guest.Agent.Users;

/// <summary>The users and groups of a root filesystem, parsed from its /etc/passwd and /etc/group.</summary>
internal sealed class UserDatabase(IReadOnlyList<PasswdEntry> users, IReadOnlyList<GroupEntry> groups)
{
    public IReadOnlyList<PasswdEntry> Users { get; } = users;

    public IReadOnlyList<GroupEntry> Groups { get; } = groups;

    /// <summary>Reads the files under <paramref name="root"/>; a missing file counts as empty.</summary>
    public static UserDatabase Load(string root = "/")
    {
        var passwd = ReadIfPresent(Path.Join(root, "etc", "passwd"));
        var group = ReadIfPresent(Path.Join(root, "etc", "group"));
        return Parse(passwd, group);
    }

    /// <summary>Parses passwd and group text; comments, blank and malformed lines are skipped, like libc does.</summary>
    public static UserDatabase Parse(string passwd, string group)
    {
        ArgumentNullException.ThrowIfNull(passwd);
        ArgumentNullException.ThrowIfNull(group);
        return new UserDatabase([.. Records(passwd).Select(ParseUser).OfType<PasswdEntry>()], [.. Records(group).Select(ParseGroup).OfType<GroupEntry>()]);
    }

    private static PasswdEntry? ParseUser(string[] fields) =>
        fields.Length >= 7 && TryParseId(fields[2], out var uid) && TryParseId(fields[3], out var gid)
            ? new PasswdEntry(fields[0], uid, gid, fields[5].Length > 0 ? fields[5] : UserResolver.DefaultHome)
            : null;

    private static GroupEntry? ParseGroup(string[] fields) =>
        fields.Length >= 4 && TryParseId(fields[2], out var gid)
            ? new GroupEntry(fields[0], gid, fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : null;

    private static IEnumerable<string[]> Records(string text) =>
        text.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Length > 0 && line[0] != '#' && line[0] != '+' && line[0] != '-')
            .Select(line => line.Split(':'));

    public static bool TryParseId(string text, out uint id) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id <= int.MaxValue;

    private static string ReadIfPresent(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return string.Empty;
        }
    }
}
