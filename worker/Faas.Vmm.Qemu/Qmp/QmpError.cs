using System.Text.Json.Serialization;

namespace Faas.Vmm.Qemu.Qmp;

internal sealed record QmpError([property: JsonPropertyName("class")] string Class, [property: JsonPropertyName("desc")] string Description);
