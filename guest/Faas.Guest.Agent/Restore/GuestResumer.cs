using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Restore;

/// <summary>
/// Makes a guest restored from a snapshot its own machine again: its wall clock stopped when the snapshot was taken,
/// and its random number generator's state is shared with every other clone of that snapshot. Only system calls: this
/// runs on the restore's critical path. The agent itself keeps no random state to reset.
/// </summary>
internal static class GuestResumer
{
    /// <summary>Fewer fresh bytes than this could not reseed the kernel's generator to full strength (256 bits).</summary>
    public const int MinimumEntropyBytes = 32;

    private const int InitProcessId = 1;

    /// <returns>null when done, otherwise why not.</returns>
    public static string? Resume(ResumeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Entropy is not { Length: >= MinimumEntropyBytes and <= KernelEntropy.MaxBytes })
        {
            return $"cannot resume: the entropy must be {MinimumEntropyBytes} to {KernelEntropy.MaxBytes} bytes, got {request.Entropy?.Length ?? 0}";
        }

        // Outside a VM the agent is an ordinary process: it must not step the clock of the machine it runs on.
        if (Environment.ProcessId != InitProcessId)
        {
            return $"only the guest's init sets the guest's clock and entropy; this agent runs as pid {Environment.ProcessId}";
        }

        // Both are attempted whatever the other's outcome: a clone with a fresh generator and a stale clock is still better off.
        var entropyError = KernelEntropy.AddAndReseed(request.Entropy);
        var clockError = SystemClock.SetRealtime(request.UnixTimeNanoseconds);
        return entropyError is null ? clockError
            : clockError is null ? entropyError
            : $"{entropyError}; {clockError}";
    }
}
