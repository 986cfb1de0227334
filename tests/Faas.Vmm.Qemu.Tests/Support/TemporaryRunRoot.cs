namespace Faas.Vmm.Qemu.Tests.Support;

/// <summary>A run-directory root of its own, so a test can check that nothing is left in it or running from it.</summary>
internal sealed class TemporaryRunRoot : IDisposable
{
    public TemporaryRunRoot() => Directory.CreateDirectory(Path);

    /// <summary>Short on purpose: unix socket paths are limited to 107 bytes.</summary>
    public string Path { get; } = System.IO.Path.Combine("/tmp", $"fq-{Guid.NewGuid().ToString("N")[..8]}");

    public QemuOptions Options(TimeSpan? bootTimeout = null) => new()
    {
        RunDirectoryRoot = Path,
        BootTimeout = bootTimeout ?? TimeSpan.FromSeconds(60),
    };

    public IReadOnlyList<string> Entries() => Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories).ToList();

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
