using System.Text;
using System.Text.Json.Nodes;
using Faas.Worker.Images;
using Faas.Worker.Images.Pulling;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Images.Pulling;

public sealed class AuthFileTests
{
    [Fact]
    public void Writes_basic_credentials_readable_by_the_owner_only_and_deletes_them_on_dispose()
    {
        using var directory = new TemporaryDirectory();
        string path;

        using (var file = AuthFile.Create(directory.Path, "127.0.0.1:5000", new RegistryCredentials("user", "pa:ss", null))!)
        {
            path = file.Path;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            var entry = JsonNode.Parse(File.ReadAllText(path))!["auths"]!["127.0.0.1:5000"]!;
            Assert.Equal("user:pa:ss", Encoding.UTF8.GetString(Convert.FromBase64String(entry["auth"]!.GetValue<string>())));
            Assert.Null(entry["identitytoken"]);
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Writes_a_token_as_an_identity_token()
    {
        using var directory = new TemporaryDirectory();

        using var file = AuthFile.Create(directory.Path, "registry.example.com", new RegistryCredentials(null, null, "tok"))!;

        var entry = JsonNode.Parse(File.ReadAllText(file.Path))!["auths"]!["registry.example.com"]!;
        Assert.Equal("tok", entry["identitytoken"]!.GetValue<string>());
        Assert.Equal("<token>:", Encoding.UTF8.GetString(Convert.FromBase64String(entry["auth"]!.GetValue<string>())));
    }

    [Fact]
    public void Writes_nothing_without_credentials_or_for_a_local_source()
    {
        using var directory = new TemporaryDirectory();

        Assert.Null(AuthFile.Create(directory.Path, "127.0.0.1:5000", null));
        Assert.Null(AuthFile.Create(directory.Path, null, new RegistryCredentials("user", "pass", null)));
        Assert.Null(AuthFile.Create(directory.Path, "127.0.0.1:5000", new RegistryCredentials(null, null, null)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [Fact]
    public void Credentials_do_not_print_their_secrets()
    {
        var text = new RegistryCredentials("user", "hunter2", "tok3n").ToString();

        Assert.Contains("user", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok3n", text, StringComparison.Ordinal);
    }
}
