using Faas.Guest.Protocol.Messages;

namespace Faas.Vmm.Agent;

/// <summary>How starting a function went: ready on its port, or failed with the reason (and its last output lines).</summary>
/// <param name="Ready">Set when the function accepts connections.</param>
/// <param name="Failure">Set when it exited, could not be started or never became ready.</param>
/// <param name="Exited">Completes when the function's process ends (at once when it failed to start).</param>
public sealed record FunctionStart(FunctionReady? Ready, ExecResult? Failure, Task<ExecResult> Exited)
{
    public bool IsReady => Ready is not null;
}
