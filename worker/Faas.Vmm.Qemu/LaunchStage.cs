namespace Faas.Vmm.Qemu;

/// <summary>How one start of QEMU (a boot or a restore) is waited for, and described when it fails.</summary>
/// <param name="Until">What a successful start ends with, for "QEMU exited … before …".</param>
/// <param name="Timeout">How long it may take.</param>
/// <param name="TimedOut">The message when it took too long.</param>
/// <param name="Broke">The message prefix when a connection broke and QEMU did not exit.</param>
internal sealed record LaunchStage(string Until, TimeSpan Timeout, string TimedOut, string Broke);
