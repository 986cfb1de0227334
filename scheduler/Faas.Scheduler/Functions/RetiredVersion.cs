namespace Faas.Scheduler.Functions;

/// <summary>A version that drained and was removed from its workers, remembered so its log lines can still be read.</summary>
[GenerateSerializer]
internal sealed class RetiredVersion
{
    [Id(0)] public int Version { get; set; }

    [Id(1)] public string WorkerName { get; set; } = "";

    [Id(2)] public List<string> Workers { get; set; } = [];
}
