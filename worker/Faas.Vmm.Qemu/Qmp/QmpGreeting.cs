namespace Faas.Vmm.Qemu.Qmp;

internal sealed record QmpGreeting(QmpGreetingVersion Version, IReadOnlyList<string> Capabilities);
