namespace Faas.Guest.Protocol.Messages;

/// <summary>The program ended. <paramref name="ExitCode"/> follows the shell's convention: 128 + signal when killed by a signal.</summary>
/// <param name="ExitCode">The exit status, or 128 + <paramref name="Signal"/>.</param>
/// <param name="Signal">The signal that killed it, if any.</param>
/// <param name="OutputTail">For a function that exited before it was ready: its last lines of output, to explain why.</param>
public sealed record ExecExited(int ExitCode, int? Signal = null, string? OutputTail = null);
