namespace Faas.Scheduler.Tenants;

/// <summary>The names of a tenant's functions.</summary>
[GenerateSerializer]
internal sealed class TenantState
{
    [Id(0)] public List<string> Functions { get; set; } = [];
}
