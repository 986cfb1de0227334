using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Vmm.Qemu.Qmp;

/// <summary>Anything QEMU sends: the greeting, a reply (return or error, with our id) or an event.</summary>
internal sealed record QmpMessage(
    [property: JsonPropertyName("QMP")] QmpGreeting? Greeting,
    [property: JsonPropertyName("return")] JsonElement? Return,
    QmpError? Error,
    JsonElement? Id,
    string? Event,
    JsonElement? Data,
    QmpTimestamp? Timestamp);
