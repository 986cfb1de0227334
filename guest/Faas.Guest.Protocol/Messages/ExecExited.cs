namespace Faas.Guest.Protocol.Messages;

/// <summary>The program ended. <paramref name="ExitCode"/> follows the shell's convention: 128 + signal when killed by a signal.</summary>
/// <param name="ExitCode">The exit status, or 128 + <paramref name="Signal"/>.</param>
/// <param name="Signal">The signal that killed it, if any.</param>
public sealed record ExecExited(int ExitCode, int? Signal = null);
