using System.Text;
using Faas.Guest.Artifacts.Cpio;
using Faas.Guest.Artifacts.Tools;

namespace Faas.Guest.Artifacts.Initramfs;

/// <summary>
/// Packs the guest's initramfs: the agent as /init, the shared libraries and loader it needs at the paths
/// the loader looks in, busybox with a link per applet, the usual empty mount points and a root-only
/// /etc/passwd and /etc/group. The same agent and busybox on the same host give byte-identical archives.
/// </summary>
public sealed class InitramfsBuilder
{
    /// <summary>Changes whenever the layout changes, so cached archives of an older layout are not reused.</summary>
    public const int FormatVersion = 1;

    public const string DefaultBusyboxPath = "/bin/busybox";

    private const string BusyboxArchivePath = "bin/busybox";

    private static readonly (string Path, UnixFileMode Mode)[] Directories =
    [
        ("bin", CpioModes.Directory),
        ("dev", CpioModes.Directory),
        ("etc", CpioModes.Directory),
        ("proc", CpioModes.Directory),
        ("root", CpioModes.Private),
        ("run", CpioModes.Directory),
        ("sbin", CpioModes.Directory),
        ("sys", CpioModes.Directory),
        ("tmp", CpioModes.SharedTemporary),
        ("usr/bin", CpioModes.Directory),
        ("usr/sbin", CpioModes.Directory),
    ];

    private static readonly (string Path, string Content)[] Files =
    [
        ("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"),
        ("etc/group", "root:x:0:\n"),
    ];

    private readonly SharedLibraryResolver libraries;
    private readonly BusyboxApplets applets;

    public InitramfsBuilder(string busyboxPath = DefaultBusyboxPath)
        : this(busyboxPath, CliWrapToolRunner.Instance)
    {
    }

    internal InitramfsBuilder(string busyboxPath, IToolRunner tools)
    {
        ArgumentException.ThrowIfNullOrEmpty(busyboxPath);
        BusyboxPath = busyboxPath;
        libraries = new SharedLibraryResolver(tools);
        applets = new BusyboxApplets(tools);
    }

    public string BusyboxPath { get; }

    /// <summary>Writes the archive (uncompressed newc cpio) for the agent at <paramref name="agentPath"/>.</summary>
    /// <exception cref="FileNotFoundException">The agent or busybox is missing.</exception>
    /// <exception cref="ArtifactBuildException">ldd or busybox failed, or the agent needs libraries the host lacks.</exception>
    public async Task BuildAsync(string agentPath, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var archive = await CreateArchiveAsync(agentPath, cancellationToken).ConfigureAwait(false);
        await archive.WriteToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    internal void EnsureBusyboxExists()
    {
        if (!File.Exists(BusyboxPath))
        {
            throw new FileNotFoundException($"busybox was not found at '{BusyboxPath}' (apt-get install busybox-static).", BusyboxPath);
        }
    }

    private async Task<CpioWriter> CreateArchiveAsync(string agentPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentPath);
        if (!File.Exists(agentPath))
        {
            throw new FileNotFoundException($"The guest agent binary '{agentPath}' does not exist.", agentPath);
        }

        EnsureBusyboxExists();
        var archive = new CpioWriter();
        foreach (var (path, mode) in Directories)
        {
            archive.AddDirectory(path, mode);
        }

        foreach (var (path, content) in Files)
        {
            archive.AddFile(path, Encoding.UTF8.GetBytes(content));
        }

        archive.AddFile("init", agentPath, CpioModes.Executable);
        foreach (var library in await libraries.ResolveAsync(agentPath, cancellationToken).ConfigureAwait(false))
        {
            archive.AddFile(library.TrimStart('/'), library, CpioModes.Executable);
        }

        archive.AddFile(BusyboxArchivePath, BusyboxPath, CpioModes.Executable);
        foreach (var applet in await applets.ListAsync(BusyboxPath, cancellationToken).ConfigureAwait(false))
        {
            if (!archive.Contains(applet))
            {
                archive.AddSymlink(applet, LinkToBusybox(applet));
            }
        }

        return archive;
    }

    /// <summary>A relative target, so the links also resolve in an archive unpacked somewhere other than /.</summary>
    private static string LinkToBusybox(string appletPath)
    {
        var directory = Path.GetDirectoryName("/" + appletPath) ?? "/";
        return Path.GetRelativePath(directory, "/" + BusyboxArchivePath);
    }
}
