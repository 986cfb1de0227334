using System.Diagnostics;
using Faas.Vmm.Agent;
using Faas.Vmm.Qemu.Processes;
using Faas.Vmm.Qemu.Qmp;

namespace Faas.Vmm.Qemu;

/// <summary>
/// A QEMU that has started and connected to its QMP and agent sockets but is no VM yet: a boot or restore half-way, or a
/// standby waiting for the state of the next restore. Disposing it kills QEMU and removes its run directory.
/// </summary>
internal sealed class StartedQemu(
    string id, RunDirectory runDirectory, QemuProcess process, QmpClient qmp, Stream agentStream, Stopwatch sinceStart, bool keepConsoleLog)
    : IAsyncDisposable
{
    public string Id { get; } = id;

    public RunDirectory RunDirectory { get; } = runDirectory;

    public QemuProcess Process { get; } = process;

    public QmpClient Qmp { get; } = qmp;

    public Stream AgentStream { get; } = agentStream;

    /// <summary>Runs from QEMU's start; a standby restarts it when a restore takes it.</summary>
    public Stopwatch Elapsed { get; } = sinceStart;

    /// <summary>The VM, which from now on owns QEMU, the connections and the run directory.</summary>
    public QemuMicroVm ToMicroVm(VmBootSpec spec, AgentClient agent, bool restored) =>
        new(Id, spec, RunDirectory, Process, Qmp, agent, Elapsed.Elapsed, keepConsoleLog) { IsRestored = restored };

    public async ValueTask DisposeAsync()
    {
        Process.Kill();
        await Process.Exited.ConfigureAwait(false);
        await AgentStream.DisposeAsync().ConfigureAwait(false);
        await Qmp.DisposeAsync().ConfigureAwait(false);
        Process.Dispose();
        RunDirectory.Delete(keepConsoleLog);
    }
}
