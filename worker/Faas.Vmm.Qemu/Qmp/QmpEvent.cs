using System.Text.Json;

namespace Faas.Vmm.Qemu.Qmp;

/// <summary>An asynchronous event QEMU sent (SHUTDOWN, STOP, RESUME, …).</summary>
/// <param name="Name">The event name as QEMU spells it.</param>
/// <param name="Data">The event's data object, when it has one.</param>
/// <param name="Timestamp">When QEMU emitted it (host clock).</param>
public sealed record QmpEvent(string Name, JsonElement? Data, DateTimeOffset Timestamp);
