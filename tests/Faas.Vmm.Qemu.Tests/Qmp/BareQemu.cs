using Faas.Vmm.Qemu.Processes;
using Faas.Vmm.Qemu.Qmp;
using Faas.Vmm.Qemu.Sockets;
using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests.Qmp;

/// <summary>A real QEMU microvm with no guest, stopped before its first instruction (-S), and a QMP client on it.</summary>
internal sealed class BareQemu : IAsyncDisposable
{
    private readonly TemporaryRunRoot _root;

    private BareQemu(TemporaryRunRoot root, QemuProcess process, QmpClient qmp)
    {
        _root = root;
        Process = process;
        Qmp = qmp;
    }

    public QemuProcess Process { get; }

    public QmpClient Qmp { get; }

    public static async Task<BareQemu> StartAsync(CancellationToken cancellationToken)
    {
        var root = new TemporaryRunRoot();
        var socketPath = Path.Combine(root.Path, "qmp.sock");
        using var listener = UnixSocketListener.Bind(socketPath);
        var process = QemuProcess.Start("qemu-system-x86_64",
        [
            "-M", "microvm", "-S", "-nodefaults", "-no-user-config", "-display", "none",
            "-chardev", $"socket,id=qmp,path={socketPath},server=off", "-mon", "chardev=qmp,mode=control",
        ]);
        var stream = await listener.AcceptAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return new BareQemu(root, process, await QmpClient.ConnectAsync(stream, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        Process.Kill();
        await Process.Exited;
        Process.Dispose();
        await Qmp.DisposeAsync();
        _root.Dispose();
    }
}
