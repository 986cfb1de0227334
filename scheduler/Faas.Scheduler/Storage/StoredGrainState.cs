namespace Faas.Scheduler.Storage;

/// <summary>The content of one state file: the state and the ETag a writer must present to replace it.</summary>
internal sealed class StoredGrainState<T>
{
    public string ETag { get; set; } = "";

    public T? State { get; set; }
}
