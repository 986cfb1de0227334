using Faas.Guest.Agent.Users;

namespace Faas.Guest.Agent.Tests.Users;

public sealed class UserResolverTests
{
    private const string Passwd = """
        root:x:0:0:root:/root:/bin/sh
        daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
        # a comment, then a line that is not a passwd entry
        this is not an entry
        app:x:1000:1000:App User,,,:/home/app:/bin/sh
        nohome:x:1001:1001:::/bin/sh
        badid:x:-5:1:bad:/:/bin/sh
        nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin

        """;

    private const string Group = "root:x:0:\r\ndaemon:x:1:\r\napp:x:1000:\r\ndocker:x:999:app,web\r\nstaff:x:50: app \r\nnogroup:x:65534:\r\n";

    private static readonly UserDatabase Database = UserDatabase.Parse(Passwd, Group);

    [Fact]
    public void Passwd_and_group_parse_like_libc_skipping_comments_and_malformed_lines()
    {
        Assert.Equal(["root", "daemon", "app", "nohome", "nobody"], Database.Users.Select(user => user.Name));
        Assert.Equal(new PasswdEntry("app", 1000, 1000, "/home/app"), Database.Users[2]);
        Assert.Equal(["root", "daemon", "app", "docker", "staff", "nogroup"], Database.Groups.Select(group => group.Name));
        Assert.Equal(["app", "web"], Database.Groups[3].Members);
        Assert.Equal(["app"], Database.Groups[4].Members);
    }

    [Theory]
    [InlineData("app", 1000u, 1000u, new uint[] { 999, 50 }, "/home/app")]
    [InlineData("1000", 1000u, 1000u, new uint[] { 999, 50 }, "/home/app")]
    [InlineData("nobody", 65534u, 65534u, new uint[0], "/nonexistent")]
    [InlineData("root", 0u, 0u, new uint[0], "/root")]
    [InlineData("nohome", 1001u, 1001u, new uint[0], "/")]
    [InlineData("4242", 4242u, 0u, new uint[0], "/")]
    [InlineData("app:staff", 1000u, 50u, new uint[0], "/home/app")]
    [InlineData("app:7", 1000u, 7u, new uint[0], "/home/app")]
    [InlineData("1000:999", 1000u, 999u, new uint[0], "/home/app")]
    [InlineData("4242:docker", 4242u, 999u, new uint[0], "/")]
    [InlineData("4242:7777", 4242u, 7777u, new uint[0], "/")]
    [InlineData("65534:65534", 65534u, 65534u, new uint[0], "/nonexistent")]
    public void User_specs_resolve_to_credentials(string spec, uint uid, uint gid, uint[] groups, string home)
    {
        var resolution = UserResolver.Resolve(spec, Database);

        Assert.True(resolution.Resolved, resolution.Error);
        Assert.Equal(uid, resolution.Credentials.UserId);
        Assert.Equal(gid, resolution.Credentials.GroupId);
        Assert.Equal(groups, resolution.Credentials.SupplementaryGroupIds);
        Assert.Equal(home, resolution.Credentials.HomeDirectory);
    }

    [Theory]
    [InlineData("ghost", "unknown user 'ghost' in the image")]
    [InlineData("ghost:app", "unknown user 'ghost' in the image")]
    [InlineData("app:ghosts", "unknown group 'ghosts' in the image")]
    [InlineData("-1", "unknown user '-1' in the image")]
    [InlineData("", "invalid user '': expected name, uid, name:group or uid:gid")]
    [InlineData(":app", "invalid user ':app': expected name, uid, name:group or uid:gid")]
    [InlineData("app:", "invalid user 'app:': expected name, uid, name:group or uid:gid")]
    public void Unknown_or_malformed_specs_say_why(string spec, string error)
    {
        var resolution = UserResolver.Resolve(spec, Database);

        Assert.False(resolution.Resolved);
        Assert.Equal(error, resolution.Error);
    }

    [Fact]
    public void An_image_without_passwd_and_group_still_runs_numeric_users()
    {
        var root = Directory.CreateTempSubdirectory("faas-agent-noetc-").FullName;
        try
        {
            var empty = UserDatabase.Load(root);

            Assert.Empty(empty.Users);
            var numeric = UserResolver.Resolve("1234:5678", empty).Credentials!;
            Assert.Equal((1234u, 5678u, "/"), (numeric.UserId, numeric.GroupId, numeric.HomeDirectory));
            Assert.Equal("unknown user 'app' in the image", UserResolver.Resolve("app", empty).Error);
        }
        finally
        {
            Directory.Delete(root);
        }
    }

    [Fact]
    public void The_database_is_read_from_the_given_root()
    {
        var root = Directory.CreateTempSubdirectory("faas-agent-etc-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Join(root, "etc"));
            File.WriteAllText(Path.Join(root, "etc", "passwd"), Passwd);
            File.WriteAllText(Path.Join(root, "etc", "group"), Group);

            var resolution = UserResolver.Resolve("app", UserDatabase.Load(root));

            Assert.Equal(1000u, resolution.Credentials!.UserId);
            Assert.Equal([999u, 50u], resolution.Credentials.SupplementaryGroupIds);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData(0u, 0u, new uint[0], true)]
    [InlineData(0u, 0u, new uint[] { 0 }, true)]
    [InlineData(0u, 0u, new uint[] { 10 }, false)]
    [InlineData(0u, 5u, new uint[0], false)]
    [InlineData(65534u, 65534u, new uint[0], false)]
    public void Only_plain_root_runs_without_the_shim(uint uid, uint gid, uint[] groups, bool agentIdentity)
    {
        Assert.Equal(agentIdentity, new Credentials(uid, gid, groups, "/").IsAgentIdentity);
    }
}
