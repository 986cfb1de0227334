namespace Faas.Guest.Agent.RootFs;

/// <summary>
/// The files a program reads to name and reach its own machine: /etc/hosts, /etc/resolv.conf and /etc/hostname. They
/// are written into the overlay of the new root, so the image itself is never changed.
/// </summary>
internal static class GuestNetworkFiles
{
    private const string MachineName = Setup.Hostname.Guest;
    private const UnixFileMode ReadableByAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static IReadOnlyList<(string Name, string Content)> Files { get; } =
    [
        ("hosts", $"127.0.0.1\tlocalhost {MachineName}\n::1\tlocalhost ip6-localhost ip6-loopback {MachineName}\n"),
        ("resolv.conf", "# The guest has no network unless the function asks for egress: no name server.\n"),
        ("hostname", $"{MachineName}\n"),
    ];

    /// <returns>Null, or what could not be written.</returns>
    public static string? WriteInto(string root)
    {
        var etc = Path.Join(root, "etc");
        foreach (var (name, content) in Files)
        {
            var path = Path.Join(etc, name);
            try
            {
                Directory.CreateDirectory(etc);

                // A link could lead out of the new root (it is not the root yet): replace it, never follow it.
                if (new FileInfo(path).LinkTarget is not null)
                {
                    File.Delete(path);
                }

                File.WriteAllText(path, content);
                File.SetUnixFileMode(path, ReadableByAll);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"cannot write /etc/{name} into the new root: {e.Message}";
            }
        }

        return null;
    }
}
