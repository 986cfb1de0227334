using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Faas.Guest.Protocol;
using Faas.Vmm.Agent;
using Faas.Vmm.Qemu.Processes;
using Faas.Vmm.Qemu.Qmp;
using Faas.Vmm.Qemu.Sockets;

namespace Faas.Vmm.Qemu;

/// <summary>Boots micro-VMs with QEMU's microvm machine (TCG or KVM), driven over QMP.</summary>
public sealed class QemuBackend(QemuOptions? options = null) : IVmBackend
{
    /// <summary>How long a QEMU whose connections broke gets to finish exiting, so that its exit is what gets reported.</summary>
    private static readonly TimeSpan ExitReportGrace = TimeSpan.FromSeconds(5);

    public QemuOptions Options { get; } = options ?? new QemuOptions();

    public string Name => "qemu";

    /// <summary>QEMU processes started by this process that are still running (all backends).</summary>
    public static int LiveProcessCount => LiveQemuProcesses.Count;

    public async Task<IMicroVm> BootAsync(VmBootSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RequireFile(spec.KernelPath, "guest kernel");
        RequireFile(spec.InitrdPath, "initramfs");
        cancellationToken.ThrowIfCancellationRequested();

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var runDirectory = RunDirectory.Create(Options.RunDirectoryRoot, id);
        QemuProcess? process = null;
        try
        {
            using var qmpListener = Listen(runDirectory.QmpSocketPath);
            using var agentListener = Listen(runDirectory.AgentSocketPath);
            var arguments = QemuCommandLine.Build(Options, spec, runDirectory);
            var stopwatch = Stopwatch.StartNew();
            process = Start(arguments);

            using var boot = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            boot.CancelAfter(Options.BootTimeout);
            var connecting = ConnectAsync(qmpListener, agentListener, boot.Token);
            if (await Task.WhenAny(connecting, process.Exited).ConfigureAwait(false) != connecting)
            {
                await boot.CancelAsync().ConfigureAwait(false);
            }

            try
            {
                var (qmp, agent) = await connecting.ConfigureAwait(false);
                return new QemuMicroVm(id, runDirectory, process, qmp, agent, stopwatch.Elapsed, Options.KeepConsoleLog);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw await DescribeBootFailureAsync(process, runDirectory, e).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            await AbandonAsync(process, runDirectory).ConfigureAwait(false);
            if (e is OperationCanceledException)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            throw;
        }
    }

    private static async Task<(QmpClient Qmp, AgentClient Agent)> ConnectAsync(
        UnixSocketListener qmpListener, UnixSocketListener agentListener, CancellationToken cancellationToken)
    {
        var qmp = await QmpClient.ConnectAsync(await qmpListener.AcceptAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        Stream? agentStream = null;
        try
        {
            agentStream = await agentListener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            return (qmp, await AgentClient.ConnectAsync(agentStream, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            if (agentStream is not null)
            {
                await agentStream.DisposeAsync().ConfigureAwait(false);
            }

            await qmp.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<VmException> DescribeBootFailureAsync(QemuProcess process, RunDirectory runDirectory, Exception failure)
    {
        if (failure is OperationCanceledException && !process.HasExited)
        {
            return new VmException($"the guest agent did not say hello within {Options.BootTimeout.TotalSeconds:0.#} s (QEMU is still running; see the console log)", failure)
            {
                ConsoleTail = ConsoleLog.ReadTail(runDirectory.ConsoleLogPath),
            };
        }

        // A broken socket usually means QEMU is exiting: wait for it, so the report says why.
        try
        {
            await process.Exited.WaitAsync(ExitReportGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new VmException($"the guest agent's channel failed before its hello: {failure.Message}", failure)
            {
                ConsoleTail = ConsoleLog.ReadTail(runDirectory.ConsoleLogPath),
            };
        }

        var exitCode = await process.Exited.ConfigureAwait(false);
        var standardError = process.StandardErrorTail;
        var console = ConsoleLog.ReadTail(runDirectory.ConsoleLogPath);
        var why = standardError.Length > 0
            ? standardError.Split('\n')[^1]
            : "the guest stopped (it rebooted, powered off or panicked); the console log says why";
        return new VmException($"QEMU exited with code {exitCode} before the guest agent said hello: {why}", failure)
        {
            ConsoleTail = standardError.Length == 0 ? console : $"{console}\n--- QEMU stderr ---\n{standardError}".TrimStart('\n'),
        };
    }

    private async Task AbandonAsync(QemuProcess? process, RunDirectory runDirectory)
    {
        if (process is not null)
        {
            process.Kill();
            await process.Exited.ConfigureAwait(false);
            process.Dispose();
        }

        runDirectory.Delete(Options.KeepConsoleLog);
    }

    private QemuProcess Start(IReadOnlyList<string> arguments)
    {
        try
        {
            return QemuProcess.Start(Options.BinaryPath, arguments);
        }
        catch (Win32Exception e)
        {
            throw new VmException($"cannot start QEMU ({Options.BinaryPath}) through {ParentDeathWatchdog.Shell}: {e.Message}", e);
        }
    }

    private static UnixSocketListener Listen(string path)
    {
        try
        {
            return UnixSocketListener.Bind(path);
        }
        catch (SocketException e)
        {
            throw new VmException($"cannot listen on '{path}': {e.Message}", e);
        }
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new VmException($"the {what} '{path}' does not exist");
        }
    }
}
