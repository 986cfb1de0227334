namespace Faas.Worker.Logs;

/// <summary>One line a function wrote.</summary>
/// <param name="Sequence">Increases by one per line of the function, so a reader can ask for what came after the last line it saw.</param>
/// <param name="Timestamp">When the worker received the line.</param>
/// <param name="InstanceId">The instance whose process wrote it.</param>
/// <param name="Stream">stdout or stderr.</param>
/// <param name="Text">The line without its line break.</param>
public sealed record LogLine(long Sequence, DateTimeOffset Timestamp, string InstanceId, LogSource Stream, string Text);
