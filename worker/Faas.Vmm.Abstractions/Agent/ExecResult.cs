namespace Faas.Vmm.Agent;

/// <summary>How a command run in the guest ended: an exit code, or an error saying why it never ran.</summary>
/// <param name="ExitCode">The exit status (128 + signal when killed), or null when the command did not run.</param>
/// <param name="Signal">The signal that killed it, if any.</param>
/// <param name="Error">Why the command could not be run or completed; null when it exited.</param>
/// <param name="OutputTail">For a function that ended before it was ready: its last lines of output.</param>
public sealed record ExecResult(int? ExitCode, int? Signal = null, string? Error = null, string? OutputTail = null)
{
    public static ExecResult Failed(string error) => new(null, null, error);
}
