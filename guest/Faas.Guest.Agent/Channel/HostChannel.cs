using System.Diagnostics;
using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Channel;

/// <summary>Opens the device that leads to the host: a named virtio-serial port, or the console /dev/hvc0.</summary>
internal static class HostChannel
{
    public const string ConsoleDevice = "/dev/hvc0";

    private const string VirtioPortsDirectory = "/sys/class/virtio-ports";
    private static readonly TimeSpan PortWaitLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PortPollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Opens the channel the kernel command line names (<c>faas.port=NAME</c>), else /dev/hvc0 in raw mode.</summary>
    /// <exception cref="IOException">The device did not appear in time or cannot be opened.</exception>
    public static Stream Open(KernelCommandLine commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        if (commandLine.AgentPort is { } portName)
        {
            var device = WaitForPort(portName);
            return new FileDescriptorStream(OpenDevice(device), device);
        }

        var fd = OpenDevice(ConsoleDevice);
        try
        {
            RawTerminal.MakeRaw(fd, ConsoleDevice);
        }
        catch (IOException)
        {
            _ = LibC.close(fd);
            throw;
        }

        return new FileDescriptorStream(fd, ConsoleDevice);
    }

    /// <summary>The /dev path of the virtio-serial port named <paramref name="portName"/>, once it exists.</summary>
    public static string WaitForPort(string portName)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (FindPort(portName) is { } device && File.Exists(device))
            {
                return device;
            }

            if (clock.Elapsed > PortWaitLimit)
            {
                throw new IOException($"virtio-serial port '{portName}' did not appear under {VirtioPortsDirectory} within {PortWaitLimit.TotalSeconds:0} s");
            }

            Thread.Sleep(PortPollInterval);
        }
    }

    /// <summary>Ports are named in sysfs; there is no udev to make /dev/virtio-ports/NAME, so the device is /dev/&lt;port directory&gt;.</summary>
    private static string? FindPort(string portName)
    {
        if (!Directory.Exists(VirtioPortsDirectory))
        {
            return null;
        }

        foreach (var port in Directory.EnumerateDirectories(VirtioPortsDirectory))
        {
            var nameFile = Path.Join(port, "name");
            if (File.Exists(nameFile) && File.ReadAllText(nameFile).Trim() == portName)
            {
                return Path.Join("/dev", Path.GetFileName(port));
            }
        }

        return null;
    }

    private static int OpenDevice(string device)
    {
        var fd = LibC.open(device, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC, 0);
        return fd >= 0 ? fd : throw new IOException($"cannot open {device}: {Marshal.GetLastPInvokeErrorMessage()}");
    }
}
