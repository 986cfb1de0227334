namespace Faas.Vmm.Qemu.Qmp;

/// <summary>The answer to query-status.</summary>
/// <param name="Status">QEMU's run state: prelaunch, running, paused, shutdown, inmigrate, …</param>
/// <param name="Running">True when the vCPUs are running.</param>
public sealed record QmpStatus(string Status, bool Running);
