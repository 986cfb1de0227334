using System.Text;

namespace Faas.Vmm.Qemu;

/// <summary>A VM's private directory (mode 0700): the QMP and agent sockets, the serial console log and, for a snapshottable VM, its RAM.</summary>
internal sealed class RunDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>sizeof(sockaddr_un.sun_path) minus the terminating NUL.</summary>
    private const int MaxSocketPathBytes = 107;

    private RunDirectory(string path) => Path = path;

    public string Path { get; }

    public string QmpSocketPath => System.IO.Path.Combine(Path, "qmp.sock");

    public string AgentSocketPath => System.IO.Path.Combine(Path, "agent.sock");

    public string ConsoleLogPath => System.IO.Path.Combine(Path, "console.log");

    /// <summary>Guest RAM of a VM booted to be snapshotted (a shared file mapping); a snapshot moves it out.</summary>
    public string MemoryPath => System.IO.Path.Combine(Path, "memory");

    /// <exception cref="VmException">The directory cannot be created or its socket paths would be too long.</exception>
    public static RunDirectory Create(string root, string vmId)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("QEMU VMs need unix sockets and unix file modes");
        }

        var directory = new RunDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(root, vmId)));
        var longest = Encoding.UTF8.GetByteCount(directory.AgentSocketPath);
        if (longest > MaxSocketPathBytes)
        {
            throw new VmException($"the run directory root '{root}' is too long: the socket path '{directory.AgentSocketPath}' has {longest} bytes, unix sockets allow {MaxSocketPathBytes}");
        }

        try
        {
            Directory.CreateDirectory(root, OwnerOnly);
            Directory.CreateDirectory(directory.Path, OwnerOnly);
            File.SetUnixFileMode(directory.Path, OwnerOnly);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VmException($"cannot create the VM's run directory '{directory.Path}': {e.Message}", e);
        }

        return directory;
    }

    /// <summary>Removes the directory, or everything in it but the console log.</summary>
    public void Delete(bool keepConsoleLog)
    {
        try
        {
            if (!keepConsoleLog)
            {
                Directory.Delete(Path, recursive: true);
                return;
            }

            foreach (var entry in Directory.EnumerateFileSystemEntries(Path))
            {
                if (entry != ConsoleLogPath)
                {
                    File.Delete(entry);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}
