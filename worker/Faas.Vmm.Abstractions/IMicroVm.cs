using Faas.Vmm.Agent;

namespace Faas.Vmm;

/// <summary>A running micro-VM. Disposing it always ends the VM and frees everything it held.</summary>
public interface IMicroVm : IAsyncDisposable
{
    /// <summary>Unique id of this VM on this host.</summary>
    string Id { get; }

    /// <summary>The connection to the guest agent.</summary>
    AgentClient Agent { get; }

    /// <summary>Time from asking the hypervisor to start until the agent said hello.</summary>
    TimeSpan BootToReady { get; }

    /// <summary>File that receives everything the guest wrote on its serial console.</summary>
    string ConsoleLogPath { get; }

    /// <summary>Completes when the VM has stopped, for whatever reason.</summary>
    Task Exited { get; }

    /// <summary>Asks the guest to power off, and stops the VM if it does not within <paramref name="timeout"/>.</summary>
    Task ShutdownAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
