namespace Faas.Scheduler.Tenants;

/// <summary>Every tenant, by name.</summary>
[GenerateSerializer]
internal sealed class TenantDirectoryState
{
    [Id(0)] public Dictionary<string, TenantRecord> Tenants { get; set; } = new(StringComparer.Ordinal);
}
