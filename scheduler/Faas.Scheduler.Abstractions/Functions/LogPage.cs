namespace Faas.Scheduler.Functions;

/// <summary>Log lines of every version and worker of a function, oldest first, and the cursor to read what comes after them.</summary>
[GenerateSerializer, Immutable]
public sealed record LogPage(
    [property: Id(0)] IReadOnlyList<FunctionLogLine> Lines,
    [property: Id(1)] string Cursor);
