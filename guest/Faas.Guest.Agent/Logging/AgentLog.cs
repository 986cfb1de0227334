using System.Runtime.InteropServices;
using System.Text;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Logging;

/// <summary>
/// Diagnostics as <c>faas-agent: ...</c> lines. In the guest they go to /dev/console, the serial console the host
/// captures; the console is opened on first use after it appears (devtmpfs may not be mounted yet).
/// </summary>
internal sealed class AgentLog : IDisposable
{
    private const string Prefix = "faas-agent: ";
    private const int StandardError = 2;

    private readonly Lock _gate = new();
    private readonly string? _consolePath;
    private int _consoleFd = -1;

    private AgentLog(string? consolePath) => _consolePath = consolePath;

    /// <summary>Writes to /dev/console (or standard error until the console can be opened).</summary>
    public static AgentLog ToConsole() => new("/dev/console");

    /// <summary>Writes to standard error.</summary>
    public static AgentLog ToStandardError() => new(null);

    public void Write(string message)
    {
        var line = Encoding.UTF8.GetBytes(Prefix + message + "\n");
        lock (_gate)
        {
            WriteAll(TargetFd(), line);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_consoleFd >= 0)
            {
                _ = LibC.close(_consoleFd);
                _consoleFd = -1;
            }
        }
    }

    private int TargetFd()
    {
        if (_consolePath is not null && _consoleFd < 0)
        {
            _consoleFd = LibC.open(_consolePath, LibC.O_WRONLY | LibC.O_NOCTTY | LibC.O_CLOEXEC, 0);
        }

        return _consoleFd >= 0 ? _consoleFd : StandardError;
    }

    private static unsafe void WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            var offset = 0;
            while (offset < data.Length)
            {
                var written = LibC.write(fd, start + offset, data.Length - offset);
                if (written < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR)
                {
                    continue;
                }

                if (written <= 0)
                {
                    return;
                }

                offset += (int)written;
            }
        }
    }
}
