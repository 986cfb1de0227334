using System.Text.Json;

namespace Faas.Vmm.Qemu.Qmp;

/// <summary>One command on the wire: {"execute": …, "arguments": …, "id": …}.</summary>
internal sealed record QmpCommand(string Execute, JsonElement? Arguments, string Id);
