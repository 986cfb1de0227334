namespace Faas.Scheduler.Tenants;

/// <summary>One tenant as the directory stores it.</summary>
[GenerateSerializer]
internal sealed class TenantRecord
{
    [Id(0)] public string Name { get; set; } = "";

    [Id(1)] public bool IsAdmin { get; set; }

    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Lower-case hex SHA-256 of each of its keys.</summary>
    [Id(3)] public List<string> KeyHashes { get; set; } = [];
}
