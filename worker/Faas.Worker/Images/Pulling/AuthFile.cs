using System.Text;
using System.Text.Json.Nodes;

namespace Faas.Worker.Images.Pulling;

/// <summary>
/// A containers-auth.json file holding one registry's credentials, readable by the owner only (0600 from creation), deleted on dispose.
/// skopeo reads it through <c>--authfile</c>, so secrets never appear on a command line or in logs.
/// </summary>
internal sealed class AuthFile : IDisposable
{
    private AuthFile(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>Null when there is nothing to write: no credentials, or a source that is not a registry.</summary>
    public static AuthFile? Create(string directory, string? registryHost, RegistryCredentials? credentials)
    {
        if (registryHost is null || credentials is null)
        {
            return null;
        }

        var entry = new JsonObject();
        if (!string.IsNullOrEmpty(credentials.Username) || !string.IsNullOrEmpty(credentials.Password))
        {
            entry["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}"));
        }

        if (!string.IsNullOrEmpty(credentials.BearerToken))
        {
            // As docker login writes it: containers/image ignores an identity token whose entry has no "user:" auth.
            entry["auth"] ??= Convert.ToBase64String(Encoding.UTF8.GetBytes("<token>:"));
            entry["identitytoken"] = credentials.BearerToken;
        }

        if (entry.Count == 0)
        {
            return null;
        }

        var document = new JsonObject { ["auths"] = new JsonObject { [registryHost] = entry } };
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, $"{Environment.ProcessId}-{Guid.NewGuid():N}.auth.json");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(document.ToJsonString()));
        }

        return new AuthFile(path);
    }

    public void Dispose()
    {
        File.Delete(Path);
    }
}
