using System.Text.Json.Serialization;

namespace Faas.Vmm.Qemu.Qmp;

/// <summary>What query-migrate says (the fields faas uses).</summary>
/// <param name="Status">setup, active, device, completed, failed, cancelled, …; null before any migration.</param>
/// <param name="ErrorDescription">Why it failed.</param>
internal sealed record QmpMigrationInfo(string? Status, [property: JsonPropertyName("error-desc")] string? ErrorDescription);
