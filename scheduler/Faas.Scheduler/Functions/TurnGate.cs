namespace Faas.Scheduler.Functions;

/// <summary>
/// Lets one turn at a time through a section that awaits, in arrival order, inside a reentrant grain. Not thread-safe: a grain's
/// code runs one piece at a time, so it need not be.
/// </summary>
internal sealed class TurnGate
{
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private bool _held;

    public Task EnterAsync()
    {
        if (!_held)
        {
            _held = true;
            return Task.CompletedTask;
        }

        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Enqueue(turn);
        return turn.Task;
    }

    public void Exit()
    {
        if (_waiting.TryDequeue(out var next))
        {
            next.SetResult();
        }
        else
        {
            _held = false;
        }
    }
}
